// Petition forms: petitioners added inline, keyboard shortcuts, fields shown when relevant.
(function () {
  "use strict";

  function addPetitioner() {
    var body = document.querySelector("#petitioners tbody");
    if (!body) { return; }
    var rows = body.querySelectorAll("tr.petitioner");
    var row = rows[rows.length - 1].cloneNode(true);
    row.querySelectorAll("input").forEach(function (input) {
      if (input.type === "checkbox") {
        input.checked = false;
        input.value = String(rows.length);
      } else {
        input.value = "";
      }
    });
    body.appendChild(row);
    row.querySelector("input").focus();
  }

  function toggleForwarded() {
    var channel = document.getElementById("channel");
    if (!channel) { return; }
    var forwarded = (channel.dataset.forwarded || "").split(",");
    var show = forwarded.indexOf(channel.value) >= 0;
    document.querySelectorAll(".when-forwarded").forEach(function (node) {
      node.hidden = !show;
    });
  }

  function toggleAnonymous() {
    var anonymous = document.getElementById("anonymous");
    if (!anonymous) { return; }
    document.querySelectorAll("#petitioners input, #add-petitioner").forEach(function (node) {
      node.disabled = anonymous.checked;
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var add = document.getElementById("add-petitioner");
    if (add) { add.addEventListener("click", addPetitioner); }
    var channel = document.getElementById("channel");
    if (channel) { channel.addEventListener("change", toggleForwarded); toggleForwarded(); }
    var anonymous = document.getElementById("anonymous");
    if (anonymous) { anonymous.addEventListener("change", toggleAnonymous); toggleAnonymous(); }
  });

  document.addEventListener("keydown", function (event) {
    if (event.altKey && (event.key === "n" || event.key === "N")) {
      if (document.getElementById("add-petitioner")) {
        event.preventDefault();
        addPetitioner();
      }
    }
    if ((event.ctrlKey || event.metaKey) && event.key === "Enter") {
      var form = document.activeElement && document.activeElement.form;
      if (form) {
        event.preventDefault();
        form.requestSubmit();
      }
    }
  });
}());
