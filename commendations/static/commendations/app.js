/* The web UI's behaviour. No inline scripts anywhere (Content-Security-Policy). */
(function () {
  "use strict";

  // Show only the nominee fields that fit the chosen kind (collective / individual).
  function applyKind(root) {
    var form = root.querySelector ? root.querySelector(".nomination-form") || (root.matches && root.matches(".nomination-form") ? root : null) : null;
    if (!form) { return; }
    var checked = form.querySelector("input[name='nominee_kind']:checked");
    var kind = checked ? checked.value : "collective";
    form.querySelectorAll("[data-kind-section]").forEach(function (section) {
      var show = section.getAttribute("data-kind-section") === kind;
      section.hidden = !show;
    });
  }

  // "Tick all" boxes: tick every ids checkbox belonging to the same form.
  function bindCheckAll(root) {
    root.querySelectorAll(".js-check-all").forEach(function (box) {
      if (box.dataset.bound) { return; }
      box.dataset.bound = "1";
      box.addEventListener("change", function () {
        var formId = box.getAttribute("data-target");
        document.querySelectorAll("input[name='ids']").forEach(function (item) {
          var owner = item.form ? item.form.id : item.getAttribute("form");
          if (!formId || owner === formId) { item.checked = box.checked; }
        });
      });
    });
  }

  // Progress bars: width from data-percent (no inline styles under the CSP).
  function paintProgress(root) {
    root.querySelectorAll("[data-percent]").forEach(function (bar) {
      bar.style.width = Math.max(0, Math.min(100, parseFloat(bar.getAttribute("data-percent")) || 0)) + "%";
    });
  }

  function init(root) {
    applyKind(root);
    bindCheckAll(root);
    paintProgress(root);
  }

  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target.name === "nominee_kind") { applyKind(document); }
    if (target.classList && target.classList.contains("js-autosubmit") && target.form) { target.form.submit(); }
  });
  document.addEventListener("DOMContentLoaded", function () { init(document); });
  document.addEventListener("htmx:afterSettle", function () { init(document); });
})();
