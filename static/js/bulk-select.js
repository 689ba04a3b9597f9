// The applicants list's bulk bar: "select all", the number selected, and only the fields
// the chosen action needs (without this script every field shows, and the server checks).
(function () {
  "use strict";
  var bar = document.querySelector("[data-bulk-bar]");
  if (!bar) { return; }
  var boxes = Array.prototype.slice.call(document.querySelectorAll("[data-bulk-pick]"));
  var all = document.querySelector("[data-bulk-all]");
  var count = bar.querySelector("[data-bulk-count]");
  var kind = bar.querySelector("[name=kind]");

  function update() {
    var picked = boxes.filter(function (box) { return box.checked; }).length;
    count.textContent = picked;
    bar.querySelector("[type=submit]").disabled = picked === 0;
    if (all) {
      all.checked = picked > 0 && picked === boxes.length;
      all.indeterminate = picked > 0 && picked < boxes.length;
    }
  }

  function fields() {
    bar.querySelectorAll("[data-bulk-for]").forEach(function (part) {
      part.hidden = part.getAttribute("data-bulk-for").split(" ").indexOf(kind.value) === -1;
    });
  }

  boxes.forEach(function (box) { box.addEventListener("change", update); });
  if (all) {
    all.addEventListener("change", function () {
      boxes.forEach(function (box) { box.checked = all.checked; });
      update();
    });
  }
  kind.addEventListener("change", fields);
  update();
  fields();
})();
