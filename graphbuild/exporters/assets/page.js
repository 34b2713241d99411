// The graphbuild page, core: reads the graph pyvis built (nodes, edges, options), keeps what vis-network draws
// in step with the filters, and wires the legend and the details panel. The other scripts (search, focus,
// card, allegations, timeline) build on the window.graphbuild object set up here. Text from documents reaches
// the screen only through textContent or the canvas, never as markup.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("graph-data").textContent);
  var style = data.style;
  var MIN_SCALE = 0.75;  // 14 px labels drawn at 10.5 px or more: the page never zooms out further by itself
  var TIP_SENTENCES = 3;  // an edge tooltip quotes this many sentences and counts the rest

  function map() { return Object.create(null); }  // keyed by ids: no inherited keys such as "__proto__"
  var byId = map(), edgeById = map(), outEdges = map(), inEdges = map();
  data.nodes.forEach(function (n) { byId[n.id] = n; outEdges[n.id] = []; inEdges[n.id] = []; });
  data.edges.forEach(function (e) { edgeById[e.id] = e; outEdges[e.from].push(e); inEdges[e.to].push(e); });

  // Filter state: a type is drawn when its box is ticked; the first state comes with the legend.
  var showNode = map(), showEdge = map();
  style.nodes.forEach(function (s) { showNode[s.type] = s.shown; });
  style.edges.forEach(function (s) { showEdge[s.type] = s.shown; });

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }
  function button(text, onClick, cls) {
    var b = el("button", text, cls === undefined ? "link" : cls);
    b.type = "button";
    b.addEventListener("click", onClick);
    return b;
  }
  function plural(count, word) { return count.toLocaleString("en") + " " + word + (count === 1 ? "" : "s"); }

  var gb = window.graphbuild = {
    data: data, byId: byId, edgeById: edgeById, outEdges: outEdges, inEdges: inEdges,
    showNode: showNode, showEdge: showEdge, map: map, el: el, button: button, plural: plural, minScale: MIN_SCALE,
    filters: [],  // {node: fn(record), edge: fn(record)} added by other scripts; all must pass
    scope: null,  // null, or a function giving the ids to draw ({id: true}): a focus, a big graph's first view
    place: map(),  // positions that replace the layout's while a focus lays its nodes out apart
    hooks: [],    // called after every refresh
    onSelect: [], // called after a node is selected
    ready: false
  };

  function nodeTip(n) {
    var tip = el("div");
    tip.appendChild(el("div", n.name, "tip-name"));
    var props = n.props || {};
    tip.appendChild(el("div", n.type + (props.status ? " \u00b7 " + props.status : ""), "tip-type"));
    if (n.aliases.length) tip.appendChild(el("div", "Aliases: " + n.aliases.join(", ")));
    ["summary", "act", "title", "outlet", "published", "path"].forEach(function (k) {
      if (props[k] && props[k] !== n.name) tip.appendChild(el("div", k + ": " + props[k]));
    });
    if (props.dates) tip.appendChild(el("div", "dates: " + props.dates.join(", ")));
    if (props.text && props.text !== props.summary) tip.appendChild(el("q", props.text, "tip-evidence"));
    return tip;
  }

  function citation(ev) {
    var doc = byId["document:" + ev.document_id], parts = [ev.title];
    if (ev.document && ev.document !== ev.title) parts[0] += " (" + ev.document + ")";
    if (doc && doc.props && doc.props.outlet) parts.push(doc.props.outlet);
    if (ev.published) parts.push(ev.published);
    return "\u2014 " + parts.join(" \u00b7 ");
  }

  // An edge's relation, ends and evidence; ``limit`` sentences at most, then how many more there are.
  function edgeTip(e, limit) {
    var tip = el("div"), evidence = e.evidence || [];
    limit = limit === undefined ? TIP_SENTENCES : limit;
    var head = e.type + (e.role ? " (" + e.role + ")" : "") + (e.former ? " \u00b7 former" : "");
    if (evidence.length) head += " \u00b7 " + plural(evidence.length, "sentence");
    tip.appendChild(el("div", head, "tip-name"));
    tip.appendChild(el("div", byId[e.from].name + " \u2192 " + byId[e.to].name, "tip-type"));
    evidence.slice(0, limit).forEach(function (ev) {
      var item = el("div", null, "tip-evidence");
      item.appendChild(el("q", ev.text));
      item.appendChild(el("div", citation(ev), "tip-source"));
      tip.appendChild(item);
    });
    if (evidence.length > limit) {
      tip.appendChild(el("div", "\u2026 and " + plural(evidence.length - limit, "more sentence") +
        " (click the edge for all)", "tip-more"));
    }
    return tip;
  }

  function passesNode(n) {
    if (!showNode[n.type]) return false;
    for (var i = 0; i < gb.filters.length; i++) if (gb.filters[i].node && !gb.filters[i].node(n)) return false;
    return true;
  }
  function passesEdge(e) {
    if (!showEdge[e.type] || !passesNode(byId[e.from]) || !passesNode(byId[e.to])) return false;
    for (var i = 0; i < gb.filters.length; i++) if (gb.filters[i].edge && !gb.filters[i].edge(e)) return false;
    return true;
  }

  // vis-network holds only what is drawn: a big graph's page stays fast, and "hidden" needs no bookkeeping.
  var nodes = new vis.DataSet(), edges = new vis.DataSet();
  var drawnNodes = map(), drawnEdges = map();
  function spot(n) { return gb.place[n.id] || { x: n.x, y: n.y }; }

  function syncNodes(want) {
    var remove = [], add = [], move = [];
    Object.keys(drawnNodes).forEach(function (id) { if (!want[id]) { remove.push(id); delete drawnNodes[id]; } });
    Object.keys(want).forEach(function (id) {
      var n = byId[id], at = spot(n), was = drawnNodes[id];
      if (!was) add.push(Object.assign({}, n, { title: nodeTip(n), hidden: false, x: at.x, y: at.y }));
      else if (was.x !== at.x || was.y !== at.y) move.push({ id: id, x: at.x, y: at.y });
      drawnNodes[id] = at;
    });
    if (remove.length) nodes.remove(remove);
    if (move.length) nodes.update(move);
    if (add.length) nodes.add(add);
  }
  function dropEdges(want) {
    var remove = Object.keys(drawnEdges).filter(function (id) { return !want[id]; });
    remove.forEach(function (id) { delete drawnEdges[id]; });
    if (remove.length) edges.remove(remove);
  }
  function addEdges(want) {
    var add = Object.keys(want).filter(function (id) { return !drawnEdges[id]; }).map(function (id) {
      drawnEdges[id] = true;
      return Object.assign({}, edgeById[id], { title: edgeTip(edgeById[id]), hidden: false });
    });
    if (add.length) edges.add(add);
  }

  function refresh() {
    var scope = gb.scope ? gb.scope() : null, want = map(), wantEdges = map();
    data.nodes.forEach(function (n) { if ((!scope || n.id in scope) && passesNode(n)) want[n.id] = true; });
    data.edges.forEach(function (e) { if (want[e.from] && want[e.to] && passesEdge(e)) wantEdges[e.id] = true; });
    dropEdges(wantEdges);  // edges leave before their ends and come after them: none is drawn without its ends
    syncNodes(want);
    addEdges(wantEdges);
    syncControls();
    gb.hooks.forEach(function (hook) { hook(); });
  }

  function syncControls() {
    document.querySelectorAll("input[data-node-type]").forEach(function (box) { box.checked = !!showNode[box.getAttribute("data-node-type")]; });
    document.querySelectorAll("input[data-edge-type]").forEach(function (box) { box.checked = !!showEdge[box.getAttribute("data-edge-type")]; });
    document.getElementById("show-documents").checked = !!(showNode.Document && (showEdge.MENTIONED_IN || !("MENTIONED_IN" in showEdge)));
    document.getElementById("counts").textContent = "Showing " + Object.keys(drawnNodes).length + " of " +
      data.nodes.length + " nodes and " + Object.keys(drawnEdges).length + " of " + data.edges.length + " edges.";
  }

  if (data.start) {  // a big graph opens on its first view; search and focus reach the rest
    var first = map();
    data.start.forEach(function (id) { first[id] = true; });
    gb.startScope = function () { return first; };
    gb.scope = gb.startScope;
  }
  refresh();
  var network = new vis.Network(document.getElementById("graph"), { nodes: nodes, edges: edges }, data.options);
  Object.assign(gb, { network: network, nodes: nodes, edges: edges, drawnNodes: drawnNodes, drawnEdges: drawnEdges,
    refresh: refresh, passesNode: passesNode, passesEdge: passesEdge, nodeTip: nodeTip, edgeTip: edgeTip,
    citation: citation });

  // Fit the view to these nodes, but never so far out that labels become too small to read.
  gb.fitLegible = function (ids) {
    ids = ids.filter(function (id) { return drawnNodes[id]; });
    if (!ids.length) ids = Object.keys(drawnNodes);
    if (!ids.length) return;
    network.fit({ nodes: ids, animation: false });
    if (network.getScale() < MIN_SCALE) {
      network.moveTo({ position: network.getViewPosition(), scale: MIN_SCALE, animation: false });
    }
  };
  // The first view: the allegations with their neighbours (everything, in a graph without allegations).
  gb.home = function () {
    var ids = map();
    data.nodes.forEach(function (n) {
      if (n.type !== "Allegation" || !drawnNodes[n.id]) return;
      ids[n.id] = true;
      outEdges[n.id].concat(inEdges[n.id]).forEach(function (e) { if (drawnEdges[e.id]) { ids[e.from] = true; ids[e.to] = true; } });
    });
    gb.fitLegible(Object.keys(ids));
  };

  function markReady() {
    if (gb.ready) return;
    gb.home();
    gb.readyAt = performance.now();  // milliseconds since the page began to load
    gb.ready = true;
    document.body.setAttribute("data-ready", "true");
  }
  // Ready once every script of the page has run (the others come after this one) and the graph is drawn.
  var waiting = 2;
  function oneDone() { if (--waiting === 0) markReady(); }
  document.addEventListener("DOMContentLoaded", oneDone);
  if (!Object.keys(drawnNodes).length) oneDone();  // nothing to draw: no drawing event will come
  else network.once("afterDrawing", oneDone);

  function legendItem(kind, s, mark) {
    var li = el("li"), label = el("label"), box = el("input");
    box.type = "checkbox";
    box.setAttribute(kind === "node" ? "data-node-type" : "data-edge-type", s.type);
    box.addEventListener("change", function () {
      (kind === "node" ? showNode : showEdge)[s.type] = box.checked;
      refresh();
    });
    label.appendChild(box);
    label.appendChild(mark);
    label.appendChild(el("span", s.type));
    label.appendChild(el("span", s.count, "count"));
    li.appendChild(label);
    return li;
  }
  function buildLegend() {
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
      refresh();
    });
  }

  // Details: the selected node or edge, with its evidence, stays in the panel where it can be read and copied.
  var details = document.getElementById("details");
  gb.showDetails = function (content) {
    details.textContent = "";
    details.appendChild(content);
    details.scrollTop = 0;
  };
  gb.describe = function (id) { gb.showDetails(nodeTip(byId[id])); };  // card.js gives allegations a card
  gb.selected = null;
  gb.select = function (id) {
    gb.selected = id;
    if (drawnNodes[id]) network.selectNodes([id]);
    else network.unselectAll();
    gb.describe(id);
    gb.onSelect.forEach(function (hook) { hook(id); });
  };
  // Bring a node into view: its type turned on, its neighbourhood drawn if it lies outside the view.
  gb.goTo = function (id) {
    var n = byId[id];
    if (!showNode[n.type]) { showNode[n.type] = true; refresh(); }
    if (!drawnNodes[id] && gb.reveal) gb.reveal(id);
    if (drawnNodes[id]) network.focus(id, { scale: Math.max(network.getScale(), 1), animation: false });
    gb.select(id);
  };
  network.on("click", function (params) {
    if (params.nodes.length) gb.select(params.nodes[0]);
    else if (params.edges.length) gb.showDetails(edgeTip(edgeById[params.edges[0]], Infinity));
  });

  buildLegend();
  syncControls();
})();
