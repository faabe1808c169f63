// 在线访谈 live page: fetch the question-and-answer list every few seconds and swap it in, so new answers appear
// without reloading the page. The server renders the fragment (escaped by the template engine); no inline script.
(function () {
  "use strict";
  var box = document.getElementById("qa-list");
  if (!box || !box.dataset.pollUrl || !window.fetch) {
    return;
  }
  var seconds = parseInt(box.dataset.pollSeconds, 10) || 5;
  var last = "";
  function refresh() {
    fetch(box.dataset.pollUrl, { credentials: "same-origin", headers: { "X-Requested-With": "fetch" } })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (html !== null && html !== last) {
          last = html;
          box.innerHTML = html;
        }
      })
      .catch(function () { /* try again at the next tick */ })
      .then(function () { window.setTimeout(refresh, seconds * 1000); });
  }
  window.setTimeout(refresh, seconds * 1000);
})();
