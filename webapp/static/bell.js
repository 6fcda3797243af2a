// Keeps the notification bell's unread count current without reloading the page.
(function () {
  "use strict";
  var count = document.querySelector(".bell-count[data-unread-url]");
  if (!count || !window.fetch) { return; }
  var bell = count.parentElement;
  function refresh() {
    fetch(count.getAttribute("data-unread-url"), { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data) { return; }
        count.textContent = data.unread ? String(data.unread) : "";
        bell.classList.toggle("has-unread", data.unread > 0);
      })
      .catch(function () { /* offline: keep the last count */ });
  }
  setInterval(refresh, 60000);
})();
