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
    form.querySelectorAll("[data-required-if]").forEach((input) => {
      const label = input.id && form.querySelector('label[for="' + input.id + '"]');
      if (!label) return;
      const allowed = input.dataset.requiredValues.split("|");
      const required = controllerValue(input.dataset.requiredIf).some((v) => allowed.includes(v));
      let mark = label.querySelector(".asteriskField");
      if (!mark && required) mark = addAsterisk(label);
      if (mark) mark.hidden = !required;
      label.classList.toggle("requiredField", required);
    });
  }

  // The mark the server prints for a required field: right after the label's text.
  function addAsterisk(label) {
    const mark = document.createElement("span");
    mark.className = "asteriskField";
    mark.textContent = "*";
    const last = label.lastChild;
    if (last && last.nodeType === Node.TEXT_NODE) last.textContent = last.textContent.trimEnd();
    label.append(mark);
    return mark;
  }

  // A row's inputs are named list-N-field: after a row is removed the rows below it move up a number.
  const NUMBERED = ["name", "id", "for", "aria-describedby", "aria-labelledby"];
  function renumberRow(row, prefix, from, to) {
    const before = prefix + "-" + from + "-", after = prefix + "-" + to + "-";
    row.querySelectorAll("*").forEach((el) => {
      NUMBERED.forEach((attr) => {
        const value = el.getAttribute(attr);
        if (value && value.includes(before)) el.setAttribute(attr, value.split(before).join(after));
      });
    });
  }

  function setupRows(fieldset) {
    const button = fieldset.querySelector(".add-row");
    const template = fieldset.querySelector("template");
    const total = fieldset.querySelector('input[name$="-TOTAL_FORMS"]');
    const maxInput = fieldset.querySelector('input[name$="-MAX_NUM_FORMS"]');
    if (!button || !template || !total) return;
    const tbody = fieldset.querySelector("tbody");
    const prefix = fieldset.dataset.list;
    const removeLabel = fieldset.querySelector("legend").dataset.removeLabel || "";
    const max = maxInput ? parseInt(maxInput.value, 10) : 1000;
    function nameRows() {  // each remove button says which row it removes
      Array.from(tbody.rows).forEach((row, k) => {
        const remove = row.querySelector(".remove-row");
        if (!remove) return;
        remove.hidden = false;
        remove.setAttribute("aria-label", removeLabel.replace("__row__", String(k + 1)));
      });
    }
    nameRows();
    button.hidden = parseInt(total.value, 10) >= max;
    button.addEventListener("click", () => {
      const index = parseInt(total.value, 10);
      if (index >= max) return;
      const html = template.innerHTML.replace(/__prefix__/g, String(index));
      tbody.insertAdjacentHTML("beforeend", html);
      total.value = String(index + 1);
      button.hidden = index + 1 >= max;
      nameRows();
      const first = fieldset.querySelector("tbody tr:last-child input, tbody tr:last-child select, tbody tr:last-child textarea");
      if (first) first.focus();
    });
    tbody.addEventListener("click", (event) => {
      const remove = event.target.closest(".remove-row");
      if (!remove) return;
      const rows = Array.from(tbody.rows);
      const index = rows.indexOf(remove.closest("tr"));
      rows[index].remove();
      rows.slice(index + 1).forEach((row, k) => renumberRow(row, prefix, index + 1 + k, index + k));
      total.value = String(rows.length - 1);
      button.hidden = rows.length - 1 >= max;
      nameRows();
      // the focus stays in the list: on the row that moved up, else the one above, else "Add a row"
      const next = tbody.rows[index] || tbody.rows[index - 1];
      const target = next ? next.querySelector(".remove-row") : button;
      if (target && !target.hidden) target.focus(); else fieldset.focus();
      const status = fieldset.querySelector("[data-row-status]");
      if (status) status.textContent = status.dataset.removed;
      updateConditions();
      schedulePreview();
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

  // Switching the SLA remedy between money and days, or the availability target: an untouched credit
  // table follows, so that 25 % of the fee does not become 25 days (nor 3 days 3 %), and the first tier
  // starts at the new target as the contract requires. A table the buyer has edited is left alone.
  const presetsData = document.getElementById("credit-presets");
  const remedy = form.querySelector('[name="remedy_form"]');
  const target = form.querySelector('[name="availability_target_pct"]');
  if (presetsData && remedy && target) {
    const presets = JSON.parse(presetsData.textContent);
    const state = () => ({unit: remedy.value === "term_extension" ? "days" : "money", target: target.value});
    let before = state();
    const tiers = () => Array.from(form.querySelectorAll('tbody [name^="credit_table-"][name$="-below_pct"]'))
      .map((below) => ({below, credit: form.querySelector('[name="' + below.name.replace(/below_pct$/, "credit") + '"]')}))
      .filter((tier) => tier.below.value !== "" || tier.credit.value !== "");  // the empty rows stay empty
    const preset = (at) => ({limits: presets.tiers[at.target], credits: presets[at.unit]});
    const untouched = (rows, at) => {
      const {limits, credits} = preset(at);
      return !!limits && rows.length === limits.length && rows.every((tier, k) =>
        Number(tier.below.value) === Number(limits[k]) && Number(tier.credit.value) === Number(credits[k]));
    };
    const follow = () => {
      const now = state(), rows = tiers();
      const changed = now.unit !== before.unit ? now.unit : now.target !== before.target ? "target" : "";
      if (changed && presets.tiers[now.target] && untouched(rows, before)) {
        const {limits, credits} = preset(now);
        rows.forEach((tier, k) => { tier.below.value = limits[k]; tier.credit.value = credits[k]; });
        const status = document.getElementById("credit-swapped");
        status.textContent = (status.dataset[changed] || "").replace("__target__", now.target + "%");
        schedulePreview();
      }
      before = now;
    };
    remedy.addEventListener("change", follow);
    target.addEventListener("change", follow);
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
