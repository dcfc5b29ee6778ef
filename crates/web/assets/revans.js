// Moves focus to the error summary so screen reader users hear the problems first
// (the GOV.UK and NHS design systems do the same).
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.querySelector("[data-error-summary]");
  if (summary) { summary.focus(); }
});
