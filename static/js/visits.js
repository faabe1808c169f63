/* 浏览次数 on a document page: fetched from the server's own counters (evaluation app), so the page itself is the
   same for every reader and can be cached whole. Without this script, or when the count cannot be read, nothing is
   shown. */
(function () {
  "use strict";
  var places = document.querySelectorAll("[data-visit-count]");
  if (!places.length || !window.fetch) { return; }
  fetch("/visits/count/?path=" + encodeURIComponent(window.location.pathname), { credentials: "omit" })
    .then(function (response) { return response.ok ? response.json() : null; })
    .then(function (data) {
      if (!data || typeof data.views !== "number") { return; }
      places.forEach(function (place) {
        var number = place.querySelector("[data-visit-number]");
        if (number) { number.textContent = String(data.views); }
        place.hidden = false;
      });
    })
    .catch(function () { /* counting is a courtesy: a failure shows nothing */ });
})();
