/* 长者模式 and 高对比度, applied in the browser from the reader's cookies (large_text=1, high_contrast=1), so that
   every reader gets the same HTML and public pages can be cached whole. Loaded at the top of <body> (not deferred)
   so the classes are set before the page is painted: `mode-large` / `mode-contrast` on <html> and on <body>.
   The buttons switch a mode in place; without script they submit their GET form to /display-mode/, which sets
   the same cookie and returns to the page. */
(function () {
  "use strict";
  var MODES = { large_text: "mode-large", high_contrast: "mode-contrast" };
  var YEAR = 365 * 24 * 3600;

  function isOn(mode) {
    return new RegExp("(?:^|;\\s*)" + mode + "=1(?:;|$)").test(document.cookie);
  }

  function apply() {
    Object.keys(MODES).forEach(function (mode) {
      var on = isOn(mode);
      document.documentElement.classList.toggle(MODES[mode], on);
      if (document.body) { document.body.classList.toggle(MODES[mode], on); }
      document.querySelectorAll('.mode-toggle[value="' + mode + '"]').forEach(function (button) {
        button.setAttribute("aria-pressed", on ? "true" : "false");
        var label = on ? button.getAttribute("data-label-on") : button.getAttribute("data-label-off");
        if (label) { button.textContent = label; }
      });
    });
  }

  function toggle(event) {
    var mode = event.currentTarget.value;
    if (!MODES[mode]) { return; }
    event.preventDefault();
    var secure = window.location.protocol === "https:" ? "; secure" : "";
    document.cookie = mode + "=" + (isOn(mode) ? "0" : "1") + "; max-age=" + YEAR + "; path=/; samesite=lax" + secure;
    apply();
  }

  apply();
  document.addEventListener("DOMContentLoaded", function () {
    apply();
    document.querySelectorAll(".mode-toggle").forEach(function (button) {
      button.addEventListener("click", toggle);
    });
  });
})();
