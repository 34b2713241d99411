// Cards in the details panel. An allegation's card: its summary, subjects and other parties, its status and
// why, then its sources grouped by stance, each with its sentences (the first three, the rest on request),
// document titles, outlets and dates, and a way to list the other claims of each document. Another node's
// card: its details and the allegations it makes or is the subject of.
(function () {
  "use strict";
  var gb = window.graphbuild, el = gb.el, button = gb.button, plural = gb.plural;
  var STANCES = gb.data.style.stances, SHOWN = 3;
  var VERBS = { ALLEGES: ["alleges", "allege"], CORROBORATES: ["corroborates", "corroborate"], DISPUTES: ["disputes", "dispute"] };
  var HEADINGS = { ALLEGES: "Alleged by", CORROBORATES: "Corroborated by", DISPUTES: "Disputed by" };

  function byName(a, b) { return a.name < b.name ? -1 : a.name > b.name ? 1 : 0; }
  function sourceOrder(a, b) { return byName(gb.byId[a.from], gb.byId[b.from]); }

  // An allegation as its edges tell it: subjects, other parties, stance edges by type, sources, documents.
  gb.claim = function (id) {
    var c = { id: id, subjects: [], involved: [], stances: {}, sources: {}, documents: {} };
    STANCES.forEach(function (s) { c.stances[s] = []; });
    gb.outEdges[id].forEach(function (e) {
      if (e.type === "ABOUT") c.subjects.push(e.to);
      else if (e.type === "INVOLVES") c.involved.push(e);
    });
    gb.inEdges[id].forEach(function (e) {
      if (!c.stances[e.type]) return;
      c.stances[e.type].push(e);
      c.sources[e.from] = true;
      (e.evidence || []).forEach(function (ev) { if (ev.document_id) c.documents[ev.document_id] = true; });
    });
    STANCES.forEach(function (s) { c.stances[s].sort(sourceOrder); });
    return c;
  };
  // "2 sources allege, 1 disputes": distinct sources per stance.
  gb.why = function (c) {
    return STANCES.filter(function (s) { return c.stances[s].length; }).map(function (s) {
      var count = c.stances[s].length, verb = VERBS[s] || [s.toLowerCase(), s.toLowerCase()];
      return plural(count, "source") + " " + verb[count === 1 ? 0 : 1];
    }).join(", ");
  };

  function nodeLinks(label, ids, suffix) {
    var p = el("p", null, "card-line");
    p.appendChild(el("span", label + ": ", "muted"));
    ids.forEach(function (id, k) {
      if (k) p.appendChild(document.createTextNode(", "));
      p.appendChild(button(gb.byId[id].name, function () { gb.goTo(id); }));
      if (suffix && suffix[k]) p.appendChild(document.createTextNode(" (" + suffix[k] + ")"));
    });
    return p;
  }

  function sentence(ev) {
    var li = el("li", null, "sentence");
    li.appendChild(el("q", ev.text));
    var cite = el("div", gb.citation(ev), "cite");
    if (ev.document_id) {
      cite.appendChild(document.createTextNode(" "));
      var link = button("other claims in this document", function () { gb.claimsIn(ev.document_id); }, "link doc-claims");
      link.setAttribute("data-document-id", ev.document_id);
      cite.appendChild(link);
    }
    li.appendChild(cite);
    return li;
  }
  function sourceItem(e) {
    var li = el("li", null, "source"), evidence = e.evidence || [], list = el("ol", null, "sentences");
    li.setAttribute("data-source-id", e.from);
    li.setAttribute("data-edge-id", e.id);
    li.appendChild(button(gb.byId[e.from].name, function () { gb.goTo(e.from); }, "link source-name"));
    li.appendChild(el("span", " \u00b7 " + plural(evidence.length, "sentence"), "muted"));
    evidence.forEach(function (ev, k) {
      var item = sentence(ev);
      item.hidden = k >= SHOWN;
      list.appendChild(item);
    });
    li.appendChild(list);
    if (evidence.length > SHOWN) {
      var more = button("and " + (evidence.length - SHOWN) + " more", function () {
        list.querySelectorAll("li[hidden]").forEach(function (item) { item.hidden = false; });
        more.remove();
      }, "link more");
      li.appendChild(more);
    }
    return li;
  }
  function stanceSection(type, edges) {
    var section = el("section", null, "stance stance-" + type.toLowerCase()), list = el("ul", null, "sources");
    section.setAttribute("data-stance", type);
    section.appendChild(el("h4", (HEADINGS[type] || type) + " (" + edges.length + ")"));
    edges.forEach(function (e) { list.appendChild(sourceItem(e)); });
    section.appendChild(list);
    return section;
  }

  function header(card, n, c) {
    var props = n.props || {}, status = el("p", null, "card-status"), star = el("span", "\u2605 ", "symbol");
    card.appendChild(el("h3", props.summary || n.name, "card-title"));
    star.style.color = gb.data.style.status[props.status] || "#999";
    status.appendChild(star);
    status.appendChild(el("strong", props.status || "no status"));
    var why = gb.why(c);
    if (why) status.appendChild(document.createTextNode(": " + why));
    card.appendChild(status);
    if (c.subjects.length) card.appendChild(nodeLinks("About", c.subjects));
    if (c.involved.length) {
      card.appendChild(nodeLinks("Involves", c.involved.map(function (e) { return e.to; }),
        c.involved.map(function (e) { return e.role; })));
    }
  }
  function facts(card, n, c) {
    var props = n.props || {}, when = [];
    if (props.first_reported) when.push("first reported " + props.first_reported);
    if (props.dates && props.dates.length) when.push("dates named: " + props.dates.join(", "));
    if (when.length) card.appendChild(el("p", when.join("; "), "card-line"));
    card.appendChild(el("p", plural(Object.keys(c.sources).length, "source") + " in " +
      plural(Object.keys(c.documents).length, "document") + ".", "card-line muted"));
    var actions = el("p", null, "card-actions");
    actions.appendChild(button("Focus on its neighbourhood", function () { gb.focus(n.id, 1); }, ""));
    card.appendChild(actions);
  }

  gb.card = function (id) {
    var n = gb.byId[id], c = gb.claim(id), card = el("article", null, "card");
    card.setAttribute("data-allegation-id", id);
    header(card, n, c);
    facts(card, n, c);
    STANCES.forEach(function (s) { if (c.stances[s].length) card.appendChild(stanceSection(s, c.stances[s])); });
    if (n.props && n.props.text) card.appendChild(el("q", n.props.text, "tip-evidence"));
    return card;
  };

  // Any other node: its details, and the allegations it takes a stance on or is the subject of.
  function nodeCard(n) {
    var card = el("article", null, "card"), claims = [];
    card.appendChild(gb.nodeTip(n));
    gb.outEdges[n.id].forEach(function (e) {
      if (STANCES.indexOf(e.type) >= 0) claims.push([e.to, e.type.toLowerCase()]);
    });
    gb.inEdges[n.id].forEach(function (e) {
      if (e.type === "ABOUT" || e.type === "INVOLVES") claims.push([e.from, e.type === "ABOUT" ? "subject" : e.role || "involved"]);
    });
    if (claims.length) {
      card.appendChild(el("h4", "Allegations"));
      var list = el("ul", null, "claims");
      claims.forEach(function (pair) {
        var li = el("li");
        li.appendChild(button(gb.byId[pair[0]].name, function () { gb.goTo(pair[0]); }));
        li.appendChild(el("span", " \u00b7 " + pair[1], "muted"));
        list.appendChild(li);
      });
      card.appendChild(list);
    }
    if (n.type === "Document" && n.props && n.props.document_id) {
      card.appendChild(button("Claims in this document", function () { gb.claimsIn(n.props.document_id); }, "link doc-claims"));
    }
    return card;
  }

  gb.describe = function (id) {
    var n = gb.byId[id];
    gb.showDetails(n.type === "Allegation" ? gb.card(id) : nodeCard(n));
  };
})();
