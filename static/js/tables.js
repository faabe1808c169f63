/* Phone layout for tables: every cell learns the heading of its column (data-label), so that on a narrow screen
   the stylesheet can show each row as label/value lines instead of a table wider than the phone. Progressive
   enhancement: without this file a table keeps its columns and scrolls inside its own box. */
(function () {
  "use strict";
  document.querySelectorAll("table").forEach(function (table) {
    // A wide table scrolls inside its own box, never the whole page.
    var parent = table.parentElement;
    if (table.classList.contains("data-table") && parent && !parent.classList.contains("table-wrap")) {
      var box = document.createElement("div");
      box.className = "table-wrap";
      parent.insertBefore(box, table);
      box.appendChild(table);
    }
    var heads = table.querySelectorAll("thead tr:last-child th");
    if (!heads.length || table.querySelector("tbody td[colspan]:not(:only-child)")) { return; }
    var labels = [];
    heads.forEach(function (th) {
      for (var i = 0; i < (th.colSpan || 1); i += 1) { labels.push(th.textContent.trim()); }
    });
    table.querySelectorAll("tbody tr, tfoot tr").forEach(function (row) {
      var col = 0;
      Array.prototype.forEach.call(row.cells, function (cell) {
        if (labels[col] && !cell.hasAttribute("data-label")) { cell.setAttribute("data-label", labels[col]); }
        col += cell.colSpan || 1;
      });
    });
    table.classList.add("reflow");
  });
})();
