// The page frame: the menu toggle of small screens, and "/" to jump to the search box.
(function () {
  "use strict";
  var toggle = document.getElementById("nav-toggle");
  var nav = document.getElementById("mainnav");
  if (toggle && nav) {
    toggle.addEventListener("click", function () {
      var open = nav.classList.toggle("open");
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
    });
  }

  function typing(target) {
    if (!target) { return false; }
    var tag = target.tagName;
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || target.isContentEditable;
  }

  document.addEventListener("keydown", function (event) {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) {
      return;
    }
    var box = document.querySelector("input[type=search][name=q]");
    if (box) {
      event.preventDefault();
      box.focus();
      box.select();
      return;
    }
    var search = document.querySelector(".mainnav a[href$='/search']");
    if (search) {
      event.preventDefault();
      window.location.href = search.href;
    }
  });
})();
