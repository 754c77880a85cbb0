// The filter bar's one line, made again in the browser when a filter changes (the same words as
// dashboard/filterbar.py's summary), and its "Change filters" button: no data, no round trip.
window.dash_clientside = Object.assign({}, window.dash_clientside, {
  filters: {
    summary: function () {
      // arguments: each filter's value, then each filter's options, then the filters' labels
      var n = (arguments.length - 1) / 2;
      var labels = arguments[arguments.length - 1];
      var parts = [], period = "";
      for (var i = 0; i < n; i++) {
        var value = arguments[i], options = arguments[n + i] || [];
        var words = {};
        options.forEach(function (o) { words[o.value] = o.label; });
        if (i === 0) { period = words[value] || value || ""; continue; }
        if (value && value.length) {
          parts.push(labels[i] + ": " + value.map(function (v) { return words[v] || v; }).join(", "));
        }
      }
      return "Showing " + period + (parts.length ? "; " + parts.join("; ") : ", all children");
    },
    toggle: function (_clicks, isOpen) { return [!isOpen, String(!isOpen)]; },
    // The "show by" choice into the address beside the filters (dashboard/filterbar.py: VIEW_KEY),
    // so that the view can be bookmarked; years, the default, is left out.
    viewBy: function (value, search) {
      var params = new URLSearchParams(search || "");
      if (value === "year") { params.delete("view"); } else { params.set("view", value); }
      var query = params.toString();
      return query ? "?" + query : "";
    },
  },
});
