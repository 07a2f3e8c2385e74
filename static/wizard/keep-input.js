// Leaving a step with typed input (a step chip, the menu, the review link, the language switcher) keeps it:
// the step form is sent with where the buyer was going, saved as "Save draft" would save it, then followed.
(function () {
  "use strict";
  const form = document.getElementById("step-form");
  if (!form) return;

  const state = () =>
    JSON.stringify([...new FormData(form)].filter(([name]) => !name.startsWith("_")).map(([n, v]) => [n, String(v)]));
  let loaded = null;
  document.addEventListener("DOMContentLoaded", () => {
    loaded = state(); // after the other deferred scripts have set the page up
  });
  const changed = () => loaded !== null && state() !== loaded;

  function leaveVia(target, language) {
    const add = (name, value) => {
      const input = document.createElement("input");
      input.type = "hidden";
      input.name = name;
      input.value = value;
      form.appendChild(input);
    };
    add("_action", "goto");
    add("_goto", target);
    if (language) add("_language", language);
    loaded = null; // one submission: a second click waits for the page it leads to
    form.submit();
  }

  document.addEventListener(
    "click",
    (event) => {
      const link = event.target.closest("a[href]");
      if (!link || event.defaultPrevented || event.button !== 0) return;
      if (event.ctrlKey || event.metaKey || event.shiftKey || event.altKey || link.target || link.hasAttribute("download")) return;
      const url = new URL(link.href, window.location.href);
      if (url.origin !== window.location.origin) return;
      if (url.pathname === window.location.pathname && url.search === window.location.search && url.hash) return;
      if (!changed()) return;
      event.preventDefault();
      leaveVia(url.pathname + url.search + url.hash);
    },
    true,
  );

  // Before site.js submits the language form: the step's input goes with the switch.
  const languages = document.getElementById("ui-language");
  if (languages) {
    document.addEventListener(
      "change",
      (event) => {
        if (event.target !== languages || !changed()) return;
        event.stopImmediatePropagation();
        leaveVia(window.location.pathname + window.location.search, languages.value);
      },
      true,
    );
  }
})();
