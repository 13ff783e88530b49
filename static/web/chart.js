// Draw the page's timeline with Plotly from the figure the server put in #chart-data,
// and again whenever htmx swaps in new results (filters applied without a reload).
(function () {
  "use strict";

  // On a phone: narrower margins, no axis titles, a smaller legend.
  function compact(layout) {
    layout.margin = { l: 44, r: 44, t: 8, b: 32 };
    layout.yaxis.title = { text: "" };
    layout.yaxis2.title = { text: "" };
    layout.font.size = 10;
    layout.legend.font = { size: 10 };
    layout.legend.y = -0.12;
  }

  function draw() {
    var holder = document.getElementById("chart");
    var source = document.getElementById("chart-data");
    if (!holder || !source || !window.Plotly) { return; }
    var figure = JSON.parse(source.textContent);
    if (!figure.data.length || !figure.data[0].x.length) { return; }
    if (holder.clientWidth < 600) { compact(figure.layout); }
    holder.textContent = "";
    window.Plotly.newPlot(holder, figure.data, figure.layout, {
      responsive: true,
      displaylogo: false,
      modeBarButtonsToRemove: ["select2d", "lasso2d", "autoScale2d"]
    }).then(function () { holder.dataset.rendered = "true"; });
  }

  document.addEventListener("DOMContentLoaded", draw);
  document.addEventListener("htmx:afterSettle", draw);
})();
