/* The factsheet index's filter box and sortable columns. Without this script the page is the
   complete table, in region order; with it, typing narrows the rows to the local authorities
   whose name or code contains the text, and each column heading becomes a button that sorts by
   that column (numbers by value, words alphabetically, "not available" last). */
(function () {
  "use strict";
  var table = document.getElementById("index-table");
  var tools = document.getElementById("index-tools");
  var input = document.getElementById("index-filter");
  var status = document.getElementById("index-status");
  if (!table || !tools || !input || !status) {
    return;
  }
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
  tools.hidden = false;

  function filter() {
    var wanted = input.value.trim().toLowerCase();
    var shown = 0;
    rows.forEach(function (row) {
      var match = wanted === "" || row.getAttribute("data-search").indexOf(wanted) !== -1;
      row.hidden = !match;
      shown += match ? 1 : 0;
    });
    status.textContent = "Showing " + shown + " of " + rows.length + " local authorities";
  }

  function compare(column, numeric, ascending) {
    return function (a, b) {
      var x = a.cells[column].getAttribute("data-sort");
      var y = b.cells[column].getAttribute("data-sort");
      if (x === "" || y === "") {
        return (x === "") - (y === "");  // not available last, whichever the direction
      }
      var order = numeric ? parseFloat(x) - parseFloat(y) : x.localeCompare(y, "en-GB");
      return ascending ? order : -order;
    };
  }

  headers.forEach(function (header, column) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "sort";
    button.textContent = header.textContent;
    header.textContent = "";
    header.appendChild(button);
    button.addEventListener("click", function () {
      var ascending = header.getAttribute("aria-sort") !== "ascending";
      headers.forEach(function (other) {
        other.removeAttribute("aria-sort");
      });
      header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      rows.sort(compare(column, header.classList.contains("numeric"), ascending));
      rows.forEach(function (row) {
        body.appendChild(row);
      });
    });
  });

  input.addEventListener("input", filter);
  filter();
}());
