// Stint's own small script: the live notification badge, and the pay-per-hour
// explanation on the listing form. Pages work without it.
"use strict";

function followNotifications() {
  const badge = document.getElementById("badge");
  if (!badge || !window.EventSource) {
    return;
  }
  const stream = new EventSource(badge.dataset.stream);
  stream.addEventListener("notification", function () {
    const count = parseInt(badge.textContent, 10) || 0;
    badge.textContent = String(count + 1);
    badge.classList.add("fresh");
  });
  window.addEventListener("pagehide", function () {
    stream.close();
  });
}

function explainPay() {
  const form = document.querySelector("form[data-pay-floor]");
  if (!form) {
    return;
  }
  const floor = parseInt(form.dataset.payFloor, 10);
  const amount = form.querySelector("[name=pay]");
  const hours = form.querySelector("[name=estimated_hours]");
  const currency = form.querySelector("[name=currency]");
  const out = document.getElementById("pay-per-hour");
  function update() {
    const cents = Math.round(parseFloat((amount.value || "").replace(/,/g, "")) * 100);
    const h = parseInt(hours.value, 10);
    if (!(cents > 0) || !(h > 0)) {
      out.textContent = "";
      return;
    }
    const perHour = Math.floor(cents / h);
    const unit = currency.value || "";
    const text = (perHour / 100).toFixed(2) + " " + unit + " per hour";
    if (perHour < floor) {
      out.textContent = text + ": below the floor of " + (floor / 100).toFixed(2) +
        " per hour. Raise the pay to at least " + (floor * h / 100).toFixed(2) + " or lower the hours.";
      out.className = "pay-check below";
    } else {
      out.textContent = text + ": at or above the floor.";
      out.className = "pay-check ok";
    }
  }
  [amount, hours, currency].forEach(function (input) {
    input.addEventListener("input", update);
  });
  update();
}

function toggleOrganization() {
  const fieldset = document.querySelector(".employer-only");
  if (!fieldset) {
    return;
  }
  const radios = document.querySelectorAll("input[name=role]");
  function update() {
    const chosen = document.querySelector("input[name=role]:checked");
    fieldset.hidden = !chosen || chosen.value !== "employer";
  }
  radios.forEach(function (radio) {
    radio.addEventListener("change", update);
  });
  update();
}

document.addEventListener("DOMContentLoaded", function () {
  followNotifications();
  explainPay();
  toggleOrganization();
});
