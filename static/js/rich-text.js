// A small formatting editor for the job description sections. The textarea stays the
// source of truth (the server sanitises it); without JavaScript people edit it as HTML.
(function () {
  "use strict";
  var BUTTONS = [
    ["bold", "B", "Bold"],
    ["italic", "I", "Italic"],
    ["insertUnorderedList", "• List", "Bulleted list"],
    ["insertOrderedList", "1. List", "Numbered list"],
    ["createLink", "Link", "Link"],
  ];

  function enhance(textarea) {
    var wrapper = document.createElement("div");
    wrapper.className = "rich-editor";
    var toolbar = document.createElement("div");
    toolbar.className = "rich-toolbar";
    toolbar.setAttribute("role", "toolbar");
    var area = document.createElement("div");
    area.className = "rich-area";
    area.contentEditable = "true";
    area.setAttribute("role", "textbox");
    area.setAttribute("aria-multiline", "true");
    var label = document.querySelector('label[for="' + textarea.id + '"]');
    if (label) {
      label.id = label.id || textarea.id + "-label";
      area.setAttribute("aria-labelledby", label.id);
      toolbar.setAttribute("aria-label", label.textContent.trim() + " formatting");
      label.addEventListener("click", function () { area.focus(); });
    }
    area.innerHTML = textarea.value;

    BUTTONS.forEach(function (spec) {
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = spec[1];
      button.setAttribute("aria-label", spec[2]);
      button.addEventListener("mousedown", function (event) { event.preventDefault(); });
      button.addEventListener("click", function () {
        var value = null;
        if (spec[0] === "createLink") {
          value = window.prompt("Link address (https://…)");
          if (!value) { return; }
        }
        document.execCommand(spec[0], false, value);
        sync();
      });
      toolbar.appendChild(button);
    });

    function sync() { textarea.value = area.innerHTML; }
    area.addEventListener("input", sync);
    textarea.form.addEventListener("submit", sync);
    textarea.hidden = true;
    textarea.parentNode.insertBefore(wrapper, textarea);
    wrapper.appendChild(toolbar);
    wrapper.appendChild(area);
  }

  document.querySelectorAll("textarea.rich-text").forEach(enhance);
})();
