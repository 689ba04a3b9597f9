// Follows a document being made by a worker: asks for its state every 1.5 s and shows the
// download (or the error and a retry) as soon as it is there.
(function () {
  "use strict";
  var card = document.querySelector("[data-document-status]");
  if (!card) { return; }
  var url = card.getAttribute("data-document-status");
  var tries = 0;

  function show(state) {
    card.querySelectorAll("[data-state]").forEach(function (part) {
      var name = part.getAttribute("data-state");
      part.hidden = !(name === state.status ||
                      (name === "working" && (state.status === "pending" || state.status === "running")));
    });
    var bar = card.querySelector("[data-bar]");
    if (bar) { bar.style.width = state.status === "running" ? "66%" : "20%"; }
    if (state.download_url) { card.querySelector("[data-download]").href = state.download_url; }
    if (state.error) { card.querySelector("[data-error]").textContent = state.error; }
  }

  function poll() {
    tries += 1;
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (state) {
        show(state);
        if ((state.status === "pending" || state.status === "running") && tries < 200) {
          window.setTimeout(poll, 1500);
        }
      })
      .catch(function () { window.setTimeout(poll, 3000); });
  }
  poll();
})();
