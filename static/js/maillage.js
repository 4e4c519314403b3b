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

  document.addEventListener("DOMContentLoaded", function () {
    markScrollableTables(document);
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
