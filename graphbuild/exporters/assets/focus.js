// Focus: only a node's neighbourhood, 1 or 2 steps along the edges the filters let through (double-click a
// node, or use the toolbar or a card), until "Whole graph" goes back. In a big graph the neighbourhood is laid
// out in rings around the node: the whole graph's layout cannot keep every neighbourhood together.
(function () {
  "use strict";
  var gb = window.graphbuild;
  var SLOT = 190, RING_GAP = 230;  // pixels along a ring per node, and at least between two rings
  var reset = document.getElementById("focus-reset"), showAll = document.getElementById("show-all");
  var status = document.getElementById("focus-status");
  var focused = null;  // {id, depth} while a focus is on

  // Node id -> number of steps from ``id``, for the nodes at most ``depth`` steps away.
  function neighbourhood(id, depth) {
    var steps = gb.map(), frontier = [id];
    steps[id] = 0;
    for (var d = 1; d <= depth; d++) {
      var next = [];
      frontier.forEach(function (nid) {
        gb.outEdges[nid].concat(gb.inEdges[nid]).forEach(function (e) {
          var other = e.from === nid ? e.to : e.from;
          if (steps[other] === undefined && gb.passesEdge(e)) { steps[other] = d; next.push(other); }
        });
      });
      frontier = next;
    }
    return steps;
  }

  // Rings around the focused node: the first by type and name, each next one in the order of the
  // neighbours on the ring inside it, so that linked nodes stay near each other.
  function rings(id, steps) {
    var centre = gb.byId[id], place = gb.map(), angle = gb.map(), byRing = [], radius = 0;
    place[id] = { x: centre.x, y: centre.y };
    angle[id] = 0;
    Object.keys(steps).forEach(function (nid) { if (steps[nid]) (byRing[steps[nid]] = byRing[steps[nid]] || []).push(nid); });
    byRing.forEach(function (ring, d) {
      var key = gb.map();
      ring.forEach(function (nid) { key[nid] = innerAngle(nid, d, steps, angle); });
      ring.sort(function (a, b) { return key[a] - key[b] || order(a, b); });
      radius = Math.max(radius + RING_GAP, ring.length * SLOT / (2 * Math.PI));
      ring.forEach(function (nid, k) {
        angle[nid] = 2 * Math.PI * k / ring.length;
        place[nid] = { x: centre.x + radius * Math.cos(angle[nid]), y: centre.y + radius * Math.sin(angle[nid]) };
      });
    });
    return place;
  }
  function innerAngle(nid, d, steps, angle) {
    var best = Infinity;
    gb.outEdges[nid].concat(gb.inEdges[nid]).forEach(function (e) {
      var other = e.from === nid ? e.to : e.from;
      if (steps[other] === d - 1 && angle[other] < best) best = angle[other];
    });
    return best === Infinity ? 0 : best;
  }
  function order(a, b) {
    var x = gb.byId[a], y = gb.byId[b];
    return x.type < y.type ? -1 : x.type > y.type ? 1 : x.name < y.name ? -1 : x.name > y.name ? 1 : 0;
  }

  gb.focus = function (id, depth) {
    var n = gb.byId[id];
    if (!gb.showNode[n.type]) gb.showNode[n.type] = true;
    focused = { id: id, depth: depth };
    gb.scope = function () { return neighbourhood(focused.id, focused.depth); };
    gb.place = gb.data.big ? rings(id, neighbourhood(id, depth)) : {};
    gb.refresh();
    var ids = Object.keys(gb.scope());
    gb.fitLegible(ids);
    status.textContent = "Neighbourhood of " + n.name + ": " + gb.plural(ids.length, "node") + " within " +
      gb.plural(depth, "step") + ".";
    gb.select(id);
  };
  gb.reveal = function (id) { gb.focus(id, 1); };
  gb.unfocus = function () {
    focused = null;
    gb.scope = gb.startScope || null;
    gb.place = gb.map();
    status.textContent = "";
    gb.refresh();
    gb.home();
  };
  gb.focused = function () { return focused; };

  function syncToolbar() {
    reset.hidden = !focused && gb.scope === (gb.startScope || null);
    reset.textContent = gb.startScope ? "First view" : "Whole graph";
    showAll.hidden = !gb.startScope || gb.scope === null;
  }
  gb.hooks.push(syncToolbar);
  gb.onSelect.push(function () {
    document.getElementById("focus-1").disabled = false;
    document.getElementById("focus-2").disabled = false;
  });
  document.getElementById("focus-1").addEventListener("click", function () { if (gb.selected) gb.focus(gb.selected, 1); });
  document.getElementById("focus-2").addEventListener("click", function () { if (gb.selected) gb.focus(gb.selected, 2); });
  reset.addEventListener("click", gb.unfocus);
  showAll.addEventListener("click", function () {
    focused = null;
    gb.scope = null;
    gb.place = gb.map();
    status.textContent = "Every node is drawn: a graph this big is slow to move.";
    gb.refresh();
  });
  gb.network.on("doubleClick", function (params) {
    if (params.nodes.length) gb.focus(params.nodes[0], focused ? focused.depth : 1);
  });
  syncToolbar();
})();
