// Acompaña — progressive enhancement only; every page works without JavaScript.
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  document.addEventListener("DOMContentLoaded", function () {
    // Ask before destructive actions that carry data-confirm.
    document.querySelectorAll("form[data-confirm]").forEach(function (form) {
      form.addEventListener("submit", function (event) {
        if (!window.confirm(form.getAttribute("data-confirm"))) { event.preventDefault(); }
      });
    });
    // Background jobs (PDFs, exports): poll the job's status and reload the page when it
    // finishes. Without JavaScript the page offers a "refresh" link instead.
    document.querySelectorAll("[data-job-url]").forEach(function (box) {
      var bar = box.querySelector("progress");
      var label = box.querySelector("[data-job-label]");
      var poll = function () {
        fetch(box.getAttribute("data-job-url"), {credentials: "same-origin"})
          .then(function (response) { return response.ok ? response.json() : null; })
          .then(function (job) {
            if (!job) { return; }
            if (bar) { bar.value = job.progress; }
            if (label) { label.textContent = job.status_label; }
            if (job.finished) { window.location.reload(); } else { window.setTimeout(poll, 1500); }
          })
          .catch(function () { window.setTimeout(poll, 5000); });
      };
      window.setTimeout(poll, 1000);
    });
  });
})();
