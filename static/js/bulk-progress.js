// Follows a bulk action done by a worker: asks for its state every 1.5 s and shows the
// count, the items with a problem and, for an export, the download once it is there.
(function () {
  "use strict";
  var card = document.querySelector("[data-bulk-status]");
  if (!card) { return; }
  var url = card.getAttribute("data-bulk-status");
  var tries = 0;

  function show(state) {
    card.querySelector("[data-label]").textContent = state.label;
    card.querySelector("[data-done]").textContent = state.done;
    card.querySelector("[data-failed]").textContent = state.failed;
    card.querySelector("[data-failed-wrap]").hidden = !state.failed;
    var bar = card.querySelector("[data-bar]");
    bar.style.width = state.percent + "%";
    bar.parentNode.setAttribute("aria-valuenow", state.percent);
    if (state.finished) { bar.classList.remove("progress-bar-striped", "progress-bar-animated"); }
    var message = card.querySelector("[data-message]");
    message.textContent = state.message;
    message.classList.toggle("d-none", !state.message);
    if (state.download_url) {
      card.querySelector("[data-download]").href = state.download_url;
      card.querySelector("[data-download-wrap]").hidden = false;
    }
    var list = card.querySelector("[data-errors]");
    list.textContent = "";
    state.errors.forEach(function (item) {
      var line = document.createElement("li");
      var name = document.createElement("span");
      name.className = "fw-semibold";
      name.textContent = item.name;
      line.appendChild(name);
      line.appendChild(document.createTextNode(": " + item.error));
      list.appendChild(line);
    });
    card.querySelector("[data-errors-wrap]").hidden = state.errors.length === 0;
  }

  function poll() {
    tries += 1;
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (state) {
        show(state);
        if (!state.finished && tries < 800) { window.setTimeout(poll, 1500); }
      })
      .catch(function () { window.setTimeout(poll, 3000); });
  }
  poll();
})();
