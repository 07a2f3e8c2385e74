// The clause form: texts grow with their content, the variable catalogue filters as one types and opens
// beside the text, and leaving with unsaved changes asks first (the preview, in a new tab, does not count).
// The admin loads it in <head>: start once the form is there.
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  const form = document.getElementById("clause_form");
  if (!form) return;

  function grow(area) {
    area.style.height = "auto";
    area.style.height = area.scrollHeight + 2 + "px";
  }
  form.querySelectorAll("textarea").forEach(function (area) {
    grow(area);
    area.addEventListener("input", function () { grow(area); });
  });
  // a collapsed position opens with its texts at their height
  form.querySelectorAll("details").forEach(function (details) {
    details.addEventListener("toggle", function () { details.querySelectorAll("textarea").forEach(grow); });
  });
  window.addEventListener("resize", function () { form.querySelectorAll("textarea").forEach(grow); });

  const catalogue = document.getElementById("variable-catalogue");
  if (catalogue) {
    const details = catalogue.querySelector("details");
    details.addEventListener("toggle", function () { document.body.classList.toggle("catalogue-open", details.open); });
    const filter = catalogue.querySelector(".catalogue-filter");
    filter.addEventListener("input", function () {
      const words = filter.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
      catalogue.querySelectorAll("tbody tr").forEach(function (row) {
        const text = row.textContent.toLowerCase();
        row.hidden = !words.every(function (word) { return text.includes(word); });
      });
    });
  }

  let dirty = false;
  let leaving = false;
  form.addEventListener("input", function (event) {
    if (!event.target.closest("#variable-catalogue, #clause-preview")) dirty = true;
  });
  form.addEventListener("change", function (event) {
    if (!event.target.closest("#variable-catalogue, #clause-preview")) dirty = true;
  });
  form.addEventListener("submit", function (event) {
    if (!(event.submitter && event.submitter.name === "_preview")) leaving = true;
  });
  window.addEventListener("beforeunload", function (event) {
    if (dirty && !leaving) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
});
