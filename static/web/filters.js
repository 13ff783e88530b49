// On a phone the filters start folded (the chart and list come first); a state with
// filters applied keeps them open so that the reader sees what is selected.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var box = document.querySelector("[data-close-on-phone]");
    if (!box || !window.matchMedia("(max-width: 40rem)").matches) { return; }
    if (!window.location.search) { box.open = false; }
  });
})();
