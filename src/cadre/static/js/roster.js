// Roster behaviours: a changed select in the filter form submits it (htmx swaps the roster);
// the quick-search dropdown closes on Escape or a click elsewhere.
(function () {
  "use strict";

  document.addEventListener("change", function (event) {
    const select = event.target.closest("form.roster-filters select");
    if (select && select.form.requestSubmit) {
      select.form.requestSubmit();
    }
  });

  function closeDropdowns(except) {
    document.querySelectorAll(".quicksearch-results").forEach(function (box) {
      if (box !== except) {
        box.innerHTML = "";
      }
    });
  }

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      closeDropdowns(null);
    }
  });

  document.addEventListener("click", function (event) {
    const inside = event.target.closest(".quicksearch");
    closeDropdowns(inside ? inside.querySelector(".quicksearch-results") : null);
  });

  // While htmx loads a roster, mark it busy (styled dim) so a slow answer is visible.
  document.addEventListener("htmx:beforeRequest", function (event) {
    const roster = document.getElementById("roster");
    if (roster && event.detail.target === roster) {
      roster.setAttribute("aria-busy", "true");
    }
  });
  document.addEventListener("htmx:afterRequest", function () {
    const roster = document.getElementById("roster");
    if (roster) {
      roster.setAttribute("aria-busy", "false");
    }
  });
})();
