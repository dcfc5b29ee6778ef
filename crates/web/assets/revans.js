// Moves focus to the error summary so screen reader users hear the problems first
// (the GOV.UK and NHS design systems do the same).
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.querySelector("[data-error-summary]");
  if (summary) { summary.focus(); }
});

// Forming sets: the search runs for a fixed time on the server, so the bar shows the share of
// that time gone while the page waits for the result. Only for "Form sets", not for opening
// the sets for choosing (that button has its own formaction).
document.addEventListener("submit", function (event) {
  var form = event.target;
  if (!form.matches("[data-form-sets]")) { return; }
  if (event.submitter && !event.submitter.matches("[data-form-button]")) { return; }
  var box = form.querySelector("[data-forming]");
  var bar = form.querySelector("[data-forming-bar]");
  if (!box || !bar) { return; }
  var total = Number(box.getAttribute("data-forming-ms")) || 3000;
  var started = Date.now();
  box.hidden = false;
  var timer = setInterval(function () {
    var gone = Math.min(Date.now() - started, total);
    bar.value = gone;
    if (gone >= total) { clearInterval(timer); }
  }, 100);
});
