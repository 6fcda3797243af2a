// Redacted copies: drag a box on a page image to add a region line to the form
// ("page left top width height", in percent of the page), and show every region as a box.
(function () {
  "use strict";
  var form = document.getElementById("redact-form");
  var field = document.getElementById("regions");
  if (!form || !field) { return; }

  function round(value) { return Math.round(value * 100) / 100; }

  function regions() {
    return field.value.split("\n").map(function (line) {
      var v = line.replace(/[,;]/g, " ").trim().split(/\s+/).map(Number);
      return v.length === 5 && v.every(isFinite) ? v : null;
    }).filter(Boolean);
  }

  function draw() {
    document.querySelectorAll(".redact-box").forEach(function (box) { box.remove(); });
    regions().forEach(function (r) {
      var canvas = document.querySelector('.redact-page[data-page="' + r[0] + '"] .redact-canvas');
      if (canvas) { canvas.appendChild(box(r[1], r[2], r[3], r[4])); }
    });
  }

  function box(left, top, width, height) {
    var el = document.createElement("div");
    el.className = "redact-box";
    el.style.left = left + "%";
    el.style.top = top + "%";
    el.style.width = width + "%";
    el.style.height = height + "%";
    return el;
  }

  document.querySelectorAll(".redact-page").forEach(function (figure) {
    var canvas = figure.querySelector(".redact-canvas");
    var start = null;
    var preview = null;
    function point(event) {
      var rect = canvas.getBoundingClientRect();
      return {
        x: Math.min(100, Math.max(0, (event.clientX - rect.left) / rect.width * 100)),
        y: Math.min(100, Math.max(0, (event.clientY - rect.top) / rect.height * 100))
      };
    }
    function area(a, b) {
      return [Math.min(a.x, b.x), Math.min(a.y, b.y), Math.abs(a.x - b.x), Math.abs(a.y - b.y)];
    }
    canvas.addEventListener("pointerdown", function (event) {
      start = point(event);
      preview = box(start.x, start.y, 0, 0);
      preview.classList.add("drawing");
      canvas.appendChild(preview);
      canvas.setPointerCapture(event.pointerId);
    });
    canvas.addEventListener("pointermove", function (event) {
      if (!start) { return; }
      var a = area(start, point(event));
      preview.style.left = a[0] + "%";
      preview.style.top = a[1] + "%";
      preview.style.width = a[2] + "%";
      preview.style.height = a[3] + "%";
    });
    canvas.addEventListener("pointerup", function (event) {
      if (!start) { return; }
      var a = area(start, point(event));
      start = null;
      preview.remove();
      if (a[2] < 0.5 || a[3] < 0.3) { return; }
      var line = [figure.dataset.page].concat(a.map(round)).join(" ");
      field.value = (field.value.trim() ? field.value.trim() + "\n" : "") + line;
      draw();
    });
  });
  field.addEventListener("input", draw);
  draw();
})();
