/* 图片新闻: one picture at a time with 上一张 / 下一张 / 暂停轮播, advancing every 6 seconds. It stops while the
   pointer or the keyboard focus is inside, when paused, and never starts for readers who asked for reduced motion.
   Without this file every picture shows in a grid. */
(function () {
  "use strict";
  var DELAY = 6000;
  document.querySelectorAll("[data-carousel]").forEach(function (box) {
    var slides = box.querySelectorAll("[data-carousel-slides] > li");
    if (slides.length < 2) { return; }
    var controls = box.querySelector("[data-carousel-controls]");
    var pause = box.querySelector("[data-carousel-pause]");
    var status = box.querySelector("[data-carousel-status]");
    var current = 0, timer = null, paused = false, hovered = false;
    var still = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    box.classList.add("is-carousel");
    controls.hidden = false;
    function show(index, announce) {
      current = (index + slides.length) % slides.length;
      slides.forEach(function (slide, i) { slide.hidden = i !== current; });
      if (announce) { status.textContent = "第" + (current + 1) + "张，共" + slides.length + "张"; }
    }
    function stop() { if (timer) { window.clearInterval(timer); timer = null; } }
    function start() {
      stop();
      if (!paused && !hovered && !still) { timer = window.setInterval(function () { show(current + 1, false); }, DELAY); }
    }
    function setPaused(value) {
      paused = value;
      pause.setAttribute("aria-pressed", value ? "true" : "false");
      pause.textContent = value ? "继续轮播" : "暂停轮播";
      start();
    }
    box.querySelector("[data-carousel-prev]").addEventListener("click", function () { show(current - 1, true); setPaused(true); });
    box.querySelector("[data-carousel-next]").addEventListener("click", function () { show(current + 1, true); setPaused(true); });
    pause.addEventListener("click", function () { setPaused(!paused); });
    box.addEventListener("mouseenter", function () { hovered = true; stop(); });
    box.addEventListener("mouseleave", function () { hovered = false; start(); });
    box.addEventListener("focusin", function () { hovered = true; stop(); });
    box.addEventListener("focusout", function () { hovered = false; start(); });
    show(0, false);
    if (still) { setPaused(true); } else { start(); }
  });
})();
