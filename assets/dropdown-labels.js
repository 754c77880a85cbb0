// Dash 4's dropdown names its button by the selected value only ("All"), so a screen reader
// would not say which filter it is. Put the visible label's id first in aria-labelledby
// ("Sex, All") and keep it there when Dash re-renders the button.
(function () {
  function label(button) {
    var own = document.getElementById(button.id + "-label");
    var ids = (button.getAttribute("aria-labelledby") || "").split(" ").filter(Boolean);
    if (own && ids[0] !== own.id) {
      button.setAttribute("aria-labelledby", [own.id].concat(ids.filter(function (i) { return i !== own.id; })).join(" "));
    }
  }
  function all() { document.querySelectorAll("button.dash-dropdown[id]").forEach(label); }
  new MutationObserver(all).observe(document.documentElement,
    {subtree: true, childList: true, attributes: true, attributeFilter: ["aria-labelledby"]});
  document.addEventListener("DOMContentLoaded", all);
})();
