// The case page's attach box: as a number or words are typed, the documents that match
// (any form of the number search accepts) are offered; choosing one fills in its id.
(function () {
  "use strict";
  var input = document.getElementById("attach-reference");
  if (!input || !window.fetch) { return; }
  var list = document.getElementById(input.getAttribute("list"));
  var url = input.getAttribute("data-picker-url");
  var timer = null;
  var asked = "";

  function offer(items) {
    while (list.firstChild) { list.removeChild(list.firstChild); }
    items.forEach(function (item) {
      var option = document.createElement("option");
      option.value = "#" + item.id;
      option.textContent = [item.number, item.subject || item.filename].filter(Boolean).join(" — ");
      list.appendChild(option);
    });
  }

  input.addEventListener("input", function () {
    var text = input.value.trim();
    clearTimeout(timer);
    if (text.length < 2 || text.charAt(0) === "#" || text === asked) { return; }
    timer = setTimeout(function () {
      asked = text;
      fetch(url + "?q=" + encodeURIComponent(text), { credentials: "same-origin", headers: { "Accept": "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { documents: [] }; })
        .then(function (data) { offer(data.documents || []); })
        .catch(function () { /* offline: typing still works */ });
    }, 250);
  });
})();
