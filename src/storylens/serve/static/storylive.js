// The story page, live (a file of its own: the Content-Security-Policy allows no inline
// script). Both parts are optional to the page, which works without them:
// 1. Facts new since the reader's last visit to this story: the places of the facts shown
//    ("article:start" of each claim's sentences, data-facts) are kept in localStorage per
//    story; a claim none of whose sentences was shown before gets a "new" badge.
// 2. Facts arriving while the page is open (storylens watch stores articles as it fetches
//    them): every POLL_MS the story's JSON is asked for, and claims with sentences the page
//    does not show are announced in a live region with a link that reloads the story.
(function () {
  "use strict";
  var POLL_MS = 30000;
  var story = document.querySelector("article.story[data-story]");
  var note = document.querySelector(".live-note.story-live");
  if (!story) { return; }
  var id = story.getAttribute("data-story");
  var KEY = "storylens.facts." + id;
  var items = Array.prototype.slice.call(document.querySelectorAll("li.claim-item[data-facts]"));

  function keysOf(item) {
    return (item.getAttribute("data-facts") || "").split(" ").filter(Boolean);
  }

  var shown = {};
  items.forEach(function (item) {
    keysOf(item).forEach(function (key) { shown[key] = true; });
  });

  function previousVisit() {
    // The facts of the visit before this browsing session's first, kept for the session so
    // that reloading keeps the badges; null on a first visit (nothing to call new).
    var kept = null;
    try {
      kept = sessionStorage.getItem(KEY);
      if (kept === null) {
        kept = localStorage.getItem(KEY) || "";
        sessionStorage.setItem(KEY, kept);
      }
      localStorage.setItem(KEY, Object.keys(shown).join(" "));
    } catch (e) { /* storage refused (private mode): no badges */ }
    if (!kept) { return null; }
    var seen = {};
    kept.split(" ").forEach(function (key) { seen[key] = true; });
    return seen;
  }

  function markNew(seen) {
    if (!seen) { return; }
    items.forEach(function (item) {
      var keys = keysOf(item);
      var button = item.querySelector("button.claim");
      if (!keys.length || !button || keys.some(function (key) { return seen[key]; })) { return; }
      var badge = document.createElement("span");
      badge.className = "badge new";
      badge.textContent = "new since your last visit";
      button.insertBefore(badge, button.firstChild);
    });
  }

  function newFacts(report) {
    var count = 0;
    (report.stories || []).forEach(function (found) {
      (found.claims || []).forEach(function (claim) {
        var keys = (claim.sources || []).map(function (s) { return s.article + ":" + s.start; });
        if (keys.length && !keys.some(function (key) { return shown[key]; })) { count += 1; }
      });
    });
    return count;
  }

  function poll() {
    fetch("/api/stories/" + encodeURIComponent(id), { headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (report) {
        var count = report ? newFacts(report) : 0;
        if (!count || !note) { return; }
        note.hidden = false;
        note.querySelector(".live-count").textContent =
          count === 1 ? "1 new fact" : count + " new facts";
      })
      .catch(function () { /* offline for a moment: try again at the next poll */ });
  }

  markNew(previousVisit());
  if (note) { window.setInterval(poll, POLL_MS); }
})();
