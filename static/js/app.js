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
    // Referral forms: list only the offices of the organisation chosen, and show the
    // organisation or the clinic's team depending on where she is referred.
    document.querySelectorAll("[data-referral-organisation]").forEach(function (organisation) {
      var form = organisation.form;
      var office = form && form.querySelector("[data-referral-office]");
      if (office) {
        var options = Array.prototype.slice.call(office.options);
        var filterOffices = function () {
          options.forEach(function (option) {
            var owner = option.getAttribute("data-organisation");
            var shown = !owner || owner === organisation.value;
            option.hidden = !shown;
            option.disabled = !shown;
          });
          if (office.selectedIndex > 0 && office.options[office.selectedIndex].disabled) {
            office.value = "";
          }
        };
        organisation.addEventListener("change", filterOffices);
        filterOffices();
      }
      var kinds = form ? form.querySelectorAll("[data-referral-kind]") : [];
      var team = form && form.querySelector("[name=internal_team]");
      if (!kinds.length || !team) { return; }
      var fieldOf = function (element) { return element && element.closest(".field"); };
      var showDestination = function () {
        var checked = form.querySelector("[data-referral-kind]:checked");
        var internal = checked && checked.value === "internal";
        [fieldOf(organisation), fieldOf(office)].forEach(function (field) {
          if (field) { field.hidden = internal; }
        });
        if (fieldOf(team)) { fieldOf(team).hidden = !internal; }
      };
      kinds.forEach(function (radio) { radio.addEventListener("change", showDestination); });
      showDestination();
    });
  });
})();
