// The bulk bar of document lists: tick all, count the ticked, show the chosen action's field.
(function () {
  "use strict";
  var form = document.getElementById("bulk-form");
  if (!form) { return; }
  var all = document.getElementById("bulk-all");
  var count = document.getElementById("bulk-count");
  var action = document.getElementById("bulk-action");
  var apply = document.getElementById("bulk-apply");
  var fields = form.querySelectorAll(".bulk-field");
  form.classList.add("scripted");

  function ticks() { return document.querySelectorAll("input.bulk-tick"); }

  function refresh() {
    var boxes = ticks();
    var chosen = 0;
    boxes.forEach(function (box) { if (box.checked) { chosen += 1; } });
    count.textContent = chosen ? chosen + " / " + boxes.length : "";
    all.checked = chosen > 0 && chosen === boxes.length;
    all.indeterminate = chosen > 0 && chosen < boxes.length;
    apply.disabled = chosen === 0 || !action.value;
    fields.forEach(function (field) {
      field.hidden = field.getAttribute("data-for") !== action.value;
    });
  }

  all.addEventListener("change", function () {
    ticks().forEach(function (box) { box.checked = all.checked; });
    refresh();
  });
  action.addEventListener("change", refresh);
  document.addEventListener("change", function (event) {
    if (event.target.classList && event.target.classList.contains("bulk-tick")) { refresh(); }
  });
  refresh();
})();
