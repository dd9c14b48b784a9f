/* Progressive enhancement of the dynasties pages; everything works without it. No inline scripts (CSP). */
(function () {
  "use strict";

  // A "copy" button next to the read-only field with the page's link.
  document.querySelectorAll("[data-copy-source]").forEach(function (input) {
    if (!navigator.clipboard) { return; }
    var button = document.createElement("button");
    var status = document.createElement("span");
    button.type = "button";
    button.className = "button button-secondary copy-button";
    button.textContent = input.getAttribute("data-copy-label");
    status.className = "copy-status";
    status.setAttribute("role", "status");
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(input.value).then(function () {
        status.textContent = input.getAttribute("data-copied-label");
      }, function () {
        input.select();
      });
    });
    input.insertAdjacentElement("afterend", status);
    input.insertAdjacentElement("afterend", button);
  });

  // On a wide screen the list's filters sit in a sidebar: show them all.
  if (window.matchMedia && window.matchMedia("(min-width: 900px)").matches) {
    document.querySelectorAll("details[data-open-wide]").forEach(function (details) { details.open = true; });
  }

  // Ask before deleting a member or a photo.
  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.getAttribute("data-confirm"))) { event.preventDefault(); }
    });
  });
}());

/* The submission's steps: moving to another step saves the form (its step buttons submit it, without
   JavaScript too). What cannot be saved that way (a link elsewhere, another tab's page, closing the
   tab) asks first while the form holds something typed and not yet saved. */
(function () {
  "use strict";
  var dirty = false;
  document.querySelectorAll("form[data-unsaved-warning]").forEach(function (form) {
    var mark = function () { dirty = true; };
    // Sent back with errors: what it shows was typed but is not saved.
    if (form.getAttribute("data-unsaved-warning") === "typed") { dirty = true; }
    form.addEventListener("input", mark);
    form.addEventListener("change", mark);
    form.addEventListener("submit", function () { dirty = false; });
  });
  window.addEventListener("beforeunload", function (event) {
    if (!dirty) { return; }
    event.preventDefault();
    event.returnValue = "";  // older browsers need it to show their own warning
  });
}());
