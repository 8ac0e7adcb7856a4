// Progress of an import batch: poll its status.json every second, move the <progress> bar,
// and reload the page (preview, report or failure) once the background task is done.
// No inline script: the CSP allows scripts from this site only.
(() => {
  "use strict";
  const box = document.getElementById("batch-progress");
  if (!box) {
    return;
  }
  const statusUrl = box.dataset.statusUrl;
  const bar = box.querySelector("[data-batch-bar]");
  const label = box.querySelector("[data-batch-label]");
  const phase = box.querySelector("[data-batch-phase]");
  const count = box.querySelector("[data-batch-count]");
  const EVERY = 1000;
  let failures = 0;

  function show(state) {
    label.textContent = state.label;
    phase.textContent = state.phase || "排队等待后台处理";
    if (state.total > 0) {
      bar.max = state.total;
      bar.value = Math.min(state.done, state.total);
      bar.textContent = `${state.done} / ${state.total}`;
      count.textContent = `${state.done} / ${state.total}`;
    } else {
      bar.removeAttribute("value"); // indeterminate: the total is not known yet
      count.textContent = "";
    }
  }

  async function poll() {
    try {
      const response = await fetch(statusUrl, {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
        cache: "no-store",
      });
      if (!response.ok) {
        throw new Error(String(response.status));
      }
      const state = await response.json();
      failures = 0;
      if (!state.running) {
        window.location.reload();
        return;
      }
      show(state);
    } catch (error) {
      failures += 1; // the server restarting, a dropped connection: try again, more slowly
    }
    window.setTimeout(poll, EVERY * Math.min(1 + failures, 10));
  }

  window.setTimeout(poll, EVERY);
})();
