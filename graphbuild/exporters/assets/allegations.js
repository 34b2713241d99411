// The allegations panel: one row per allegation (data-allegation-id = its node id), filtered by text (in its
// summary, a subject or a source), status, number of sources, a document chosen on a card and the timeline,
// and sorted. Selecting a row brings the allegation into view in the graph and opens its card.
(function () {
  "use strict";
  var gb = window.graphbuild, el = gb.el;
  function $(id) { return document.getElementById(id); }
  var list = $("allegations"), count = $("allegation-count"), text = $("allegation-filter");
  var field = $("allegation-field"), statusBox = $("allegation-status"), minBox = $("allegation-min-sources");
  var sortBox = $("allegation-sort"), docLine = $("allegation-document");
  var statuses = Object.keys(gb.data.style.status), documentFilter = null;
  var PAGE = 300, limit = PAGE;  // rows drawn at a time: thousands of rows would slow the page's first view

  function names(ids) { return ids.map(function (id) { return gb.byId[id].name; }).sort(); }
  function meta(row) {
    var parts = [row.status || "no status", gb.plural(row.sources.length, "source")];
    if (row.when) parts.push(row.when);
    return parts.join(" \u00b7 ");
  }
  function rowElement(row) {
    var li = el("li", null, "row"), star = el("span", "\u2605", "symbol"), main = el("span", null, "row-main");
    li.setAttribute("data-allegation-id", row.id);
    li.setAttribute("data-status", row.status);
    li.tabIndex = 0;
    star.style.color = gb.data.style.status[row.status] || "#999";
    main.appendChild(el("span", row.summary, "row-title"));
    main.appendChild(el("span", meta(row), "row-meta"));
    if (row.sources.length) {
      var by = row.sources.slice(0, 2).join(", ") + (row.sources.length > 2 ? " and " + (row.sources.length - 2) + " more" : "");
      main.appendChild(el("span", "by " + by, "row-meta"));
    }
    li.appendChild(star);
    li.appendChild(main);
    li.addEventListener("click", function () { gb.goTo(row.id); });
    li.addEventListener("keydown", function (ev) { if (ev.key === "Enter") gb.goTo(row.id); });
    return li;
  }
  var rows = gb.data.nodes.filter(function (n) { return n.type === "Allegation"; }).map(function (n) {
    var c = gb.claim(n.id), props = n.props || {};
    var row = { id: n.id, node: n, claim: c, summary: props.summary || n.name, status: props.status || "",
      subjects: names(c.subjects), sources: names(Object.keys(c.sources)), when: n.when || "" };
    row.text = { summary: [row.summary.toLowerCase()], subject: row.subjects.map(lower), source: row.sources.map(lower) };
    return row;
  });
  function lower(s) { return s.toLowerCase(); }

  function matchesText(row, q) {
    var fields = field.value === "any" ? ["summary", "subject", "source"] : [field.value];
    return fields.some(function (f) { return row.text[f].some(function (s) { return s.indexOf(q) >= 0; }); });
  }
  function passesFilters(n) {
    return gb.filters.every(function (f) { return !f.node || f.node(n); });
  }
  function keep(row) {
    var q = text.value.trim().toLowerCase();
    return (!statusBox.value || row.status === statusBox.value) && row.sources.length >= (+minBox.value || 0) &&
      (!documentFilter || row.claim.documents[documentFilter]) && (!q || matchesText(row, q)) && passesFilters(row.node);
  }

  function compareText(a, b) { return a < b ? -1 : a > b ? 1 : 0; }
  var ORDERS = {
    sources: function (a, b) { return b.sources.length - a.sources.length; },
    date: function (a, b) { return (a.when ? 0 : 1) - (b.when ? 0 : 1) || compareText(a.when, b.when); },
    status: function (a, b) { return statuses.indexOf(a.status) - statuses.indexOf(b.status); },
    subject: function (a, b) { return compareText(a.subjects[0] || "\uffff", b.subjects[0] || "\uffff"); },
    source: function (a, b) { return compareText(a.sources[0] || "\uffff", b.sources[0] || "\uffff"); },
    summary: function () { return 0; }
  };
  function element(row) {
    if (!row.element) {
      row.element = rowElement(row);
      row.element.classList.toggle("selected", row.id === gb.selected);
    }
    return row.element;
  }
  function render() {
    var order = ORDERS[sortBox.value] || ORDERS.sources, shown = rows.filter(keep);
    shown.sort(function (a, b) { return order(a, b) || compareText(a.summary.toLowerCase(), b.summary.toLowerCase()) || compareText(a.id, b.id); });
    var fragment = document.createDocumentFragment();
    shown.slice(0, limit).forEach(function (row) { fragment.appendChild(element(row)); });
    if (shown.length > limit) {
      var more = el("li", null, "more-rows");
      more.appendChild(gb.button("Show " + Math.min(PAGE, shown.length - limit) + " more of " +
        (shown.length - limit).toLocaleString("en"), function () { limit += PAGE; render(); }));
      fragment.appendChild(more);
    }
    list.textContent = "";
    list.appendChild(fragment);
    count.textContent = shown.length === rows.length ? "(" + rows.length.toLocaleString("en") + ")" :
      "(" + shown.length.toLocaleString("en") + " of " + rows.length.toLocaleString("en") + ")";
  }
  function restart() { limit = PAGE; render(); }

  // "Other claims in this document": the allegations with a stance taken in it.
  gb.claimsIn = function (documentId) {
    var doc = gb.byId["document:" + documentId], title = doc ? (doc.props && doc.props.title) || doc.name : documentId;
    documentFilter = documentId;
    docLine.firstChild.textContent = "Claims in \u201c" + title + "\u201d";
    docLine.hidden = false;
    restart();
    list.scrollTop = 0;
  };
  $("allegation-document-clear").addEventListener("click", function () {
    documentFilter = null;
    docLine.hidden = true;
    restart();
  });

  statuses.forEach(function (s) {
    var option = el("option", s);
    option.value = s;
    statusBox.appendChild(option);
  });
  [text, minBox].forEach(function (box) {
    box.addEventListener("input", restart);
    box.addEventListener("change", restart);  // also when the box is emptied without typing
  });
  [field, statusBox, sortBox].forEach(function (box) { box.addEventListener("change", restart); });
  gb.hooks.push(render);
  gb.onSelect.push(function (id) {
    rows.forEach(function (row) { if (row.element) row.element.classList.toggle("selected", row.id === id); });
    var row = rows.find(function (r) { return r.id === id; });
    if (row && row.element && row.element.parentNode) row.element.scrollIntoView({ block: "nearest" });
  });
  render();
})();
