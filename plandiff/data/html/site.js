
(function () {
  "use strict";
  var box = document.getElementById("filters");
  if (!box) { return; }
  var rows = Array.prototype.slice.call(document.querySelectorAll("[data-filter-row]"));
  var groups = Array.prototype.slice.call(document.querySelectorAll("[data-filter-group]"));
  var search = document.getElementById("filter-text");
  var status = document.getElementById("filter-status");
  var texts = rows.map(function (row) { return row.textContent.replace(/\s+/g, " ").toLowerCase(); });
  function apply() {
    var on = box.querySelector("input[name=kind]:checked");
    var kind = on ? on.value : "all";
    var q = search ? search.value.replace(/\s+/g, " ").trim().toLowerCase() : "";
    var shown = 0;
    rows.forEach(function (row, i) {
      var ok = (kind === "all" || row.getAttribute("data-kind") === kind) && (!q || texts[i].indexOf(q) !== -1);
      row.hidden = !ok;
      if (ok) { shown += 1; }
    });
    groups.forEach(function (group) {
      group.hidden = !group.querySelector("[data-filter-row]:not([hidden])");
    });
    if (status) { status.textContent = shown + " of " + rows.length + " shown"; }
  }
  box.addEventListener("change", apply);
  if (search) { search.addEventListener("input", apply); }
  box.hidden = false;
  apply();
})();
