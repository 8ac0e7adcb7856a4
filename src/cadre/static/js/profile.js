// 干部信息: print the adform, mark the active tab after an htmx swap. No inline scripts (CSP).
document.addEventListener("click", (event) => {
  if (event.target.closest("[data-print]")) {
    window.print();
    return;
  }
  const tab = event.target.closest(".profile-tabs a[data-tab]");
  if (tab) {
    for (const other of tab.parentElement.querySelectorAll("a")) {
      other.classList.toggle("active", other === tab);
    }
  }
});

// Back/forward through htmx history: mark the tab matching the restored address.
document.addEventListener("htmx:historyRestore", () => {
  const path = window.location.pathname;
  for (const link of document.querySelectorAll(".profile-tabs a")) {
    link.classList.toggle("active", new URL(link.href).pathname === path);
  }
});
