/* Upload page: files and folders are picked or dropped, listed, then sent one per request
 * (so one file over the limit loses nothing else); each file's processing state is then
 * followed by polling the status endpoint until it is indexed or failed. */
(function () {
  "use strict";

  var form = document.getElementById("upload-form");
  if (!form) {
    return;
  }
  var data = form.dataset;
  var maxBytes = Number(data.maxBytes);
  var body = document.querySelector("#upload-files tbody");
  var summary = document.getElementById("upload-summary");
  var sendButton = document.getElementById("upload-send");
  var PARALLEL = 2;
  var POLL_MS = 1500;
  var FINAL = { indexed: true, failed: true, duplicate: true, rejected: true, withdrawn: true };
  var items = [];
  var polling = null;

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, key) {
      return values[key] === undefined ? "" : String(values[key]);
    });
  }

  function sizeText(bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    if (bytes < 1024 * 1024) {
      return (bytes / 1024).toFixed(0) + " KB";
    }
    return (bytes / 1024 / 1024).toFixed(1) + " MB";
  }

  function cell(row, text) {
    var td = document.createElement("td");
    td.textContent = text;
    row.appendChild(td);
    return td;
  }

  function setState(item, state, label, note, link) {
    item.state = state;
    item.row.dataset.state = state;
    item.badge.className = "status status-" + state;
    item.badge.textContent = label;
    item.note.textContent = note || "";
    if (link) {
      var a = document.createElement("a");
      a.href = link;
      a.textContent = data.msgOpen;
      if (note) {
        item.note.appendChild(document.createTextNode(" "));
      }
      item.note.appendChild(a);
    }
    showSummary();
  }

  function hidden(path) {
    return path.split("/").some(function (part) {
      return part.charAt(0) === ".";
    });
  }

  function add(file, path) {
    var row = document.createElement("tr");
    cell(row, path);
    cell(row, sizeText(file.size));
    var badge = document.createElement("span");
    cell(row, "").appendChild(badge);
    var note = cell(row, "");
    body.appendChild(row);
    var item = { file: file, path: path, row: row, badge: badge, note: note, id: null };
    items.push(item);
    if (file.size > maxBytes) {
      setState(item, "rejected", data.msgRejected, data.msgTooLarge);
      return;
    }
    setState(item, "waiting", data.msgWaiting, "");
    var remove = document.createElement("button");
    remove.type = "button";
    remove.className = "linklike remove";
    remove.textContent = data.msgRemove;
    remove.addEventListener("click", function () {
      if (item.state === "waiting") {
        items.splice(items.indexOf(item), 1);
        row.remove();
        showSummary();
      }
    });
    note.appendChild(remove);
  }

  function addList(files, fromFolder) {
    Array.prototype.forEach.call(files, function (file) {
      var path = file.webkitRelativePath || file.name;
      if (fromFolder && hidden(path)) {
        return;
      }
      add(file, path);
    });
  }

  /* Dropped folders: walk the entries (browsers that expose webkitGetAsEntry). */
  function walk(entry, prefix, done) {
    if (entry.isFile) {
      entry.file(function (file) {
        if (!hidden(prefix + entry.name)) {
          add(file, prefix + entry.name);
        }
        done();
      }, done);
      return;
    }
    if (!entry.isDirectory || entry.name.charAt(0) === ".") {
      done();
      return;
    }
    var reader = entry.createReader();
    var children = [];
    (function readMore() {
      reader.readEntries(function (batch) {
        if (batch.length) {
          children = children.concat(batch);
          readMore();
          return;
        }
        var left = children.length;
        if (!left) {
          done();
        }
        children.forEach(function (child) {
          walk(child, prefix + entry.name + "/", function () {
            left -= 1;
            if (!left) {
              done();
            }
          });
        });
      }, done);
    })();
  }

  function onDrop(event) {
    event.preventDefault();
    form.classList.remove("dragging");
    var transfer = event.dataTransfer;
    var entries = [];
    if (transfer.items && transfer.items.length && transfer.items[0].webkitGetAsEntry) {
      Array.prototype.forEach.call(transfer.items, function (entry) {
        var found = entry.webkitGetAsEntry();
        if (found) {
          entries.push(found);
        }
      });
      entries.forEach(function (entry) {
        walk(entry, "", function () {});
      });
      return;
    }
    addList(transfer.files, false);
  }

  function optionsData() {
    var payload = new FormData(form);
    payload.delete("files");
    return payload;
  }

  function send(item) {
    setState(item, "sending", data.msgSending, "");
    var payload = optionsData();
    payload.append("files", item.file, item.path);
    return fetch(form.action, {
      method: "POST",
      body: payload,
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    })
      .then(function (response) {
        return response.json().then(function (json) {
          return { status: response.status, json: json };
        });
      })
      .then(function (answer) {
        var files = answer.json.files;
        if (!files || !files.length) {
          setState(item, "rejected", data.msgRejected, answer.json.message || data.msgNetwork);
          return;
        }
        var result = files[0];
        item.id = result.id;
        if (result.status === "duplicate") {
          setState(item, "duplicate", result.label, fill(data.msgDuplicate, result), result.url);
        } else if (result.status === "failed") {
          setState(item, "failed", result.label, result.error || "");
        } else {
          setState(item, result.status, result.label, result.message || "", result.url);
        }
      })
      .catch(function () {
        setState(item, "rejected", data.msgRejected, data.msgNetwork);
      });
  }

  function sendAll() {
    var queue = items.filter(function (item) {
      return item.state === "waiting";
    });
    var running = 0;
    sendButton.disabled = true;
    function next() {
      if (!queue.length) {
        if (!running) {
          sendButton.disabled = false;
          poll();
        }
        return;
      }
      var item = queue.shift();
      running += 1;
      send(item).then(function () {
        running -= 1;
        startPolling();
        next();
      });
    }
    for (var i = 0; i < PARALLEL; i += 1) {
      next();
    }
  }

  function startPolling() {
    if (!polling) {
      polling = window.setTimeout(poll, POLL_MS);
    }
  }

  function poll() {
    polling = null;
    var open = items.filter(function (item) {
      return item.id && !FINAL[item.state] && item.state !== "sending";
    });
    if (!open.length) {
      return;
    }
    var ids = open.map(function (item) {
      return item.id;
    });
    fetch(data.statusUrl + "?ids=" + ids.join(","), {
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    })
      .then(function (response) {
        return response.json();
      })
      .then(function (json) {
        var byId = {};
        json.documents.forEach(function (doc) {
          byId[doc.id] = doc;
        });
        var withdrawn = {};
        (json.withdrawn || []).forEach(function (id) {
          withdrawn[id] = true;
        });
        open.forEach(function (item) {
          var doc = byId[item.id];
          if (doc && doc.status !== item.state) {
            setState(item, doc.status, doc.label, doc.error || "", doc.url);
          } else if (withdrawn[item.id]) {
            setState(item, "withdrawn", data.msgWithdrawnLabel, data.msgWithdrawn);
          }
        });
      })
      .catch(function () {})
      .then(startPolling);
  }

  function showSummary() {
    var counts = { done: 0, total: items.length, ok: 0, dup: 0, bad: 0 };
    items.forEach(function (item) {
      if (FINAL[item.state]) {
        counts.done += 1;
      }
      if (item.state === "indexed") {
        counts.ok += 1;
      } else if (item.state === "duplicate") {
        counts.dup += 1;
      } else if (item.state === "failed" || item.state === "rejected") {
        counts.bad += 1;
      }
    });
    summary.textContent = items.length ? fill(data.msgSummary, counts) : "";
  }

  document.getElementById("file-input").addEventListener("change", function (event) {
    addList(event.target.files, false);
    event.target.value = "";
  });
  var folder = document.getElementById("folder-input");
  if ("webkitdirectory" in folder) {
    folder.addEventListener("change", function (event) {
      addList(event.target.files, true);
      event.target.value = "";
    });
  } else {
    folder.closest(".folder-only").hidden = true;
  }
  ["dragenter", "dragover"].forEach(function (name) {
    form.addEventListener(name, function (event) {
      event.preventDefault();
      form.classList.add("dragging");
    });
  });
  form.addEventListener("dragleave", function (event) {
    if (event.target === form) {
      form.classList.remove("dragging");
    }
  });
  form.addEventListener("drop", onDrop);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    sendAll();
  });
  form.classList.add("scripted");

  /* Rows rendered by the server (a form sent without script) are followed too. */
  Array.prototype.forEach.call(body.querySelectorAll("tr[data-id]"), function (row) {
    if (!row.dataset.id) {
      return;
    }
    var cells = row.querySelectorAll("td");
    items.push({
      id: Number(row.dataset.id),
      state: row.dataset.state,
      row: row,
      badge: cells[2].querySelector("span"),
      note: cells[3],
    });
  });
  showSummary();
  poll();
})();
