// The story page, in plain DOM with no inline handlers (the page's Content-Security-Policy
// allows only this file). Click (or Enter/Space on) a claim, a disagreement or a quote
// rendering: its words are marked in the outlets' texts, the first match is brought into
// view and a bar offers "match n of m ‹ ›" and a way back to the claim. Escape clears.
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

  document.addEventListener("click", function (event) {
    var target = event.target;
    if (!(target instanceof Element)) { return; }
    if (target.closest(".nav-next")) { show(current + 1); return; }
    if (target.closest(".nav-prev")) { show(current - 1); return; }
    if (target.closest(".nav-back")) { back(); return; }
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

  // The sticky strip of outlet names follows the row's sideways scroll.
  var row = document.querySelector(".outlet-row");
  var heads = document.querySelector(".outlet-heads");
  if (row && heads) {
    heads.hidden = false;
    row.closest(".outlets-section").classList.add("synced");
    row.addEventListener("scroll", function () { heads.scrollLeft = row.scrollLeft; }, { passive: true });
  }
})();
