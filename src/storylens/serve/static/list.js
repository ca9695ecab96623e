// The story list, live (no inline script: the page's Content-Security-Policy allows only
// files like this one). Two things, both optional to the page, which works without them:
// 1. What is new since the reader's last visit: the time of the previous visit is kept in
//    localStorage; a story whose newest article is dated on or after that day gets a "new"
//    badge (article dates are days, so "new" means "dated since the day of your last visit").
// 2. New stories as they arrive (storylens watch stores them as it fetches): every
//    POLL_MS the JSON API is asked for the most recent stories; those not on the page are
//    announced in a live region with a link that reloads the list.
(function () {
  "use strict";
  var POLL_MS = 30000;
  var KEY = "storylens.lastVisit";
  var list = document.querySelector("ol.stories");
  var note = document.querySelector(".live-note");

  function previousVisit() {
    // Kept for the whole browsing session, so reloading the page keeps the badges.
    var kept = null;
    try {
      kept = sessionStorage.getItem(KEY);
      if (kept === null) {
        kept = localStorage.getItem(KEY) || "";
        sessionStorage.setItem(KEY, kept);
      }
      localStorage.setItem(KEY, new Date().toISOString());
    } catch (e) { /* storage refused (private mode): no badges */ }
    return kept || "";
  }

  function markNew(since) {
    if (!since || !list) { return; }
    var day = since.slice(0, 10);
    list.querySelectorAll("li.story-item[data-last]").forEach(function (item) {
      var last = item.getAttribute("data-last");
      if (last && last.slice(0, 10) >= day && !item.querySelector(".badge.new")) {
        var badge = document.createElement("span");
        badge.className = "badge new";
        badge.textContent = "new since your last visit";
        item.querySelector(".badges").prepend(badge);
      }
    });
  }

  function shownIds() {
    var ids = {};
    document.querySelectorAll("li.story-item[data-id]").forEach(function (item) {
      ids[item.getAttribute("data-id")] = true;
    });
    return ids;
  }

  function poll() {
    fetch("/api/stories?sort=recent&limit=20", { headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (listed) {
        if (!listed || !note) { return; }
        var shown = shownIds();
        var fresh = listed.stories.filter(function (story) { return !shown[story.id]; });
        if (!fresh.length) { return; }
        note.hidden = false;
        note.querySelector(".live-count").textContent =
          fresh.length === 1 ? "1 new story" : fresh.length + " new stories";
      })
      .catch(function () { /* offline for a moment: try again at the next poll */ });
  }

  markNew(previousVisit());
  if (note) { window.setInterval(poll, POLL_MS); }
})();
