/* Outbox: a collaborator's reports are kept on the phone (IndexedDB) until the server has
 * acknowledged them, then removed. Sent at once when possible; when the network is missing,
 * times out or the server fails (5xx), kept and retried with backoff, when the network returns
 * and whenever the app is opened again. Every report carries its own submission key (UUID made
 * here), so a retry never creates a second report: the server answers "already received".
 *
 * Without this script the forms post as plain HTML; this only adds. No framework, no build.
 * Also: registers the service worker (/sw.js), resizes photos (long side <= 1600 px, JPEG). */
(function () {
  "use strict";
  if (!window.indexedDB || !window.fetch || !window.FormData || !window.Promise) return;

  var DB_NAME = "opinion-outbox";
  var STORE = "reports";
  var TOKEN_URL = "/bao-cao/ma-gui";
  var MAX_SIDE = 1600;
  var SEND_TIMEOUT_MS = 60000;
  var FIRST_RETRY_MS = 2000;
  var LAST_RETRY_MS = 10 * 60 * 1000;
  var KIND_NAMES = {field: "Báo cáo thực tế", social: "Bài mạng xã hội"};
  var TEXT = {
    saved: "Đã lưu trên máy, sẽ tự gửi khi có mạng.",
    title: "Báo cáo đang chờ gửi",
    waiting: "Đang chờ mạng",
    sending: "Đang gửi…",
    login: "Phiên đăng nhập đã hết hạn. Báo cáo vẫn được giữ trên máy; hãy đăng nhập lại để gửi.",
    rejected: "Máy chủ không nhận báo cáo này: ",
    remove: "Xóa khỏi máy",
    edit: "Sửa lại",
    copied: "Đã chép nội dung vào biểu mẫu. Hãy sửa rồi bấm gửi lại.",
    confirmRemove: "Xóa báo cáo này khỏi máy? Báo cáo chưa được gửi sẽ mất.",
    sentSome: "Đã gửi xong các báo cáo đang chờ.",
    photo: " · có ảnh",
    sendingButton: "Đang gửi…",
    fix: "Vui lòng sửa các mục được đánh dấu bên dưới."
  };

  // ---- IndexedDB -------------------------------------------------------------------------
  var dbPromise = null;
  function openDb() {
    if (!dbPromise) {
      dbPromise = new Promise(function (resolve, reject) {
        var request = indexedDB.open(DB_NAME, 1);
        request.onupgradeneeded = function () {
          request.result.createObjectStore(STORE, {keyPath: "key"});
        };
        request.onsuccess = function () { resolve(request.result); };
        request.onerror = function () { reject(request.error); };
      });
    }
    return dbPromise;
  }
  function withStore(mode, action) {
    return openDb().then(function (db) {
      return new Promise(function (resolve, reject) {
        var tx = db.transaction(STORE, mode);
        var request = action(tx.objectStore(STORE));
        tx.oncomplete = function () { resolve(request && request.result); };
        tx.onerror = tx.onabort = function () { reject(tx.error); };
      });
    });
  }
  function allRecords() {
    return withStore("readonly", function (s) { return s.getAll(); }).then(function (list) {
      return (list || []).sort(function (a, b) { return a.createdAt - b.createdAt; });
    });
  }
  function saveRecord(record) { return withStore("readwrite", function (s) { return s.put(record); }); }
  function removeRecord(key) { return withStore("readwrite", function (s) { return s.delete(key); }); }

  // ---- keys, photos ------------------------------------------------------------------------
  function newKey() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return (b + 256).toString(16).slice(1); }).join("");
  }

  function loadImage(file) {
    if (window.createImageBitmap) return createImageBitmap(file, {imageOrientation: "from-image"});
    return new Promise(function (resolve, reject) {
      var img = new Image();
      var url = URL.createObjectURL(file);
      img.onload = function () { URL.revokeObjectURL(url); resolve(img); };
      img.onerror = function () { URL.revokeObjectURL(url); reject(new Error("not an image")); };
      img.src = url;
    });
  }

  /* Long side at most MAX_SIDE, re-encoded as JPEG (which also drops the EXIF metadata).
   * A file the phone cannot decode is passed on unchanged: the server refuses it in Vietnamese. */
  function resizePhoto(file) {
    if (!file || !file.size) return Promise.resolve(null);
    return loadImage(file).then(function (img) {
      var width = img.width, height = img.height;
      var scale = Math.min(1, MAX_SIDE / Math.max(width, height));
      var canvas = document.createElement("canvas");
      canvas.width = Math.max(1, Math.round(width * scale));
      canvas.height = Math.max(1, Math.round(height * scale));
      var ctx = canvas.getContext("2d");
      ctx.fillStyle = "#fff";
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
      return new Promise(function (resolve) {
        canvas.toBlob(function (blob) { resolve(blob || file); }, "image/jpeg", 0.85);
      });
    }).catch(function () { return file; });
  }

  // ---- sending -------------------------------------------------------------------------------
  function timedFetch(url, options) {
    var controller = window.AbortController ? new AbortController() : null;
    var timer = controller && setTimeout(function () { controller.abort(); }, SEND_TIMEOUT_MS);
    if (controller) options.signal = controller.signal;
    return fetch(url, options).then(function (response) {
      clearTimeout(timer);
      return response;
    }, function (error) { clearTimeout(timer); throw error; });
  }

  function isLoggedOut(response) {
    return response.type === "opaqueredirect" || response.status === 401 || response.status === 403;
  }

  function readError(response) {
    return response.json().then(function (body) { return body.error || {}; }, function () { return {}; });
  }

  /* One attempt. Resolves to {outcome: "sent"|"retry"|"invalid"|"login", ...}; never rejects. */
  function sendRecord(record, fromForm) {
    var headers = {"Accept": "application/json", "X-Outbox": fromForm ? "form" : "background"};
    return timedFetch(TOKEN_URL, {headers: headers, credentials: "same-origin", redirect: "manual",
                                  cache: "no-store"})
      .then(function (response) {
        if (isLoggedOut(response)) return {outcome: "login"};
        if (!response.ok) return {outcome: "retry"};
        return response.json().then(function (token) {
          var body = new FormData();
          body.append("csrf_token", token.csrf_token);
          body.append("submission_key", record.key);
          record.fields.forEach(function (pair) { body.append(pair[0], pair[1]); });
          if (record.photo) body.append("photo", record.photo, record.photoName || "anh.jpg");
          return timedFetch(record.action, {method: "POST", body: body, headers: headers,
                                            credentials: "same-origin", redirect: "manual"});
        }).then(function (response) {
          if (response.outcome) return response;
          if (response.status === 200 || response.status === 201) {
            return response.json().then(function (data) {
              // Only the server's own acknowledgement removes a report (not a portal's page).
              if (!data || !data.id) return {outcome: "retry"};
              return removeRecord(record.key).then(function () { return {outcome: "sent", url: data.url}; });
            });
          }
          if (isLoggedOut(response)) return {outcome: "login"};
          if (response.status === 422 || response.status === 413) {
            return readError(response).then(function (error) {
              return {outcome: "invalid", error: error};
            });
          }
          return {outcome: "retry"};  // 5xx, 429, a refused token (400): try again later
        });
      })
      .catch(function () { return {outcome: "retry"}; });  // offline, timeout, connection lost
  }

  function retryDelay(attempts) {
    var base = Math.min(LAST_RETRY_MS, FIRST_RETRY_MS * Math.pow(2, Math.max(0, attempts - 1)));
    return Math.round(base * (0.75 + Math.random() * 0.5));
  }

  /* Record what happened to a report that was not sent, and keep it. */
  function keep(record, result) {
    if (result.outcome === "retry") {
      record.attempts = (record.attempts || 0) + 1;
      record.nextAt = Date.now() + retryDelay(record.attempts);
      record.state = "waiting";
    } else if (result.outcome === "login") {
      record.state = "login";
    } else if (result.outcome === "invalid") {
      record.state = "rejected";
      var fields = result.error.fields || {};
      var first = Object.keys(fields).map(function (k) { return fields[k]; })[0];
      record.message = first || result.error.message || "";
    }
    return saveRecord(record);
  }

  var flushing = false;
  var again = null;  // a flush asked for while one was running: run it right after
  var timer = null;
  var sentInBackground = 0;

  function schedule(records) {
    clearTimeout(timer);
    var next = records.filter(function (r) { return r.state === "waiting"; })
      .reduce(function (soonest, r) { return Math.min(soonest, r.nextAt || 0); }, Infinity);
    if (next !== Infinity) timer = setTimeout(flush, Math.max(0, next - Date.now()));
  }

  /* Send every waiting report whose time has come, one at a time, oldest first. `now` sends
   * them all at once (the network came back, the app was opened). */
  function flush(now) {
    if (flushing) {
      again = again === true || now === true;
      return Promise.resolve();
    }
    var run = function () {
      flushing = true;
      return allRecords().then(function (records) {
        var due = records.filter(function (r) {
          return r.state !== "rejected" && (now === true || r.state === "login" || (r.nextAt || 0) <= Date.now());
        });
        return due.reduce(function (chain, record) {
          return chain.then(function (stop) {
            if (stop) return true;
            record.state = "sending";
            return saveRecord(record).then(function () {
              render();
              return sendRecord(record);
            }).then(function (result) {
              if (result.outcome === "sent") { sentInBackground += 1; return false; }
              return keep(record, result).then(function () {
                // Logged out or no network: the others would fail the same way.
                return result.outcome === "login" || (result.outcome === "retry" && !navigator.onLine);
              });
            });
          });
        }, Promise.resolve(false));
      }).then(function () {
        flushing = false;
        return allRecords();
      }, function () { flushing = false; return allRecords(); }).then(function (records) {
        if (sentInBackground && !records.length) notify(TEXT.sentSome, "success");
        sentInBackground = 0;
        render(records);
        schedule(records);
        if (again !== null) {
          var nowAgain = again;
          again = null;
          return flush(nowAgain);
        }
      });
    };
    // One tab sends at a time (the server would refuse a duplicate anyway).
    if (navigator.locks && navigator.locks.request) {
      return navigator.locks.request("opinion-outbox", {ifAvailable: true}, function (lock) {
        return lock ? run() : null;
      });
    }
    return run();
  }

  // ---- the page ------------------------------------------------------------------------------
  var main = document.querySelector("main");
  var box = null;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function notify(message, kind) {
    if (!main) return;
    var old = main.querySelector(".flash.outbox-notice");
    if (old) old.remove();
    var note = el("p", "flash flash-" + (kind || "info") + " outbox-notice", message);
    note.setAttribute("role", "status");
    main.insertBefore(note, main.firstChild);
  }

  function when(ms) {
    var d = new Date(ms);
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return pad(d.getHours()) + ":" + pad(d.getMinutes()) + " " + pad(d.getDate()) + "/" + pad(d.getMonth() + 1);
  }

  function render(records) {
    if (!main) return Promise.resolve();
    var listed = records ? Promise.resolve(records) : allRecords();
    return listed.then(function (list) {
      if (!box) {
        box = el("section", "card outbox");
        box.setAttribute("aria-live", "polite");
        var notice = main.querySelector(".outbox-notice");
        main.insertBefore(box, notice ? notice.nextSibling : main.firstChild);
      }
      box.textContent = "";
      box.hidden = !list.length;
      if (!list.length) return;
      box.appendChild(el("h2", null, TEXT.title + " (" + list.length + ")"));
      var ul = el("ul", "outbox-list");
      list.forEach(function (record) {
        var li = el("li", "outbox-item outbox-" + record.state);
        li.setAttribute("data-key", record.key);
        li.appendChild(el("span", "meta", when(record.createdAt) + " · " + (KIND_NAMES[record.kind] || "") +
                                           (record.photo ? TEXT.photo : "")));
        var text = (record.fields.filter(function (p) { return p[0] === "text"; })[0] || ["", ""])[1];
        li.appendChild(el("span", "excerpt", text.length > 120 ? text.slice(0, 119) + "…" : text));
        var state = record.state === "sending" ? TEXT.sending : record.state === "login" ? TEXT.login :
          record.state === "rejected" ? TEXT.rejected + (record.message || "") : TEXT.waiting;
        li.appendChild(el("span", "outbox-state", state));
        if (record.state === "rejected") {
          var edit = el("button", "link", TEXT.edit);
          edit.type = "button";
          edit.addEventListener("click", function () { editRecord(record); });
          li.appendChild(edit);
          var button = el("button", "link", TEXT.remove);
          button.type = "button";
          button.addEventListener("click", function () {
            if (window.confirm(TEXT.confirmRemove)) removeRecord(record.key).then(function () { render(); });
          });
          li.appendChild(button);
        }
        ul.appendChild(li);
      });
      box.appendChild(ul);
    });
  }

  /* A report the server refused (a wrong photo, a bad link): its text goes back into the form
   * to be corrected. It stays in the outbox until the corrected report is saved or sent. */
  function editRecord(record) {
    var form = document.querySelector("form.report-form[data-kind='" + record.kind + "']");
    if (!form) {
      window.location.assign(record.action + "#sua-" + record.key);
      return;
    }
    record.fields.forEach(function (pair) {
      var inputs = form.querySelectorAll("[name='" + pair[0] + "']");
      Array.prototype.forEach.call(inputs, function (input) {
        if (input.type === "radio") input.checked = input.value === pair[1];
        else if (input.type !== "file" && input.type !== "hidden") input.value = pair[1];
      });
    });
    form.setAttribute("data-replaces", record.key);
    notify(TEXT.copied, "warning");
    var box = form.querySelector("textarea") || form;
    if (box.focus) box.focus();
    if (record.message) showErrors(form, {message: TEXT.rejected + record.message});
  }

  function editFromAddress() {
    var match = /^#sua-(.+)$/.exec(window.location.hash);
    if (!match) return Promise.resolve();
    return allRecords().then(function (records) {
      var record = records.filter(function (r) { return r.key === match[1]; })[0];
      if (record) editRecord(record);
    });
  }

  function clearErrors(form) {
    Array.prototype.forEach.call(form.querySelectorAll(".error.from-outbox"), function (n) { n.remove(); });
    var top = main.querySelector(".error-box.from-outbox");
    if (top) top.remove();
  }

  function showErrors(form, error) {
    clearErrors(form);
    var fields = error.fields || {};
    var box = el("div", "error-box from-outbox");
    box.setAttribute("role", "alert");
    box.appendChild(el("p", null, error.message || TEXT.fix));
    form.parentNode.insertBefore(box, form);
    Object.keys(fields).forEach(function (name) {
      var input = form.querySelector("[name='" + name + "']");
      var field = input && input.closest(".field");
      var message = el("p", "error from-outbox", fields[name]);
      if (field) field.appendChild(message); else box.appendChild(message);
    });
  }

  function enhanceForm(form) {
    var button = form.querySelector("button[type=submit]");
    var label = button ? button.textContent : "";
    var busy = false;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (busy) return;
      busy = true;
      if (button) { button.disabled = true; button.textContent = TEXT.sendingButton; }
      var photoInput = form.querySelector("input[type=file]");
      var file = photoInput && photoInput.files && photoInput.files[0];
      var fields = [];
      new FormData(form).forEach(function (value, name) {
        if (typeof value === "string" && name !== "csrf_token" && name !== "submission_key") {
          fields.push([name, value]);
        }
      });
      resizePhoto(file).then(function (photo) {
        var record = {key: newKey(), kind: form.getAttribute("data-kind") || "field",
                      action: form.getAttribute("action") || location.pathname, fields: fields,
                      photo: photo, photoName: file ? file.name.replace(/\.[^.]*$/, "") + ".jpg" : null,
                      createdAt: Date.now(), attempts: 0, nextAt: 0, state: "sending"};
        // Stored before the first attempt: from here on, nothing the network does can lose it.
        var replaces = form.getAttribute("data-replaces");
        return saveRecord(record).then(function () {
          // The corrected copy is safe now: the refused one it came from can go.
          form.removeAttribute("data-replaces");
          return replaces ? removeRecord(replaces) : null;
        }).then(function () {
          return navigator.onLine === false ? {outcome: "retry"} : sendRecord(record, true);
        }).then(function (result) {
          if (result.outcome === "sent") {
            window.location.assign(result.url);
            return;
          }
          if (result.outcome === "invalid") {
            // Seen at once by the collaborator, who corrects the form: not kept in the outbox.
            return removeRecord(record.key).then(function () { showErrors(form, result.error); });
          }
          return keep(record, result).then(function () {
            clearErrors(form);
            form.reset();
            notify(result.outcome === "login" ? TEXT.login : TEXT.saved, "warning");
            return allRecords().then(function (records) { render(records); schedule(records); });
          });
        });
      }).catch(function () {
        notify(TEXT.saved, "warning");
      }).then(function () {
        busy = false;
        if (button) { button.disabled = false; button.textContent = label; }
      });
    });
  }

  var forms = document.querySelectorAll("form.report-form");
  Array.prototype.forEach.call(forms, enhanceForm);
  window.addEventListener("online", function () { flush(true); });
  render().then(editFromAddress).then(function () { return flush(true); });

  // The service worker after the page is ready: its downloads never compete with the first load.
  if ("serviceWorker" in navigator) {
    window.addEventListener("load", function () {
      navigator.serviceWorker.register("/sw.js", {scope: "/"}).catch(function () { /* no offline pages */ });
    });
  }
  // The form is enhanced and ready: bench/page_weight.py measures the time to this point.
  window.__usableAt = window.performance ? performance.now() : 0;
  window.__usable = true;
}());
