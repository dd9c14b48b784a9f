// Progressive enhancement of the batch page: poll the status and update the bar; reload when done.
// Without JavaScript the page refreshes itself (<noscript> meta refresh).
(function () {
  "use strict";
  var box = document.querySelector("[data-batch-status][data-working]");
  if (!box || !window.fetch) return;
  var url = box.getAttribute("data-batch-status");
  var bar = box.querySelector("progress");
  function poll() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        box.querySelector(".batch-done").textContent = data.done;
        box.querySelector(".batch-total").textContent = data.total;
        box.querySelector(".batch-status-label").textContent = data.status_label;
        bar.value = data.percent;
        bar.textContent = data.percent + "%";
        if (data.status === "done" || data.status === "failed") {
          window.location.reload();
        } else {
          window.setTimeout(poll, 2000);
        }
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, 1500);
})();
