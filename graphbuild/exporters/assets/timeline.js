// The timeline, shown when the graph has dates. An allegation is dated by its first report (else the first
// date it names) and by the publication dates of its stance edges; the histogram counts allegations by the
// earliest of these, per year (per month over a span of under two years). The range hides the allegations
// with no date inside it, and the stance edges dated outside it.
(function () {
  "use strict";
  var gb = window.graphbuild, el = gb.el;
  function $(id) { return document.getElementById(id); }
  var from = $("date-from"), to = $("date-to"), label = $("date-label"), undated = $("date-undated");
  var STANCES = gb.data.style.stances;

  var datesOf = gb.map(), keys = [];
  gb.data.nodes.forEach(function (n) {
    if (n.type !== "Allegation") return;
    var dates = n.when ? [n.when] : [];
    gb.inEdges[n.id].forEach(function (e) { if (e.when && STANCES.indexOf(e.type) >= 0) dates.push(e.when); });
    datesOf[n.id] = dates.sort();
    keys.push.apply(keys, dates);
  });
  if (!keys.length) return;
  keys.sort();
  var monthly = +keys[keys.length - 1].slice(0, 4) - +keys[0].slice(0, 4) < 2;
  function bin(key) { return monthly ? key.slice(0, 4) + "-" + (key.slice(5, 7) || "01") : key.slice(0, 4); }

  // Every year (or month) from the first date to the last, so gaps in time show as gaps.
  function spanBins(first, last) {
    function count(b) { return monthly ? +b.slice(0, 4) * 12 + +b.slice(5, 7) - 1 : +b; }
    var bins = [];
    for (var k = count(first); k <= count(last); k++) {
      bins.push(monthly ? Math.floor(k / 12) + "-" + (k % 12 < 9 ? "0" : "") + (k % 12 + 1) : String(k));
    }
    return bins;
  }
  var bins = spanBins(bin(keys[0]), bin(keys[keys.length - 1])), index = gb.map();
  bins.forEach(function (b, i) { index[b] = i; });

  function inRange(key) {
    var i = index[bin(key)];
    return i >= +from.value && i <= +to.value;
  }
  gb.filters.push({
    node: function (n) {
      if (n.type !== "Allegation") return true;
      var dates = datesOf[n.id];
      return dates.length ? dates.some(inRange) : undated.checked;
    },
    edge: function (e) { return !e.when || STANCES.indexOf(e.type) < 0 || inRange(e.when); }
  });

  var counts = bins.map(function () { return 0; }), bars = [];
  Object.keys(datesOf).forEach(function (id) { if (datesOf[id].length) counts[index[bin(datesOf[id][0])]] += 1; });
  var most = Math.max.apply(null, counts);
  bins.forEach(function (b, i) {
    var bar = el("div", null, "bar");
    bar.style.height = Math.max(2, Math.round(40 * counts[i] / most)) + "px";
    bar.title = b + ": " + gb.plural(counts[i], "allegation");
    bars.push(bar);
    $("histogram").appendChild(bar);
  });

  function update() {
    if (+from.value > +to.value) (this === from ? to : from).value = this.value;
    label.textContent = bins[+from.value] + " \u2013 " + bins[+to.value];
    bars.forEach(function (bar, i) { bar.classList.toggle("in", i >= +from.value && i <= +to.value); });
  }
  [from, to].forEach(function (box) {
    box.max = String(bins.length - 1);
    box.addEventListener("input", function () { update.call(box); gb.refresh(); });
  });
  to.value = String(bins.length - 1);
  undated.addEventListener("change", gb.refresh);
  update.call(to);
  $("timeline").hidden = false;
  gb.timeline = { bins: bins };
})();
