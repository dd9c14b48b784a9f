/* The classifier's select with a live search in Kazakh and Russian (progressive enhancement: without
   JavaScript the select grouped by sphere works, and the search box narrows it on submit). No inline
   scripts (CSP). The folding is the same as enbek.text.fold_for_search on the server. */
(function () {
  "use strict";

  var FOLD = { "ә": "а", "ғ": "г", "қ": "к", "ң": "н", "ө": "о", "ұ": "у", "ү": "у", "һ": "х", "і": "и", "ё": "е" };

  function fold(text) {
    return (text || "").toLowerCase().replace(/[әғқңөұүһіё]/g, function (ch) { return FOLD[ch]; })
      .replace(/[\s\-‐–—_.,;:«»"'()\/]+/g, " ").trim();
  }

  function setUp(input) {
    var select = document.getElementById(input.getAttribute("data-profession-select"));
    if (!select) { return; }
    var status = input.closest(".profession-picker").querySelector("[data-profession-status]");
    // Everything the server rendered, kept aside: filtering rebuilds the select from it.
    var groups = Array.prototype.map.call(select.querySelectorAll("optgroup"), function (group) {
      return { label: group.label, options: Array.prototype.slice.call(group.querySelectorAll("option")) };
    });
    var empty = select.querySelector("option[value='']");
    var found = [];

    function render(keep) {
      var chosen = select.value;
      var fragment = document.createDocumentFragment();
      if (empty) { fragment.appendChild(empty); }
      groups.forEach(function (group) {
        var shown = group.options.filter(function (option) { return keep(option) || option.value === chosen; });
        if (!shown.length) { return; }
        var element = document.createElement("optgroup");
        element.label = group.label;
        shown.forEach(function (option) { element.appendChild(option); });
        fragment.appendChild(element);
      });
      while (select.firstChild) { select.removeChild(select.firstChild); }
      select.appendChild(fragment);
      select.value = chosen;
    }

    function filter() {
      var words = fold(input.value).split(" ").filter(Boolean);
      found = [];
      groups.forEach(function (group) {
        group.options.forEach(function (option) {
          var text = option.getAttribute("data-search") || "";
          if (words.length && words.every(function (word) { return text.indexOf(word) !== -1; })) {
            found.push(option);
          }
        });
      });
      // Nothing typed, or nothing matches: the whole list rather than an empty one.
      render(found.length ? function (option) { return found.indexOf(option) !== -1; } : function () { return true; });
      if (found.length === 1 && !select.value) { select.value = found[0].value; }
      if (words.length && !found.length) { input.setAttribute("aria-invalid", "true"); }
      else { input.removeAttribute("aria-invalid"); }
      if (status) {
        status.textContent = !words.length ? "" : (found.length
          ? status.getAttribute("data-found-label") + ": " + found.length
          : status.getAttribute("data-none-label"));
      }
    }

    input.addEventListener("input", filter);
    // With the live filter, Enter in the search box must not submit (and save) the whole form.
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { event.preventDefault(); select.focus(); }
    });
    // A search typed but no profession chosen: ask here instead of a round trip to the server.
    if (input.form) {
      input.form.addEventListener("submit", function (event) {
        if (fold(input.value) && !select.value) {
          event.preventDefault();
          if (status) { status.textContent = status.getAttribute("data-choose-label"); }
          select.focus();
        }
      });
    }
    if (input.value) { filter(); }
  }

  document.querySelectorAll("input[data-profession-select]").forEach(setUp);
}());
