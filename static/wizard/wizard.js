// Progressive enhancement for the wizard: conditional fields, list rows, focus on errors, live preview.
// Every form works without it.
(function () {
  "use strict";
  const form = document.getElementById("step-form");
  if (!form) return;

  function controllerValue(name) {
    const inputs = form.querySelectorAll('[name="' + name + '"]');
    if (!inputs.length) return [];
    const first = inputs[0];
    if (first.type === "checkbox" && inputs.length === 1) return first.checked ? ["true"] : ["false"];
    if (first.type === "checkbox" || first.type === "radio") {
      return Array.from(inputs).filter((i) => i.checked).map((i) => i.value);
    }
    return [first.value];
  }

  function wrapperOf(el) {
    return el.closest(".field-wrap") || el.closest("fieldset.list-field") || el;
  }

  function updateConditions() {
    // A shown field may itself control others: settle in a few passes.
    for (let pass = 0; pass < 3; pass++) {
      form.querySelectorAll("[data-show-if]").forEach((el) => {
        const controller = form.querySelector('[name="' + el.dataset.showIf + '"]');
        const allowed = el.dataset.showValues.split("|");
        const shown = !!controller && !wrapperOf(controller).hidden &&
          controllerValue(el.dataset.showIf).some((v) => allowed.includes(v));
        wrapperOf(el).hidden = !shown;
      });
    }
    // An asterisk that another answer turns on (the vendor's credit code for a vendor that is not foreign).
    form.querySelectorAll("[data-required-if]").forEach((mark) => {
      const allowed = mark.dataset.requiredValues.split("|");
      mark.hidden = !controllerValue(mark.dataset.requiredIf).some((v) => allowed.includes(v));
    });
  }

  function setupRows(fieldset) {
    const button = fieldset.querySelector(".add-row");
    const template = fieldset.querySelector("template");
    const total = fieldset.querySelector('input[name$="-TOTAL_FORMS"]');
    const maxInput = fieldset.querySelector('input[name$="-MAX_NUM_FORMS"]');
    if (!button || !template || !total) return;
    const max = maxInput ? parseInt(maxInput.value, 10) : 1000;
    button.hidden = parseInt(total.value, 10) >= max;
    button.addEventListener("click", () => {
      const index = parseInt(total.value, 10);
      if (index >= max) return;
      const html = template.innerHTML.replace(/__prefix__/g, String(index));
      fieldset.querySelector("tbody").insertAdjacentHTML("beforeend", html);
      total.value = String(index + 1);
      button.hidden = index + 1 >= max;
      const first = fieldset.querySelector("tbody tr:last-child input, tbody tr:last-child select, tbody tr:last-child textarea");
      if (first) first.focus();
    });
  }

  function focusFirstError() {
    const wanted = form.dataset.focus && form.querySelector('[name="' + form.dataset.focus + '"]');
    if (wanted && !document.getElementById("error-summary")) { wanted.focus(); return; }
    const invalid = form.querySelector(".is-invalid, [aria-invalid='true']");
    if (invalid) {
      invalid.focus();
    } else {
      const summary = document.getElementById("error-summary") || document.getElementById("conflict");
      if (summary) summary.focus();
    }
  }

  // The error summary's links move the focus to the answer at fault, its label in view.
  const summary = document.getElementById("error-summary");
  if (summary) {
    summary.addEventListener("click", (event) => {
      const link = event.target.closest("a[href^='#']");
      const target = link && document.getElementById(link.hash.slice(1));
      if (!target) return;
      event.preventDefault();
      const wrap = target.closest(".mb-3, td, fieldset") || target;
      wrap.scrollIntoView({ block: "center" });
      target.focus({ preventScroll: true });
    });
  }

  // Switching the SLA remedy between money and days: an untouched credit table follows, so that 25 %
  // of the fee does not become 25 days (nor 3 days 3 %). A table the buyer has edited is left alone.
  const presetsData = document.getElementById("credit-presets");
  const remedy = form.querySelector('[name="remedy_form"]');
  if (presetsData && remedy) {
    const presets = JSON.parse(presetsData.textContent);
    const unit = (value) => (value === "term_extension" ? "days" : "money");
    let before = unit(remedy.value);
    remedy.addEventListener("change", () => {
      const now = unit(remedy.value);
      const filled = Array.from(form.querySelectorAll('tbody [name^="credit_table-"][name$="-credit"]'))
        .filter((input) => Number(input.value) > 0);  // the empty rows for adding tiers stay empty
      const untouched = filled.length === presets[before].length &&
        filled.every((input, k) => Number(input.value) === Number(presets[before][k]));
      if (now !== before && untouched) {
        filled.forEach((input, k) => { input.value = presets[now][k]; });
        const status = document.getElementById("credit-swapped");
        status.textContent = status.dataset[now] || "";
        schedulePreview();
      }
      before = now;
    });
  }

  // Live preview: send the step as typed (not saved) and show the contract it would produce.
  const preview = document.getElementById("preview");
  let timer = null;
  let inflight = null;
  // The preview opens at the part of the contract this step writes, and keeps the reader's place when it
  // is refreshed. (The frame runs no scripts; it is same-origin only so that this page can scroll it.)
  let previewScroll = null;
  let previewShown = false;
  if (preview) {
    preview.addEventListener("load", () => {
      const win = preview.contentWindow, doc = preview.contentDocument;
      if (!win || !doc) return;
      if (previewScroll !== null) {
        win.scrollTo(0, previewScroll);
      } else {
        // scrollIntoView would scroll this page too: move the frame's own document only
        const target = form.dataset.previewAnchor && doc.getElementById(form.dataset.previewAnchor);
        if (target) win.scrollTo(0, target.getBoundingClientRect().top + win.scrollY);
      }
      previewShown = true;
    });
  }
  function refreshPreview() {
    if (!preview || !form.dataset.previewUrl) return;
    if (previewShown) {
      try { previewScroll = preview.contentWindow.scrollY; } catch (e) { previewScroll = null; }
    }
    if (inflight) inflight.abort();
    inflight = new AbortController();
    fetch(form.dataset.previewUrl, {method: "POST", body: new FormData(form), signal: inflight.signal,
                                    credentials: "same-origin"})
      .then((r) => (r.ok ? r.text() : Promise.reject(r.status)))
      // srcdoc wins over src; removing src as well started a second navigation that could win.
      .then((html) => { preview.srcdoc = html; })
      .catch(() => {});
  }
  // Live hints: the same figures the contract will print, for what is typed now.
  function refreshHints() {
    if (!form.dataset.hintsUrl) return;
    fetch(form.dataset.hintsUrl, {method: "POST", body: new FormData(form), credentials: "same-origin"})
      .then((r) => (r.ok ? r.json() : Promise.reject(r.status)))
      .then((hints) => {
        form.querySelectorAll("[data-hint-for]").forEach((el) => {
          el.textContent = hints[el.dataset.hintFor] || "";
        });
      })
      .catch(() => {});
  }
  function schedulePreview() {
    clearTimeout(timer);
    timer = setTimeout(() => { refreshPreview(); refreshHints(); }, 600);
  }

  // The vendor library fills the vendor's fields in place: the rest of what is typed on the page stays.
  // (Without this script the picker reloads the step with the vendor's details.)
  const vendorForm = document.getElementById("vendor-form");
  const vendorData = document.getElementById("vendor-fill");
  if (vendorForm && vendorData) {
    const vendors = JSON.parse(vendorData.textContent);
    vendorForm.addEventListener("submit", (event) => {
      const chosen = vendors[vendorForm.elements.vendor.value];
      if (!chosen) return;
      event.preventDefault();
      Object.entries(chosen).forEach(([name, value]) => {
        const inputs = form.querySelectorAll('[name="' + name + '"]');
        inputs.forEach((input) => {
          if (input.type === "checkbox" && inputs.length === 1) input.checked = !!value;
          else if (input.type === "checkbox") input.checked = value.includes(input.value);
          else input.value = value;
        });
      });
      updateConditions();
      schedulePreview();
      document.getElementById("vendor-filled").hidden = false;
    });
  }

  form.addEventListener("change", () => { updateConditions(); schedulePreview(); });
  form.addEventListener("input", schedulePreview);
  form.querySelectorAll("fieldset.list-field").forEach(setupRows);
  updateConditions();
  focusFirstError();
  // After a refused save the page shows what was typed; the preview should too, not the saved answers.
  if (form.querySelector(".is-invalid, [aria-invalid='true']") || document.getElementById("conflict")) {
    refreshPreview();
  }
})();
