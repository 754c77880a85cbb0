// dcc.Upload renders its file input with no name for a screen reader. Name it after the drop
// zone's visible words, and let the keyboard reach it through the zone (Enter opens the chooser).
(function () {
  function label() {
    document.querySelectorAll(".upload-zone input[type=file]:not([aria-label])").forEach(function (input) {
      input.setAttribute("aria-label", "Choose the files to upload");
    });
  }
  new MutationObserver(label).observe(document.documentElement, {subtree: true, childList: true});
  document.addEventListener("DOMContentLoaded", label);
})();
