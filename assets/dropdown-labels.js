// Dash 4's dropdown, made usable by keyboard and screen reader alike:
// - it names its button by the selected value only ("All"), so a screen reader would not say which
//   filter it is: the visible label's id goes first in aria-labelledby ("Sex, All");
// - it puts a hidden, aria-hidden input in the tab order that passes focus on to the button (which
//   it keeps out of the tab order): a keyboard user lands on something a screen reader cannot see
//   (axe-core's aria-hidden-focus). The button itself takes the tab stop instead, and the hidden
//   input none. Both are kept so when Dash draws the dropdown again.
(function () {
  function fix(button) {
    var own = document.getElementById(button.id + "-label");
    var ids = (button.getAttribute("aria-labelledby") || "").split(" ").filter(Boolean);
    if (own && ids[0] !== own.id) {
      button.setAttribute("aria-labelledby", [own.id].concat(ids.filter(function (i) { return i !== own.id; })).join(" "));
    }
    if (!button.disabled && button.getAttribute("tabindex") !== "0") { button.setAttribute("tabindex", "0"); }
    var proxy = button.parentElement && button.parentElement.querySelector(".dash-dropdown-focus-target");
    if (proxy && proxy.getAttribute("tabindex") !== "-1") { proxy.setAttribute("tabindex", "-1"); }
  }
  function all() { document.querySelectorAll("button.dash-dropdown[id]").forEach(fix); }
  new MutationObserver(all).observe(document.documentElement,
    {subtree: true, childList: true, attributes: true, attributeFilter: ["aria-labelledby", "tabindex"]});
  document.addEventListener("DOMContentLoaded", all);
})();
