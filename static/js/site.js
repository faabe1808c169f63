/* Progressive enhancement only: every page works without this file. */
(function () {
  "use strict";
  // 打印本页: the buttons are hidden until script can run window.print().
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
})();
