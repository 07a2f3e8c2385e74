// Site-wide behaviour, no inline scripts (the Content-Security-Policy forbids them).
(function () {
  "use strict";
  document.querySelectorAll("select[data-autosubmit]").forEach((select) => {
    select.addEventListener("change", () => select.form.submit());
  });
  // On a phone the step list scrolls sideways: show the current step, not the first ones.
  const current = document.querySelector(".wizard-steps li.current");
  if (current && current.parentElement.scrollWidth > current.parentElement.clientWidth) {
    const list = current.parentElement;
    list.scrollLeft = current.offsetLeft - (list.clientWidth - current.offsetWidth) / 2;
  }
  document.querySelectorAll("form[data-confirm]").forEach((form) => {
    form.addEventListener("submit", (event) => {
      if (!window.confirm(form.dataset.confirm)) event.preventDefault();
    });
  });
})();
