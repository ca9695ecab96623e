// The story page, in plain DOM with no inline handlers (the page's Content-Security-Policy
// allows only this file). Click (or Enter/Space on) a claim, a disagreement or a quote
// rendering: its words are marked in the outlets' texts, the first match is brought into
// view and a bar offers "match n of m ‹ ›" and a way back to the claim. Escape clears.
// An outlet's sentence under a claim links to its place in that outlet's text; the claims
// take one Tab stop (arrow keys inside), and the filters show a kind or an outlet's claims.
// The outlets' row scrolls sideways under a strip of their names kept in step with it.
(function () {
  "use strict";
  var active = null;      // the selected button
  var matches = [];       // each match: the adjacent marked pieces of one span
  var current = -1;
  var bar = document.querySelector(".navigator");

  function clear() {
    document.querySelectorAll(".seg.hl").forEach(function (el) {
      el.classList.remove("hl", "current");
    });
    document.querySelectorAll("[data-mark][aria-pressed=true]").forEach(function (el) {
      el.setAttribute("aria-pressed", "false");
    });
    active = null;
    matches = [];
    current = -1;
    if (bar) { bar.hidden = true; }
  }

  // The marked pieces in page order, those next to each other in one body joined as one.
  function findMatches(mark) {
    var found = [];
    document.querySelectorAll(".body").forEach(function (body) {
      var run = null;
      body.childNodes.forEach(function (node) {
        var marked = node.nodeType === 1 && node.hasAttribute("data-marks") &&
          node.getAttribute("data-marks").split(" ").indexOf(mark) >= 0;
        if (marked) {
          node.classList.add("hl");
          if (run) { run.push(node); } else { run = [node]; found.push(run); }
        } else {
          run = null;
        }
      });
    });
    return found;
  }

  function show(index) {
    if (!matches.length) { return; }
    current = (index + matches.length) % matches.length;
    document.querySelectorAll(".seg.current").forEach(function (el) { el.classList.remove("current"); });
    matches[current].forEach(function (el) { el.classList.add("current"); });
    var fold = matches[current][0].closest("details");
    if (fold) { fold.open = true; }
    matches[current][0].scrollIntoView({ block: "center", inline: "nearest", behavior: "smooth" });
    if (bar) {
      bar.querySelector(".nav-count").textContent = "match " + (current + 1) + " of " + matches.length;
    }
  }

  function select(button) {
    var same = active === button;
    clear();
    if (same) { return; }
    active = button;
    button.setAttribute("aria-pressed", "true");
    matches = findMatches(button.getAttribute("data-mark"));
    if (!matches.length) { return; }
    if (bar) { bar.hidden = false; }
    show(0);
  }

  function back() {
    if (!active) { return; }
    var button = active;
    button.scrollIntoView({ block: "center", behavior: "smooth" });
    button.focus({ preventScroll: true });
  }

  // An outlet's sentence under a claim: the claim selected, and that outlet's match shown.
  function toEvidence(link) {
    var button = document.querySelector("button[data-mark='" + link.getAttribute("data-claim") + "']");
    var spot = document.getElementById(link.getAttribute("href").slice(1));
    if (!button || !spot) { return; }
    if (active !== button) { select(button); }
    for (var i = 0; i < matches.length; i++) {
      if (matches[i].indexOf(spot) >= 0) { show(i); return; }
    }
  }

  document.addEventListener("click", function (event) {
    var target = event.target;
    if (!(target instanceof Element)) { return; }
    if (target.closest(".nav-next")) { show(current + 1); return; }
    if (target.closest(".nav-prev")) { show(current - 1); return; }
    if (target.closest(".nav-back")) { back(); return; }
    var evidence = target.closest("a[data-claim]");
    if (evidence) { event.preventDefault(); toEvidence(evidence); return; }
    var button = target.closest("button[data-mark]");
    if (button) { select(button); }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && active) {
      var button = active;
      clear();
      button.focus();
    }
  });

  // The claims are one stop for Tab (a roving tabindex): the arrow keys, Home and End move
  // through the claims, their evidence links and folds, those the filters show.
  var claims = document.querySelector(".claim-groups");
  var STOPS = "button.claim, .evidence a, .more-evidence > summary";
  function stops() {
    return Array.prototype.filter.call(claims.querySelectorAll(STOPS), function (el) {
      return el.getClientRects().length > 0;
    });
  }
  function rove(to, focus) {
    claims.querySelectorAll(STOPS).forEach(function (el) { el.tabIndex = -1; });
    if (to) {
      to.tabIndex = 0;
      if (focus) { to.focus(); }
    }
  }
  if (claims) {
    rove(stops()[0], false);
    var keysHint = document.querySelector(".keys-hint");
    if (keysHint) { keysHint.hidden = false; }
    claims.addEventListener("focusin", function (event) {
      if (event.target instanceof Element && event.target.matches(STOPS)) { rove(event.target, false); }
    });
    claims.addEventListener("keydown", function (event) {
      var all = stops();
      var at = all.indexOf(document.activeElement);
      if (at < 0 || event.altKey || event.ctrlKey || event.metaKey) { return; }
      var to = { ArrowDown: at + 1, ArrowRight: at + 1, ArrowUp: at - 1, ArrowLeft: at - 1,
        Home: 0, End: all.length - 1 }[event.key];
      if (to === undefined) { return; }
      event.preventDefault();
      rove(all[Math.max(0, Math.min(all.length - 1, to))], true);
    });
  }

  // The filters: the claims of one kind and/or one outlet, and a count of those shown.
  var filters = document.querySelector(".filters");
  function applyFilters() {
    var kind = filters.querySelector("input[name=f-kind]:checked");
    var outlet = filters.querySelector("input[name=f-outlet]:checked");
    var wanted = [kind ? kind.value : "", outlet ? outlet.value : ""].filter(Boolean);
    var items = claims.querySelectorAll(".claim-item");
    var shown = 0;
    items.forEach(function (item) {
      var has = (item.getAttribute("data-filter") || "").split(" ");
      item.hidden = !wanted.every(function (w) { return has.indexOf(w) >= 0; });
      if (!item.hidden) { shown += 1; }
    });
    claims.querySelectorAll(".claim-group").forEach(function (group) {
      group.hidden = !group.querySelector(".claim-item:not([hidden])");
    });
    filters.querySelector(".filter-count").textContent =
      shown + " of " + items.length + (items.length === 1 ? " claim" : " claims");
    if (active && active.closest(".claim-item[hidden]")) { clear(); }
    var current = claims.querySelector("[tabindex='0']");
    if (!current || current.getClientRects().length === 0) { rove(stops()[0], false); }
  }
  if (filters && claims) {
    filters.addEventListener("change", applyFilters);
    applyFilters();
  }

  // The sticky strip of outlet names follows the row's sideways scroll.
  var row = document.querySelector(".outlet-row");
  var heads = document.querySelector(".outlet-heads");
  if (row && heads) {
    heads.hidden = false;
    row.closest(".outlets-section").classList.add("synced");
    row.addEventListener("scroll", function () { heads.scrollLeft = row.scrollLeft; }, { passive: true });
  }
})();
