// A second click on "Send" while the first is on its way would send the form twice; the
// server makes one application either way, this just spares people the wait and worry.
(function () {
  "use strict";
  document.querySelectorAll("button[data-once]").forEach(function (button) {
    button.form.addEventListener("submit", function () {
      window.setTimeout(function () { button.disabled = true; }, 0);
    });
  });
})();
