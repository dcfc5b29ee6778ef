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

// A forming run's page: re-reads the run's progress every second and shows it; when the run
// finishes, reloads the page for its result (a link to the sets, or why it stopped).
document.addEventListener("DOMContentLoaded", function () {
  var box = document.querySelector("[data-run-progress]");
  if (!box || !document.querySelector("[data-run-refresh]")) { return; }
  var url = box.getAttribute("data-run-json");
  var timer = setInterval(function () {
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (w) {
        if (!w) { return; }
        if (!w.active) { clearInterval(timer); window.location.reload(); return; }
        box.querySelector("[data-run-label]").textContent = w.label;
        box.querySelector("[data-run-best]").textContent = w.best;
        box.querySelector("[data-run-left]").textContent = w.left;
      })
      .catch(function () {});
  }, 1000);
});

// A constant-sum question: adds up the points as they are typed and says how many are left,
// so the respondent sees before sending whether their points make the total. The server
// checks the sum again when the answers are sent.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("[data-constant-sum]").forEach(function (box) {
    var total = Number(box.getAttribute("data-total")) || 0;
    var inputs = box.querySelectorAll("[data-points]");
    var status = box.querySelector("[data-sum-status]");
    function update() {
      var sum = 0;
      var unreadable = false;
      inputs.forEach(function (input) {
        var text = input.value.trim();
        if (text === "") { return; }
        if (!/^\d+$/.test(text)) { unreadable = true; return; }
        sum += Number(text);
      });
      // The page gives the words in the reader's language (data-w-*); English otherwise.
      function w(key, fallback, n) {
        var text = box.getAttribute("data-w-" + key) || fallback;
        return text.replace("%sum%", sum).replace("%total%", total).replace("%n%", n);
      }
      var words = w("given", "Points given: %sum% of %total%.", 0);
      if (unreadable) { words += " " + w("whole", "Use whole numbers only.", 0); }
      else if (sum < total) { words += " " + w("left", "%n% left to give.", total - sum); }
      else if (sum > total) { words += " " + w("over", "%n% too many: take some away.", sum - total); }
      else { words += " " + w("adds", "That adds up.", 0); }
      status.textContent = words;
      status.classList.toggle("constant-sum__total--wrong", unreadable || sum > total);
    }
    inputs.forEach(function (input) { input.addEventListener("input", update); });
    update();
  });
});
