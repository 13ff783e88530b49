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

// Shareable URLs stay short: leave out empty filters and the default options.
(function () {
  "use strict";
  var DEFAULTS = { currency: "usd", interval: "month" };
  document.addEventListener("htmx:configRequest", function (event) {
    if (!event.detail.elt || event.detail.elt.id !== "filters") { return; }
    var params = event.detail.parameters;
    var names = params instanceof FormData ? Array.from(new Set(params.keys())) : Object.keys(params);
    names.forEach(function (name) {
      var values = params instanceof FormData ? params.getAll(name) : [].concat(params[name]);
      var kept = values.filter(function (v) { return v !== "" && v !== DEFAULTS[name]; });
      if (kept.length === values.length) { return; }
      if (params instanceof FormData) {
        params.delete(name);
        kept.forEach(function (v) { params.append(name, v); });
      } else if (kept.length) {
        params[name] = kept.length === 1 ? kept[0] : kept;
      } else {
        delete params[name];
      }
    });
  });
})();
