// Search: every node's name and aliases (any case), matches listed as you type: the exact name first, then
// names that start with the query, then names with a word that does, then names that contain it. Enter or a
// click goes to the node (drawing its neighbourhood if it lies outside the view).
(function () {
  "use strict";
  var gb = window.graphbuild, el = gb.el, LIMIT = 12;
  var input = document.getElementById("search-input"), list = document.getElementById("search-matches");
  var status = document.getElementById("search-status");
  var names = [], shown = [], active = -1;
  gb.data.nodes.forEach(function (n) {
    [n.name].concat(n.aliases).forEach(function (text) { names.push({ key: text.toLowerCase(), text: text, id: n.id }); });
  });

  function rank(key, q) {
    if (key === q) return 0;
    var at = key.indexOf(q);
    if (at < 0) return -1;
    if (at === 0) return 1;
    return /[0-9a-z\u00c0-\uffff]/.test(key.charAt(at - 1)) ? 3 : 2;
  }
  // The best-ranked nodes for a query, each once, with the name or alias that matched.
  function matches(query, limit) {
    var q = query.trim().toLowerCase(), best = gb.map();
    if (!q) return [];
    names.forEach(function (item) {
      var r = rank(item.key, q), had = best[item.id];
      if (r >= 0 && (!had || r < had.rank)) best[item.id] = { rank: r, text: item.text, id: item.id };
    });
    return Object.keys(best).map(function (id) { return best[id]; }).sort(function (a, b) {
      return a.rank - b.rank || a.text.length - b.text.length || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0);
    }).slice(0, limit);
  }

  function item(match, index) {
    var n = gb.byId[match.id], li = el("li", null, index === active ? "active" : "");
    li.setAttribute("role", "option");
    li.setAttribute("data-node-id", match.id);
    li.appendChild(el("span", n.name, "match-name"));
    if (match.text !== n.name) li.appendChild(el("span", "also " + match.text, "match-alias"));
    li.appendChild(el("span", n.type, "match-type"));
    li.addEventListener("mousedown", function (ev) { ev.preventDefault(); go(match.id); });
    return li;
  }
  function render() {
    list.textContent = "";
    shown.forEach(function (match, i) { list.appendChild(item(match, i)); });
    list.hidden = !shown.length;
  }
  function go(id) {
    shown = [];
    active = -1;
    render();
    gb.goTo(id);
    status.textContent = gb.byId[id].type + ": " + gb.byId[id].name;
  }

  input.addEventListener("input", function () {
    shown = matches(input.value, LIMIT);
    active = -1;
    render();
    var q = input.value.trim();
    status.textContent = q && !shown.length ? "No node matches \u201c" + q + "\u201d." : "";
  });
  input.addEventListener("keydown", function (ev) {
    if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
      ev.preventDefault();
      if (!shown.length) return;
      var step = ev.key === "ArrowDown" ? 1 : -1;
      active = active < 0 ? (step > 0 ? 0 : shown.length - 1) : (active + step + shown.length) % shown.length;
      render();
    } else if (ev.key === "Escape") {
      shown = [];
      render();
    }
  });
  document.getElementById("search").addEventListener("submit", function (ev) {
    ev.preventDefault();
    var found = active >= 0 && shown[active] ? shown[active] : matches(input.value, 1)[0];
    var q = input.value.trim();
    if (found) go(found.id);
    else status.textContent = q ? "No node matches \u201c" + q + "\u201d." : "";
  });

  gb.matches = matches;
  gb.find = function (query) { var m = matches(query, 1); return m.length ? m[0].id : null; };
})();
