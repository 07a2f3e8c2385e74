// Download buttons: a click starts (or joins) the render of the file, the buttons show that it is being
// prepared and ignore further clicks, the page polls the render's state, then the file downloads. Without
// script the form posts as usual and the "being prepared" page refreshes itself until the file is there.
(function () {
  "use strict";
  // The render's state is asked for again after the wait the server suggests (`poll_ms`: 0.2 s when the
  // file is due, up to 1 s while other renders go first; contracts/renders.py), or this.
  const POLL_MS = 200;
  const JSON_HEADERS = { Accept: "application/json" };
  document.querySelectorAll("[data-downloads]").forEach((card) => {
    const status = card.querySelector("[role=status]");
    let busy = false;

    function buttons() {
      return [...card.querySelectorAll("button")].filter((b) => !b.form || b.form.hasAttribute("data-render-download"));
    }

    function setBusy(on, button) {
      busy = on;
      card.setAttribute("aria-busy", on ? "true" : "false");
      buttons().forEach((b) => {
        // aria-disabled, not disabled: the clicked button keeps the keyboard focus
        b.setAttribute("aria-disabled", on ? "true" : "false");
        b.classList.toggle("disabled", on);
      });
      if (button && on) {
        const spinner = document.createElement("span");
        spinner.className = "spinner-border spinner-border-sm me-1";
        spinner.setAttribute("aria-hidden", "true");
        button.prepend(spinner);
      } else if (button) {
        button.querySelectorAll(".spinner-border").forEach((spinner) => spinner.remove());
      }
      if (!on) status.classList.remove("text-danger");
    }

    function show(text, progress) {
      status.textContent = progress ? `${text} ${progress} %` : text;
    }

    function showState(state) {
      if (state.status === "queued") show(status.dataset.queued);
      else if (state.status === "running") show(status.dataset.running, state.progress);
    }

    function save(url) {
      // A link with the download attribute: the browser saves the file and the page stays. Navigating the
      // page to the file instead cost Chromium ~40 ms more before the download began (make bench).
      const link = document.createElement("a");
      link.href = url;
      link.download = "";
      link.hidden = true;
      document.body.append(link);
      link.click();
      link.remove();
    }

    async function getJson(url, options) {
      const response = await fetch(url, { credentials: "same-origin", headers: JSON_HEADERS, ...options });
      if (!response.ok) throw new Error(String(response.status));
      return response.json();
    }

    async function download(form, button) {
      setBusy(true, button);
      show(status.dataset.queued);
      const body = new FormData(form);
      if (button && button.name) body.append(button.name, button.value);
      let state;
      try {
        state = await getJson(form.action, { method: "POST", body });
        while (state.status === "queued" || state.status === "running") {
          showState(state);
          await new Promise((resolve) => setTimeout(resolve, state.poll_ms || POLL_MS));
          state = await getJson(state.status_url);
        }
      } catch (error) {
        setBusy(false, button);
        form.submit(); // the page without script: it waits on the "being prepared" page
        return;
      }
      setBusy(false, button);
      if (state.status === "done") {
        show(status.dataset.ready);
        save(state.download_url);
      } else {
        status.classList.add("text-danger");
        show(state.message || status.dataset.error);
      }
    }

    card.querySelectorAll("form[data-render-download]").forEach((form) => {
      form.addEventListener("submit", (event) => {
        event.preventDefault();
        if (busy) {
          show(status.dataset.busy);
          return;
        }
        download(form, event.submitter);
      });
    });
  });
})();
