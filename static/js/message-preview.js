// Live preview of an e-mail while it is written: posts the subject and body (and the
// application, when writing to one person) and shows them merged. The Send button stands
// for the text last shown, so it is enabled only while the preview is current.
(function () {
  "use strict";
  var form = document.querySelector("[data-preview-source]");
  var card = document.querySelector("[data-preview]");
  if (!form || !card || !card.getAttribute("data-preview-url")) { return; }
  var url = card.getAttribute("data-preview-url");
  var subject = form.querySelector("[name=subject]");
  var body = form.querySelector("[name=body]");
  var checked = form.querySelector("[name=checked]");
  var send = form.querySelector("[data-send]");
  var errors = card.querySelector("[data-preview-errors]");
  var blank = card.querySelector("[data-preview-blank]");
  var timer = null;
  var sequence = 0;

  function render(state) {
    errors.textContent = "";
    if (!state.ok) {
      Object.keys(state.errors || {}).forEach(function (field) {
        state.errors[field].forEach(function (message) {
          var line = document.createElement("div");
          line.textContent = message;
          errors.appendChild(line);
        });
      });
      errors.classList.remove("d-none");
      if (send) { send.disabled = true; }
      return;
    }
    errors.classList.add("d-none");
    card.querySelector("[data-preview-subject]").textContent = state.subject;
    card.querySelector("[data-preview-body]").textContent = state.body;
    card.querySelector("[data-preview-blank-list]").textContent = state.blank.join(", ");
    blank.classList.toggle("d-none", state.blank.length === 0);
    if (checked) { checked.value = state.token; }
    if (send) { send.disabled = false; }
  }

  function refresh() {
    var mine = ++sequence;
    var data = new FormData();
    data.append("csrfmiddlewaretoken", form.querySelector("[name=csrfmiddlewaretoken]").value);
    data.append("subject", subject.value);
    data.append("body", body.value);
    var application = card.getAttribute("data-preview-application");
    if (application) { data.append("application", application); }
    fetch(url, { method: "POST", body: data, credentials: "same-origin",
                 headers: { Accept: "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (state) { if (mine === sequence) { render(state); } })
      .catch(function () { /* the Preview button still works without us */ });
  }

  function later() {
    if (send) { send.disabled = true; }  // until the new text has been shown merged
    window.clearTimeout(timer);
    timer = window.setTimeout(refresh, 400);
  }

  [subject, body].forEach(function (field) {
    if (field) { field.addEventListener("input", later); }
  });
  if (subject && body && (subject.value || body.value)) { refresh(); }
})();
