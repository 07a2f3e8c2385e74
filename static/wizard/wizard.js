// Progressive enhancement for the wizard: show conditional fields, add list rows. The form works without it.
(function () {
  "use strict";
  const form = document.getElementById("step-form");
  if (!form) return;

  function controllerValue(name) {
    const inputs = form.querySelectorAll('[name="' + name + '"]');
    if (!inputs.length) return null;
    const first = inputs[0];
    if (first.type === "checkbox" && inputs.length === 1) return first.checked ? ["true"] : ["false"];
    if (first.type === "checkbox" || first.type === "radio") {
      return Array.from(inputs).filter((i) => i.checked).map((i) => i.value);
    }
    return [first.value];
  }

  function wrapperOf(el) {
    return el.closest(".field-wrap") || el.closest("fieldset") || el;
  }

  function isVisible(el) {
    return !wrapperOf(el).hidden;
  }

  function update() {
    // Dependent fields may control others: repeat until nothing changes.
    for (let pass = 0; pass < 3; pass++) {
      form.querySelectorAll("[data-show-if]").forEach((el) => {
        const controller = el.dataset.showIf;
        const allowed = el.dataset.showValues.split("|");
        const controllerEl = form.querySelector('[name="' + controller + '"]');
        const shown = controllerEl && isVisible(controllerEl) &&
          controllerValue(controller).some((v) => allowed.includes(v));
        wrapperOf(el).hidden = !shown;
      });
    }
  }

  form.addEventListener("change", update);
  update();

  form.querySelectorAll("fieldset.list-field").forEach((fieldset) => {
    const button = fieldset.querySelector(".add-row");
    const template = fieldset.querySelector("template");
    const total = fieldset.querySelector('input[name$="-TOTAL_FORMS"]');
    const max = parseInt(fieldset.querySelector('input[name$="-MAX_NUM_FORMS"]').value, 10);
    if (!button || !template || !total) return;
    button.hidden = false;
    button.addEventListener("click", () => {
      const index = parseInt(total.value, 10);
      if (index >= max) return;
      const html = template.innerHTML.replace(/__prefix__/g, String(index));
      fieldset.querySelector("tbody").insertAdjacentHTML("beforeend", html);
      total.value = String(index + 1);
      if (index + 1 >= max) button.hidden = true;
    });
  });
})();
