/* Maillage: the little behaviour the pages need. No inline scripts (CSP). */
(function () {
  "use strict";

  // <button data-confirm="Text"> inside a form asks for confirmation before submitting.
  // Listening on the document (capture phase) also covers buttons added by htmx swaps,
  // and stops htmx from acting on the click when the user says no.
  document.addEventListener("click", function (event) {
    var target = event.target;
    if (!(target instanceof Element)) {
      return;
    }
    var button = target.closest("button[data-confirm]");
    if (!button || !button.form) {
      return;
    }
    if (!window.confirm(button.getAttribute("data-confirm"))) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);

  // A table wrapper that scrolls sideways must be reachable with the keyboard
  // (WCAG 2.1.1): give it tabindex="0" when, and only when, it overflows.
  function markScrollableTables(root) {
    var scope = root && root.querySelectorAll ? root : document;
    scope.querySelectorAll(".table-wrap").forEach(function (wrap) {
      if (wrap.hasAttribute("data-tabindex-fixed")) {
        return;  // the template set tabindex itself
      }
      if (wrap.hasAttribute("tabindex") && !wrap.hasAttribute("data-auto-tabindex")) {
        wrap.setAttribute("data-tabindex-fixed", "");
        return;
      }
      if (wrap.scrollWidth > wrap.clientWidth + 1) {
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("data-auto-tabindex", "");
        var caption = wrap.querySelector("caption");
        if (caption && !wrap.hasAttribute("aria-label") && !wrap.hasAttribute("aria-labelledby")) {
          if (!caption.id) {
            caption.id = "caption-" + Math.random().toString(36).slice(2, 10);
          }
          wrap.setAttribute("role", "region");
          wrap.setAttribute("aria-labelledby", caption.id);
        }
      } else if (wrap.hasAttribute("data-auto-tabindex")) {
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("data-auto-tabindex");
      }
    });
  }

  // Consent grid ([data-consent-grid]): a whole row or column ticks or clears its boxes,
  // and shows "all" or "some" (indeterminate) as the boxes change; a plain choice
  // (button[data-preset]) ticks the boxes whose data-presets name it, without sending
  // the form. Without this script the form works too: the server reads whole rows and
  // columns, and a plain choice comes back filled in.
  function gridBoxes(grid, selector) {
    return Array.prototype.slice.call(grid.querySelectorAll(selector));
  }

  function syncWhole(grid) {
    gridBoxes(grid, "input[data-grid=row], input[data-grid=column]").forEach(function (whole) {
      var kind = whole.getAttribute("data-grid");
      var key = whole.getAttribute("data-" + kind);
      var cells = gridBoxes(grid, "input[data-grid=cell]").filter(function (cell) {
        return cell.getAttribute("data-" + kind) === key;
      });
      var ticked = cells.filter(function (cell) { return cell.checked; }).length;
      whole.checked = cells.length > 0 && ticked === cells.length;
      whole.indeterminate = ticked > 0 && ticked < cells.length;
    });
  }

  function initConsentGrids(root) {
    var scope = root && root.querySelectorAll ? root : document;
    scope.querySelectorAll("[data-consent-grid]").forEach(function (grid) {
      // A plain choice only ticks boxes: Enter in a text field must still record.
      gridBoxes(grid, "button[data-preset]").forEach(function (button) {
        button.type = "button";
      });
      syncWhole(grid);
    });
  }

  document.addEventListener("change", function (event) {
    var box = event.target;
    if (!(box instanceof HTMLInputElement) || !box.hasAttribute("data-grid")) {
      return;
    }
    var grid = box.closest("[data-consent-grid]");
    if (!grid) {
      return;
    }
    var kind = box.getAttribute("data-grid");
    if (kind === "row" || kind === "column") {
      var key = box.getAttribute("data-" + kind);
      gridBoxes(grid, "input[data-grid=cell]").forEach(function (cell) {
        if (cell.getAttribute("data-" + kind) === key) {
          cell.checked = box.checked;
        }
      });
    }
    syncWhole(grid);
  });

  document.addEventListener("click", function (event) {
    var target = event.target;
    if (!(target instanceof Element)) {
      return;
    }
    var button = target.closest("button[data-preset]");
    var grid = button && button.closest("[data-consent-grid]");
    if (!grid) {
      return;
    }
    event.preventDefault();
    var preset = button.getAttribute("data-preset");
    gridBoxes(grid, "input[data-grid=cell]").forEach(function (cell) {
      var presets = (cell.getAttribute("data-presets") || "").split(" ");
      cell.checked = presets.indexOf(preset) !== -1;
    });
    syncWhole(grid);
    var status = grid.querySelector("[data-preset-status]");
    if (status) {
      status.textContent = button.getAttribute("data-applied") || "";
      status.classList.remove("visually-hidden");
    }
  });

  document.addEventListener("DOMContentLoaded", function () {
    markScrollableTables(document);
    initConsentGrids(document);
  });
  document.addEventListener("htmx:afterSettle", function (event) {
    markScrollableTables(event.target);
  });
  var resizeTimer = null;
  window.addEventListener("resize", function () {
    window.clearTimeout(resizeTimer);
    resizeTimer = window.setTimeout(function () {
      markScrollableTables(document);
    }, 150);
  });
})();
