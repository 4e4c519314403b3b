/* Entry criteria in the administration: each condition shows only the comparisons that
 * fit its fact and the one value input that fits (number, yes/no, or the fact's values).
 * Without JavaScript every input stays visible and the server checks the same rules
 * (maillage/programmes/forms.py). No inline scripts (CSP). */
(function () {
  "use strict";

  var NUMBERS = ["is", "gte", "gt", "lte", "lt", "between"];

  function field(row, name) {
    return row.querySelector("[name$='-" + name + "']");
  }

  function show(element, visible) {
    if (!element) {
      return;
    }
    var box = element.closest(".fieldBox") || element.closest(".form-row");
    if (box) {
      box.hidden = !visible;
    }
  }

  function update(row, n, factChanged) {
    var fact = field(row, "fact_" + n);
    var comparison = field(row, "comparison_" + n);
    if (!fact || !comparison) {
      return;
    }
    var chosen = fact.options[fact.selectedIndex];
    var kind = chosen ? chosen.getAttribute("data-kind") || "" : "";
    var fitting = chosen ? (chosen.getAttribute("data-comparisons") || "").split(" ") : [];
    Array.prototype.forEach.call(comparison.options, function (option) {
      var fits = !option.value || !kind || fitting.indexOf(option.value) !== -1;
      option.hidden = !fits;
      option.disabled = !fits;
    });
    if (kind && fitting.indexOf(comparison.value) === -1) {
      // No comparison yet, or one that does not fit: the only one that fits, if so.
      comparison.value = fitting.length === 1 ? fitting[0] : "";
    }
    var op = comparison.value;
    var numeric = kind === "number" && NUMBERS.indexOf(op) !== -1;
    show(field(row, "number_" + n), numeric);
    show(field(row, "up_to_" + n), numeric && op === "between");
    show(field(row, "yes_no_" + n), kind === "bool" && op === "is");
    var values = row.querySelector("[id$='-values_" + n + "']");
    var choice = kind === "choice" && (op === "is" || op === "in");
    show(values, choice);
    if (!values) {
      return;
    }
    Array.prototype.forEach.call(values.children, function (group) {
      var ofFact = group.querySelector("input[value^='" + fact.value + ":']") !== null;
      group.hidden = !ofFact;
      if (!ofFact && factChanged) {
        group.querySelectorAll("input:checked").forEach(function (box) {
          box.checked = false;
        });
      }
    });
  }

  function updateRow(row) {
    [1, 2, 3].forEach(function (n) {
      update(row, n, false);
    });
  }

  document.addEventListener("change", function (event) {
    var target = event.target;
    var match = /-(fact|comparison)_(\d)$/.exec(target.name || "");
    var row = target.closest && target.closest(".inline-related");
    if (match && row) {
      update(row, Number(match[2]), match[1] === "fact");
    }
  });

  document.addEventListener("formset:added", function (event) {
    updateRow(event.target);
  });

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".inline-related").forEach(updateRow);
  });
})();
