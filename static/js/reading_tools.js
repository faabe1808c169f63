/* The document page's reading tools: 字号 大/中/小 (remembered on this device) and 关闭. Hidden until this runs. */
(function () {
  "use strict";
  var article = document.querySelector("[data-reading-article]");
  if (!article) { return; }
  var KEY = "reading-font-size";
  var sizes = article.querySelectorAll("[data-font-size]");
  function apply(size) {
    article.classList.remove("reading-large", "reading-medium", "reading-small");
    article.classList.add("reading-" + size);
    sizes.forEach(function (button) {
      button.setAttribute("aria-pressed", button.dataset.fontSize === size ? "true" : "false");
    });
  }
  sizes.forEach(function (button) {
    button.addEventListener("click", function () {
      apply(button.dataset.fontSize);
      try { window.localStorage.setItem(KEY, button.dataset.fontSize); } catch (e) { /* private mode */ }
    });
  });
  var saved = null;
  try { saved = window.localStorage.getItem(KEY); } catch (e) { /* private mode */ }
  apply(saved === "large" || saved === "small" ? saved : "medium");
  var close = article.querySelector("[data-close-window]");
  if (close) {
    close.addEventListener("click", function () {
      window.close();
      // A tab the reader opened themselves cannot be closed by a page: go back instead.
      window.setTimeout(function () { if (!window.closed) { window.history.back(); } }, 200);
    });
  }
  article.querySelectorAll("[data-reading-tool]").forEach(function (el) { el.hidden = false; });
})();
