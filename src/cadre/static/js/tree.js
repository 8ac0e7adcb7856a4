// The unit tree beside the roster: expand and collapse nodes, loading children on first
// expand (htmx), and keep the clicked unit highlighted. Without JavaScript the links still
// work: they open the roster of the unit with the tree expanded to it.
(function () {
  "use strict";

  function setExpanded(node, toggle, open) {
    const children = node.querySelector(":scope > .tree-children");
    node.classList.toggle("open", open);
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
    const name = node.querySelector(":scope > .tree-row > .tree-link");
    toggle.setAttribute("aria-label", (open ? "收起" : "展开") + (name ? name.textContent : ""));
    if (children) {
      children.hidden = !open;
    }
  }

  // Choosing another unit keeps the conditions of the roster form (filters, search, sort):
  // "女干部 of each unit" is one click per unit. The page always starts again at 1.
  document.addEventListener("htmx:configRequest", function (event) {
    const elt = event.detail.elt;
    if (!elt.matches || !elt.matches(".tree-link, .tree-all")) {
      return;
    }
    const form = document.querySelector("form.roster-filters");
    if (!form) {
      return;
    }
    new FormData(form).forEach(function (value, key) {
      if (key !== "unit" && key !== "page" && value !== "") {
        event.detail.parameters.append(key, value);
      }
    });
  });

  document.addEventListener("click", function (event) {
    const toggle = event.target.closest(".tree-toggle");
    if (toggle) {
      event.preventDefault();
      const node = toggle.closest(".tree-node");
      const open = toggle.getAttribute("aria-expanded") !== "true";
      if (open && !toggle.dataset.loaded && window.htmx) {
        toggle.dataset.loaded = "1";
        const target = node.querySelector(":scope > .tree-children");
        window.htmx.ajax("GET", toggle.dataset.childrenUrl, { target: target, swap: "innerHTML" });
      }
      setExpanded(node, toggle, open);
      return;
    }
    const link = event.target.closest(".tree-link, .tree-all");
    if (link) {
      document.querySelectorAll(".unit-tree .selected").forEach(function (el) {
        el.classList.remove("selected");
      });
      link.classList.add("selected");
    }
  });
})();
