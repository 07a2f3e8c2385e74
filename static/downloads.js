// Download buttons: a click starts (or joins) the render of the file, the buttons show that it is being
// prepared and ignore further clicks, the page polls the render's state, then the file downloads. Without
// script the form posts as usual and the "being prepared" page refreshes itself until the file is there.
//
// The review page also names the pre-render of the contract-language PDF (the worker prints it from the
// moment the draft is complete; contracts/renders.py): the page follows it from its arrival, so that a click
// once it is printed downloads the file at once, and a click before joins it instead of asking separately.
// The click's POST still goes out: it makes the file the buyer's ("My contracts") and says whether the
// draft has changed since the page was loaded.
(function () {
  "use strict";
  // The render's state is asked for again after the wait the server suggests (`poll_ms`: when the render is
  // expected to end, then every 0.1 s; 1 s while other renders go first; contracts/renders.py), or this.
  const POLL_MS = 200;
  const JSON_HEADERS = { Accept: "application/json" };
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

  async function getJson(url, options) {
    const response = await fetch(url, { credentials: "same-origin", headers: JSON_HEADERS, ...options });
    if (!response.ok) throw new Error(String(response.status));
    return response.json();
  }

  async function follow(state, onState) {
    while (state.status === "queued" || state.status === "running") {
      onState(state);
      await sleep(state.poll_ms || POLL_MS);
      state = await getJson(state.status_url);
    }
    return state;
  }

  document.querySelectorAll("[data-downloads]").forEach((card) => {
    const status = card.querySelector("[role=status]");
    let busy = false;
    const named = card.querySelector("#prerender");
    const prerender = named ? JSON.parse(named.textContent) : null; // {language, format, state}
    let shown = null; // while a click waits on the pre-render: how to show its state
    const prerendered = prerender
      ? follow(prerender.state, (state) => {
          prerender.state = state;
          if (shown) shown(state);
        }).then((state) => (prerender.state = state))
      : null;
    if (prerendered) prerendered.catch(() => {}); // a pre-render superseded or failed: clicks ask for their own

    function isPrerendered(body) {
      // the same file: the pre-render's language and format, the draft (not the final contract)
      return (
        prerender &&
        body.get("final") !== "1" &&
        (body.get("format") || "pdf") === prerender.format &&
        body.get("language") === prerender.language
      );
    }

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

    async function download(form, button) {
      setBusy(true, button);
      show(status.dataset.queued);
      const body = new FormData(form);
      if (button && button.name) body.append(button.name, button.value);
      const watched = isPrerendered(body) ? prerender.state : null;
      const ready = watched && watched.status === "done" ? watched.download_url : null;
      if (ready) save(ready); // printed while the buyer read the page: the file at once
      let state;
      try {
        state = await getJson(form.action, { method: "POST", body });
        if (ready) {
          setBusy(false, button);
          // another tab or a colleague saved the draft since this page was loaded: say which answers it shows
          show(state.download_url === ready ? status.dataset.ready : status.dataset.changed);
          return;
        }
        if (watched && watched.status_url && state.status_url === watched.status_url) {
          shown = showState; // the same render the page follows: wait for it rather than ask again
          state = await prerendered.catch(() => state); // superseded meanwhile: the click's own answer
        }
        state = await follow(state, showState);
      } catch (error) {
        setBusy(false, button);
        if (ready) show(status.dataset.ready);
        else form.submit(); // the page without script: it waits on the "being prepared" page
        return;
      } finally {
        shown = null;
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
