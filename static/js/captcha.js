/* 换一张: a new captcha picture and key from django-simple-captcha's refresh view, without reloading the form
   (what the citizen typed stays). The button is hidden until this script runs. */
(function () {
  "use strict";
  document.querySelectorAll("[data-captcha-refresh]").forEach(function (button) {
    if (button.dataset.ready) { return; }
    button.dataset.ready = "1";
    button.hidden = false;
    var box = button.closest(".captcha-box");
    button.addEventListener("click", function () {
      var request = new XMLHttpRequest();
      request.open("GET", button.dataset.captchaRefresh);
      request.setRequestHeader("X-Requested-With", "XMLHttpRequest");
      request.onload = function () {
        if (request.status !== 200) { return; }
        var data = JSON.parse(request.responseText);
        box.querySelector("[data-captcha-image]").src = data.image_url;
        box.querySelector("input[type=hidden]").value = data.key;
        var answer = box.querySelector("input[type=text]");
        answer.value = "";
        answer.focus();
      };
      request.send();
    });
  });
})();
