// Click (or Enter/Space on) a claim or a quote rendering: highlight every span of the
// articles it comes from, in place, and bring the first into view. Plain DOM, no inline
// handlers: the page's Content-Security-Policy allows only this file.
(function () {
  "use strict";
  var active = null;

  function clear() {
    document.querySelectorAll(".seg.hl").forEach(function (el) { el.classList.remove("hl"); });
    document.querySelectorAll("[data-mark][aria-pressed=true]").forEach(function (el) {
      el.setAttribute("aria-pressed", "false");
    });
  }

  function select(button) {
    var mark = button.getAttribute("data-mark");
    clear();
    if (active === mark) { active = null; return; }
    active = mark;
    button.setAttribute("aria-pressed", "true");
    var spans = [];
    document.querySelectorAll(".seg[data-marks]").forEach(function (el) {
      if (el.getAttribute("data-marks").split(" ").indexOf(mark) >= 0) {
        el.classList.add("hl");
        spans.push(el);
      }
    });
    if (spans.length) {
      spans[0].scrollIntoView({ block: "center", behavior: "smooth" });
    }
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-mark]");
    if (button) { select(button); }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && active) { clear(); active = null; }
  });
})();
