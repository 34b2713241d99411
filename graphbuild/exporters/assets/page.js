// The graphbuild page: draws the network pyvis built (nodes, edges, options) with vis-network and wires the
// legend, filters and search. Text from documents reaches the screen only through textContent or the canvas,
// never as markup.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("graph-data").textContent);
  var style = data.style;
  var edgeStyle = {};
  style.edges.forEach(function (s) { edgeStyle[s.type] = s; });
  var byId = {}, edgeById = {};
  data.nodes.forEach(function (n) { byId[n.id] = n; });
  data.edges.forEach(function (e) { edgeById[e.id] = e; });

  // Filter state: a type is drawn when its box is ticked. The first state (documents off in a big graph)
  // comes with the legend, and matches the hidden flags of the nodes and edges.
  var showNode = {}, showEdge = {};
  style.nodes.forEach(function (s) { showNode[s.type] = s.shown; });
  style.edges.forEach(function (s) { showEdge[s.type] = s.shown; });

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }

  function nodeTip(n) {
    var tip = el("div");
    tip.appendChild(el("div", n.name, "tip-name"));
    var kind = n.type + (n.props && n.props.status ? " \u00b7 " + n.props.status : "");
    tip.appendChild(el("div", kind, "tip-type"));
    if (n.aliases.length) tip.appendChild(el("div", "Aliases: " + n.aliases.join(", ")));
    var props = n.props || {};
    ["summary", "act", "title", "path"].forEach(function (k) {
      if (props[k] && props[k] !== n.name) tip.appendChild(el("div", k + ": " + props[k]));
    });
    if (props.dates) tip.appendChild(el("div", "dates: " + props.dates.join(", ")));
    if (props.text && props.text !== props.summary) tip.appendChild(el("q", props.text, "tip-evidence"));
    return tip;
  }

  function edgeTip(e) {
    var tip = el("div");
    var head = e.type + (e.role ? " (" + e.role + ")" : "") + (e.former ? " \u00b7 former" : "");
    tip.appendChild(el("div", head, "tip-name"));
    tip.appendChild(el("div", byId[e.from].name + " \u2192 " + byId[e.to].name, "tip-type"));
    (e.evidence || []).forEach(function (ev) {
      var item = el("div", null, "tip-evidence");
      item.appendChild(el("q", ev.text));
      item.appendChild(el("div", "\u2014 " + ev.title + (ev.document && ev.document !== ev.title ? " (" + ev.document + ")" : ""), "tip-source"));
      tip.appendChild(item);
    });
    return tip;
  }

  function edgeVisible(e) {
    return showEdge[e.type] && showNode[byId[e.from].type] && showNode[byId[e.to].type];
  }

  // Each node and edge arrives with pyvis's plain-text title; the page shows the same lines built as elements
  // (text nodes only), so names, quotes and sources can be told apart.
  var nodes = new vis.DataSet(data.nodes.map(function (n) { return Object.assign({}, n, { title: nodeTip(n) }); }));
  var edges = new vis.DataSet(data.edges.map(function (e) { return Object.assign({}, e, { title: edgeTip(e) }); }));
  var options = data.options;
  var network = new vis.Network(document.getElementById("graph"), { nodes: nodes, edges: edges }, options);

  var api = window.graphbuild = { network: network, nodes: nodes, edges: edges, data: data, ready: false };
  function markReady() {
    if (api.ready) return;
    // Physics stops once the layout has settled, so the page is still and cheap afterwards.
    network.setOptions({ physics: false });
    api.ready = true;
    document.body.setAttribute("data-ready", "true");
  }
  var progress = document.getElementById("progress");
  network.on("stabilizationProgress", function (p) {
    progress.textContent = "Settling the layout\u2026 " + Math.round(100 * p.iterations / p.total) + "%";
  });
  network.once("stabilizationIterationsDone", function () { progress.textContent = ""; });
  if (!data.nodes.length) {
    markReady();  // nothing to lay out: no physics event will come
  } else if (!options.physics.enabled) {
    network.once("afterDrawing", markReady);  // a big graph: drawn at its precomputed layout, nothing to settle
  } else {
    network.once("stabilizationIterationsDone", markReady);
    network.once("stabilized", markReady);
  }

  // Filters: apply the state to every node and edge, sending vis-network only what changed.
  function applyFilters() {
    var nodeChanges = [], edgeChanges = [];
    data.nodes.forEach(function (n) {
      var hidden = !showNode[n.type];
      if (nodes.get(n.id).hidden !== hidden) nodeChanges.push({ id: n.id, hidden: hidden });
    });
    data.edges.forEach(function (e) {
      var hidden = !edgeVisible(e);
      if (edges.get(e.id).hidden !== hidden) edgeChanges.push({ id: e.id, hidden: hidden });
    });
    if (nodeChanges.length) nodes.update(nodeChanges);
    if (edgeChanges.length) edges.update(edgeChanges);
    syncControls();
  }

  function syncControls() {
    document.querySelectorAll("input[data-node-type]").forEach(function (box) { box.checked = !!showNode[box.getAttribute("data-node-type")]; });
    document.querySelectorAll("input[data-edge-type]").forEach(function (box) { box.checked = !!showEdge[box.getAttribute("data-edge-type")]; });
    document.getElementById("show-documents").checked = !!(showNode.Document && (showEdge.MENTIONED_IN || !edgeStyle.MENTIONED_IN));
    var shownNodes = nodes.get({ filter: function (n) { return !n.hidden; } }).length;
    var shownEdges = edges.get({ filter: function (e) { return !e.hidden; } }).length;
    document.getElementById("counts").textContent = "Showing " + shownNodes + " of " + data.nodes.length +
      " nodes and " + shownEdges + " of " + data.edges.length + " edges.";
  }

  function legendItem(kind, s, mark) {
    var li = el("li"), label = el("label"), box = el("input");
    box.type = "checkbox";
    box.setAttribute(kind === "node" ? "data-node-type" : "data-edge-type", s.type);
    box.addEventListener("change", function () {
      (kind === "node" ? showNode : showEdge)[s.type] = box.checked;
      applyFilters();
    });
    label.appendChild(box);
    label.appendChild(mark);
    label.appendChild(el("span", s.type));
    label.appendChild(el("span", s.count, "count"));
    li.appendChild(label);
    return li;
  }

  style.nodes.forEach(function (s) {
    var mark = el("span", s.symbol, "symbol");
    mark.style.color = s.color;
    document.getElementById("node-types").appendChild(legendItem("node", s, mark));
  });
  style.edges.forEach(function (s) {
    var mark = el("span", null, "line" + (s.dashes ? " dashed" : ""));
    mark.style.borderTopColor = s.color;
    document.getElementById("edge-types").appendChild(legendItem("edge", s, mark));
  });
  Object.keys(style.status).forEach(function (status) {
    var li = el("li"), mark = el("span", "\u2605", "symbol");
    mark.style.color = style.status[status];
    li.appendChild(mark);
    li.appendChild(el("span", status));
    document.getElementById("statuses").appendChild(li);
  });
  document.getElementById("show-documents").addEventListener("change", function (ev) {
    showNode.Document = ev.target.checked;
    showEdge.MENTIONED_IN = ev.target.checked;
    applyFilters();
  });

  // Search: exact name or alias first, then a name or alias that starts with, then one that contains the query.
  var names = [];
  data.nodes.forEach(function (n) {
    [n.name].concat(n.aliases).forEach(function (text) { names.push({ key: text.toLowerCase(), text: text, id: n.id }); });
  });
  function find(query) {
    var q = query.trim().toLowerCase();
    if (!q) return null;
    var tests = [function (k) { return k === q; }, function (k) { return k.indexOf(q) === 0; }, function (k) { return k.indexOf(q) >= 0; }];
    for (var i = 0; i < tests.length; i++) {
      for (var j = 0; j < names.length; j++) if (tests[i](names[j].key)) return names[j].id;
    }
    return null;
  }
  function focusNode(id) {
    var n = byId[id];
    if (!showNode[n.type]) { showNode[n.type] = true; applyFilters(); }  // a found node must be visible
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1.2), animation: false });
    showDetails(nodeTip(n));
  }
  var datalist = document.getElementById("search-names"), seen = {};
  names.forEach(function (item) {
    if (seen[item.text]) return;
    seen[item.text] = true;
    var option = el("option");
    option.value = item.text;
    datalist.appendChild(option);
  });
  var status = document.getElementById("search-status");
  function search() {
    var query = document.getElementById("search-input").value, id = find(query);
    if (id === null) {
      status.textContent = query.trim() ? "No node matches \u201c" + query.trim() + "\u201d." : "";
      return;
    }
    focusNode(id);
    status.textContent = byId[id].type + ": " + byId[id].name;
  }
  document.getElementById("search").addEventListener("submit", function (ev) { ev.preventDefault(); search(); });
  document.getElementById("search-input").addEventListener("change", search);

  // Details: the clicked node or edge, with its evidence, stays in the panel where it can be read and copied.
  var details = document.getElementById("details");
  network.on("click", function (params) {
    var content = null;
    if (params.nodes.length) content = nodeTip(byId[params.nodes[0]]);
    else if (params.edges.length) content = edgeTip(edgeById[params.edges[0]]);
    if (content) showDetails(content);
  });
  function showDetails(content) {
    details.textContent = "";
    details.appendChild(content);
  }

  api.find = find;
  api.focusNode = focusNode;
  syncControls();
})();
