// Search page: suggestions while typing, sort that applies at once, confirmations.
// No inline script (the CSP forbids it); every text from the server is set as textContent.
(function () {
  "use strict";

  function debounce(fn, ms) {
    var timer = null;
    return function () {
      var args = arguments;
      clearTimeout(timer);
      timer = setTimeout(function () { fn.apply(null, args); }, ms);
    };
  }

  var KIND_LABELS = {
    vi: { number: "Số ký hiệu", subject: "Trích yếu", issuer: "Cơ quan ban hành", "case": "Vụ việc" },
    en: { number: "Number", subject: "Subject", issuer: "Issuer", "case": "Case" }
  };

  function setupSuggestions(input) {
    var list = document.getElementById("suggestions");
    if (!list) { return; }
    var lang = (document.documentElement.lang || "vi").slice(0, 2) === "en" ? "en" : "vi";
    var items = [];
    var active = -1;
    var lastQuery = "";
    var controller = null;

    function close() {
      lastQuery = "";
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      active = -1;
    }

    function target(item) {
      var searchUrl = input.getAttribute("data-search-url");
      if (item.kind === "subject" && item.document_id) {
        return input.getAttribute("data-document-url").replace(/0$/, String(item.document_id));
      }
      if (item.kind === "issuer") { return searchUrl + "?issuer=" + encodeURIComponent(item.value); }
      if (item.kind === "case") { return searchUrl + "?case=" + encodeURIComponent(item.value); }
      return searchUrl + "?q=" + encodeURIComponent(item.value);
    }

    function choose(index) {
      if (index < 0 || index >= items.length) { return; }
      window.location.assign(target(items[index]));
    }

    function highlight(index) {
      var nodes = list.querySelectorAll("li");
      for (var i = 0; i < nodes.length; i++) {
        nodes[i].classList.toggle("active", i === index);
        nodes[i].setAttribute("aria-selected", i === index ? "true" : "false");
      }
      active = index;
    }

    function render(suggestions) {
      items = suggestions;
      list.textContent = "";
      if (!items.length) { close(); return; }
      items.forEach(function (item, index) {
        var li = document.createElement("li");
        li.setAttribute("role", "option");
        li.setAttribute("data-kind", item.kind);
        var kind = document.createElement("span");
        kind.className = "suggest-kind";
        kind.textContent = KIND_LABELS[lang][item.kind] || item.kind;
        var label = document.createElement("span");
        label.textContent = item.label;
        li.appendChild(kind);
        li.appendChild(label);
        li.addEventListener("mousedown", function (event) {
          event.preventDefault();
          choose(index);
        });
        list.appendChild(li);
      });
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      active = -1;
    }

    var fetchSuggestions = debounce(function () {
      var text = input.value.trim();
      if (text.length < 2) { close(); return; }
      if (text === lastQuery) { return; }
      lastQuery = text;
      if (controller) { controller.abort(); }
      controller = new AbortController();
      var url = input.getAttribute("data-suggest-url") + "?q=" + encodeURIComponent(text);
      fetch(url, { credentials: "same-origin", signal: controller.signal,
                   headers: { "Accept": "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
        .then(function (data) { if (input.value.trim() === text) { render(data.suggestions || []); } })
        .catch(function () { /* typing on; a failed suggestion is not an error */ });
    }, 180);

    input.addEventListener("input", fetchSuggestions);
    input.addEventListener("keydown", function (event) {
      if (list.hidden) { return; }
      if (event.key === "ArrowDown") { event.preventDefault(); highlight(Math.min(active + 1, items.length - 1)); }
      else if (event.key === "ArrowUp") { event.preventDefault(); highlight(Math.max(active - 1, 0)); }
      else if (event.key === "Escape") { event.preventDefault(); close(); }
      else if (event.key === "Enter" && active >= 0) { event.preventDefault(); choose(active); }
    });
    input.addEventListener("blur", function () { setTimeout(close, 150); });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var input = document.querySelector("input[data-suggest-url]");
    if (input) { setupSuggestions(input); }
    document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
      select.addEventListener("change", function () { select.form.submit(); });
    });
    document.querySelectorAll("[data-confirm]").forEach(function (button) {
      button.addEventListener("click", function (event) {
        if (!window.confirm(button.getAttribute("data-confirm"))) { event.preventDefault(); }
      });
    });
  });
}());
