/* Filters for the status list (/status/): show only the rows that match.
 * Progressive enhancement: without this script the whole list shows and the
 * ministry and department lists are plain links. No framework, no network:
 * it reads the rows already on the page. The chosen filters go into the
 * address (?type=...&compliance=...) so a filtered view can be shared. */
(function () {
  "use strict";
  var form = document.getElementById("status-filters");
  var table = document.getElementById("status-table");
  if (!form || !table) { return; }
  var rows = Array.prototype.slice.call(table.tBodies[0].rows);
  var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
  var count = form.querySelector(".filter-count");
  var empty = document.querySelector(".no-rows");
  var template = form.getAttribute("data-showing") || "{shown} / {total}";
  var department = form.querySelector("select[name=department]");
  var ministry = form.querySelector("select[name=ministry]");

  var compliance = {
    not_met_10: function (row) { return row.getAttribute("data-s10") === "not_met"; },
    not_met_16: function (row) { return row.getAttribute("data-s16") === "not_met"; },
    not_done_13: function (row) { return row.getAttribute("data-s13") !== "done"; },
    all_met: function (row) {
      return row.getAttribute("data-s10") === "met" && row.getAttribute("data-s16") === "met" &&
        row.getAttribute("data-s13") === "done";
    }
  };

  function matches(row) {
    for (var i = 0; i < selects.length; i++) {
      var select = selects[i];
      var value = select.value;
      if (!value) { continue; }
      var attr = select.getAttribute("data-attr");
      if (attr) {
        if (row.getAttribute("data-" + attr) !== value) { return false; }
      } else if (select.name === "compliance" && compliance[value] && !compliance[value](row)) {
        return false;
      }
    }
    return true;
  }

  /* Only the departments of the chosen ministry are offered. */
  function narrowDepartments() {
    if (!department || !ministry) { return; }
    var top = ministry.value;
    Array.prototype.forEach.call(department.options, function (option) {
      var own = option.getAttribute("data-top");
      option.hidden = Boolean(top && own && own !== top);
      option.disabled = option.hidden;
    });
    if (department.selectedOptions && department.selectedOptions[0] && department.selectedOptions[0].disabled) {
      department.value = "";
    }
  }

  function remember() {
    if (!window.history || !window.history.replaceState) { return; }
    var params = [];
    selects.forEach(function (select) {
      if (select.value) { params.push(encodeURIComponent(select.name) + "=" + encodeURIComponent(select.value)); }
    });
    var query = params.length ? "?" + params.join("&") : "";
    window.history.replaceState(null, "", window.location.pathname + query + window.location.hash);
  }

  function apply() {
    narrowDepartments();
    var shown = 0;
    rows.forEach(function (row) {
      var keep = matches(row);
      row.hidden = !keep;
      if (keep) { shown += 1; }
    });
    count.textContent = template.replace("{shown}", shown.toLocaleString("en-US"))
      .replace("{total}", rows.length.toLocaleString("en-US"));
    if (empty) { empty.hidden = shown !== 0; }
    remember();
  }

  /* Filters named in the address, e.g. /status/?compliance=not_met_10 */
  var query = window.location.search.replace(/^\?/, "").split("&");
  query.forEach(function (pair) {
    var parts = pair.split("=");
    var select = form.querySelector("select[name='" + decodeURIComponent(parts[0] || "").replace(/[^a-z]/g, "") + "']");
    if (select && parts.length === 2) {
      var value = decodeURIComponent(parts[1].replace(/\+/g, " "));
      if (Array.prototype.some.call(select.options, function (o) { return o.value === value; })) {
        select.value = value;
      }
    }
  });

  form.addEventListener("change", apply);
  form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.hidden = false;
  apply();
}());
