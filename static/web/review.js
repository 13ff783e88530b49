// Keyboard use of the review queue: j / k move between pledges, c confirms, r rejects,
// e opens the correction form, m merges, / searches. Keys are ignored while typing.
(function () {
  "use strict";
  var current = 0;

  function cards() { return Array.prototype.slice.call(document.querySelectorAll(".review-card")); }

  function select(index) {
    var all = cards();
    if (!all.length) { return; }
    current = Math.max(0, Math.min(index, all.length - 1));
    all.forEach(function (card, i) { card.classList.toggle("selected", i === current); });
    all[current].scrollIntoView({ block: "nearest" });
    all[current].focus({ preventScroll: true });
  }

  function press(selector) {
    var card = cards()[current];
    var target = card && card.querySelector(selector);
    if (target) { target.click(); }
  }

  // Reject and merge need a reason (merge also a target): ask for what is missing first,
  // then Enter in that field performs the pending action.
  function prepare(action) {
    var card = cards()[current];
    if (!card) { return; }
    var form = card.querySelector("form.review-actions");
    var target = form.querySelector("[name=target]");
    var reason = form.querySelector("[name=reason]");
    form.dataset.pending = action;
    if (action === "merge" && !target.value) { target.focus(); return; }
    if (!reason.value.trim()) { reason.focus(); return; }
    press("[data-key=" + action + "]");
  }

  function typing(event) {
    var tag = event.target.tagName;
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || event.target.isContentEditable;
  }

  var keys = {
    j: function () { select(current + 1); },
    k: function () { select(current - 1); },
    c: function () { press("[data-key=confirm]"); },
    r: function () { prepare("reject"); },
    m: function () { prepare("merge"); },
    e: function () { press("[data-key=correct]"); },
    "/": function () { var q = document.getElementById("site-q"); if (q) { q.focus(); } }
  };

  document.addEventListener("keydown", function (event) {
    var form = event.target.closest && event.target.closest("form.review-actions");
    if (event.key === "Enter" && form && event.target.tagName === "INPUT") {
      event.preventDefault();
      var pending = form.dataset.pending;
      if (pending) { prepare(pending); }
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey) { return; }
    if (event.key === "Escape" && typing(event)) { event.target.blur(); return; }
    if (typing(event) || !keys[event.key]) { return; }
    event.preventDefault();
    keys[event.key]();
  });

  document.addEventListener("DOMContentLoaded", function () { select(0); });
  document.addEventListener("focusin", function (event) {
    var card = event.target.closest && event.target.closest(".review-card");
    if (card && cards().indexOf(card) !== current) { select(cards().indexOf(card)); }
  });
})();
