// vnarchive staff upload: drag & drop, one request per file with a progress bar.
// Without this file the form still works (one POST with every file, results page).
"use strict";

(function () {
  var form = document.getElementById("upload-form");
  var zone = document.getElementById("drop-zone");
  var input = document.getElementById("files");
  var list = document.getElementById("upload-progress");
  if (!form || !zone || !input || !list || !window.FormData || !window.XMLHttpRequest) return;

  function field(name) {
    var el = form.elements[name];
    if (!el) return "";
    if (el.type === "checkbox") return el.checked ? el.value : "";
    return el.value;
  }

  function row(file) {
    var li = document.createElement("li");
    var name = document.createElement("span");
    name.className = "upload-name";
    name.textContent = file.name;  // textContent: a file name is never parsed as HTML
    var bar = document.createElement("progress");
    bar.max = 100;
    bar.value = 0;
    var state = document.createElement("span");
    state.className = "upload-state";
    li.appendChild(name);
    li.appendChild(bar);
    li.appendChild(state);
    list.appendChild(li);
    return {bar: bar, state: state, li: li};
  }

  function send(file, view) {
    return new Promise(function (resolve) {
      var data = new FormData();
      data.append("csrf_token", field("csrf_token"));
      data.append("collection", field("collection"));
      if (field("publish")) data.append("publish", "1");
      data.append("files", file, file.name);
      var xhr = new XMLHttpRequest();
      xhr.open("POST", form.action);
      xhr.setRequestHeader("Accept", "application/json");
      xhr.upload.addEventListener("progress", function (e) {
        if (e.lengthComputable) view.bar.value = Math.round(e.loaded * 90 / e.total);
      });
      xhr.addEventListener("load", function () {
        view.bar.value = 100;
        var text = xhr.status + "";
        try {
          var body = JSON.parse(xhr.responseText);
          var r = body.results ? body.results[0] : null;
          text = r ? r.status + (r.reason ? ": " + r.reason : "") : (body.message || text);
          if (r && r.doc_id) {
            var a = document.createElement("a");
            a.href = form.action.replace(/upload$/, "doc/" + encodeURIComponent(r.doc_id));
            a.textContent = r.status;
            view.state.appendChild(a);
            text = r.reason ? ": " + r.reason : "";
          }
          view.li.className = r ? r.status : "failed";
        } catch (err) {
          view.li.className = "failed";
        }
        view.state.appendChild(document.createTextNode(" " + text));
        resolve();
      });
      xhr.addEventListener("error", function () {
        view.li.className = "failed";
        view.state.textContent = "network error";
        resolve();
      });
      xhr.send(data);
    });
  }

  function uploadAll(files) {
    var views = Array.prototype.map.call(files, row);
    var chain = Promise.resolve();
    Array.prototype.forEach.call(files, function (file, i) {
      chain = chain.then(function () { return send(file, views[i]); });
    });
    return chain;
  }

  ["dragenter", "dragover"].forEach(function (type) {
    zone.addEventListener(type, function (e) { e.preventDefault(); zone.classList.add("dragging"); });
  });
  ["dragleave", "drop"].forEach(function (type) {
    zone.addEventListener(type, function (e) { e.preventDefault(); zone.classList.remove("dragging"); });
  });
  zone.addEventListener("drop", function (e) {
    if (e.dataTransfer && e.dataTransfer.files.length) uploadAll(e.dataTransfer.files);
  });
  form.addEventListener("submit", function (e) {
    if (!input.files.length) return;
    e.preventDefault();
    uploadAll(input.files).then(function () { input.value = ""; });
  });
})();
