// The pipeline board: drag a card to another column and the move is saved at once. The
// card's own "Move to" form does the same without a mouse, and without JavaScript.
(function () {
  "use strict";
  var board = document.querySelector("[data-board]");
  if (!board) { return; }
  var status = document.querySelector("[data-board-status]");
  var errorBox = document.querySelector("[data-board-error]");
  var dragged = null;

  function csrf(card) { return card.querySelector("input[name=csrfmiddlewaretoken]").value; }
  function column(el) { return el.closest("[data-stage].board-column"); }
  function recount() {
    board.querySelectorAll(".board-column").forEach(function (col) {
      col.querySelector("[data-count]").textContent = col.querySelectorAll("[data-card]").length;
    });
  }
  function place(card, col) {
    col.querySelector("[data-drop]").appendChild(card);
    card.setAttribute("data-stage", col.getAttribute("data-stage"));
    card.querySelector("input[name=from_stage]").value = col.getAttribute("data-stage");
    card.querySelector("select[name=to_stage]").value = col.getAttribute("data-stage");
    // the Reject link says where the card was seen too, or the reject is refused as stale
    card.querySelectorAll("a[href*='from_stage=']").forEach(function (link) {
      var url = new URL(link.href);
      url.searchParams.set("from_stage", col.getAttribute("data-stage"));
      link.setAttribute("href", url.pathname + url.search);
    });
    recount();
  }
  function showError(message) {
    errorBox.textContent = message;
    errorBox.classList.remove("d-none");
  }

  function move(card, target) {
    var from = column(card);
    if (!target || target === from) { return; }
    var body = new FormData();
    body.append("from_stage", from.getAttribute("data-stage"));
    body.append("to_stage", target.getAttribute("data-stage"));
    place(card, target);  // show it at once; put it back if the server says no
    fetch(card.getAttribute("data-move-url"), {
      method: "POST", body: body, credentials: "same-origin",
      headers: { "Accept": "application/json", "X-CSRFToken": csrf(card) }
    }).then(function (response) {
      var type = response.headers.get("Content-Type") || "";
      if (type.indexOf("application/json") === -1) {
        // a login page or an error page, not our answer: the session may have ended
        return { ok: false, data: { error: "The move was not saved. Reload the page (you may need to log in again) and try once more." } };
      }
      return response.json().then(function (data) { return { ok: response.ok, data: data }; });
    }).then(function (result) {
      if (result.ok) {
        errorBox.classList.add("d-none");
        status.textContent = card.querySelector("a").textContent + " → " +
          target.querySelector("h2").textContent;
        return;
      }
      var truth = result.data.stage && board.querySelector('.board-column[data-stage="' + result.data.stage + '"]');
      if (result.data.status && result.data.status !== "active") { card.remove(); recount(); }
      else { place(card, truth || from); }
      showError(result.data.error);
    }).catch(function () {
      place(card, from);
      showError("The move could not be saved. Check your connection and try again.");
    });
  }

  board.addEventListener("dragstart", function (event) {
    dragged = event.target.closest("[data-card]");
    if (dragged) { event.dataTransfer.effectAllowed = "move"; dragged.classList.add("dragging"); }
  });
  board.addEventListener("dragend", function () {
    if (dragged) { dragged.classList.remove("dragging"); }
    board.querySelectorAll(".drop-target").forEach(function (c) { c.classList.remove("drop-target"); });
    dragged = null;
  });
  board.addEventListener("dragover", function (event) {
    var col = column(event.target);
    if (dragged && col) { event.preventDefault(); col.classList.add("drop-target"); }
  });
  board.addEventListener("dragleave", function (event) {
    var col = column(event.target);
    if (col && !col.contains(event.relatedTarget)) { col.classList.remove("drop-target"); }
  });
  board.addEventListener("drop", function (event) {
    event.preventDefault();
    var col = column(event.target);
    if (dragged && col) { move(dragged, col); }
  });
  // the keyboard path saves without leaving the page too, when JavaScript is there
  board.addEventListener("submit", function (event) {
    var form = event.target.closest(".board-move");
    if (!form) { return; }
    event.preventDefault();
    var card = form.closest("[data-card]");
    var target = board.querySelector('.board-column[data-stage="' + form.querySelector("select").value + '"]');
    move(card, target);
    card.querySelector("select").focus();
  });
})();
