/* The dashboard: one filter panel drives the map, the timeline and the table.
 *
 * The filters live in the page's query string (shareable links, back button); every
 * change reloads the three views from the API with the same filters:
 *   map      <- /api/export?format=geojson  (every matching event)
 *   timeline <- /api/stats                  (per-day counts over every matching event)
 *   table    <- /api/events                 (one page, with the total)
 */
"use strict";

(() => {
  const {el, svg, clear, getJSON, count, typeColor, label, place, eventHref} = SW;
  const FILTERS = ["date_from", "date_to", "country", "region", "attacker", "attack_type",
                   "weapon", "target", "min_killed", "q", "bbox", "sort"];
  const PAGE = 50;
  const form = document.getElementById("filter-form");
  let map, markerLayer, offset = 0, weaponsKnown = false, loadSeq = 0;

  function currentFilters() {
    const params = new URLSearchParams();
    const data = new FormData(form);
    if (data.get("in_view") && map) {
      const b = map.getBounds();
      const clamp = (v, lo, hi) => Math.min(hi, Math.max(lo, v));
      const box = [clamp(b.getWest(), -180, 180), clamp(b.getSouth(), -90, 90),
                   clamp(b.getEast(), -180, 180), clamp(b.getNorth(), -90, 90)];
      form.elements.bbox.value = box.map((v) => v.toFixed(4)).join(",");
    } else if (!data.get("in_view")) {
      form.elements.bbox.value = "";
    }
    for (const name of FILTERS) {
      const value = String(new FormData(form).get(name) || "").trim();
      if (value) params.set(name, value);
    }
    return params;
  }

  function fillForm(params) {
    for (const name of FILTERS) {
      const field = form.elements[name];
      if (field) field.value = params.get(name) || (name === "sort" ? "-date" : "");
    }
    form.elements.in_view.checked = Boolean(params.get("bbox"));
  }

  function option(value, text) {
    return el("option", {value}, text === undefined ? value : text);
  }

  async function setUpChoices() {
    const meta = await getJSON("/api/meta");
    const fill = (name, values, text) => {
      const select = form.elements[name];
      for (const v of values) select.appendChild(option(v, text ? text(v) : v));
    };
    const countries = [...new Set(meta.regions.map((r) => r.country).filter(Boolean))].sort();
    fill("country", countries);
    fill("region", [...new Set(meta.regions.map((r) => r.admin1).filter(Boolean))].sort());
    fill("attacker", meta.attackers);
    fill("attack_type", meta.attack_types, label);
    fill("target", meta.targets, label);
    const legend = document.getElementById("legend");
    for (const t of SW.TYPE_ORDER) {
      legend.appendChild(el("li", {}, el("span", {class: "dot", "data-type": t}), label(t)));
    }
    legend.appendChild(el("li", {}, el("span", {class: "dot", "data-type": "none"}), "not stated"));
    return meta;
  }

  function setUpMap() {
    map = L.map("map", {attributionControl: false, zoomSnap: 0.5, preferCanvas: false});
    map.fitBounds(SW.UKRAINE_BOUNDS);
    SW.regionLayer((props) => {
      form.elements.region.value = props.name;
      offset = 0;
      apply();
    }).then((layer) => { layer.addTo(map); layer.bringToBack(); })
      .catch((err) => showError(`region outlines: ${err.message}`));
    markerLayer = L.featureGroup().addTo(map);
    map.on("moveend", () => { if (form.elements.in_view.checked) { offset = 0; apply(); } });
  }

  function radius(killed) {
    const k = killed && killed.min ? killed.min : 0;
    return Math.min(24, 3 + 2 * Math.sqrt(k));
  }

  function popup(p) {
    return el("div", {class: "popup"},
      el("strong", {}, place(p)),
      el("div", {}, `${p.date || "date unknown"} (${p.date_precision})`),
      el("div", {}, `${p.attacker} \u00b7 ${(p.attack_types || []).map(label).join(", ") || "type not stated"}`),
      el("div", {}, `killed ${count(p.killed) || "-"}, injured ${count(p.injured) || "-"}`),
      el("a", {href: eventHref(p.id), class: "open-event"}, "open event \u2192"));
  }

  function drawMap(geojson) {
    markerLayer.clearLayers();
    let shown = 0, unlocated = 0;
    // largest first, so small markers stay clickable on top
    const features = geojson.features.slice().sort(
      (a, b) => radius(b.properties.killed) - radius(a.properties.killed));
    for (const f of features) {
      if (!f.geometry) { unlocated += 1; continue; }
      const [lon, lat] = f.geometry.coordinates;
      const p = f.properties;
      const color = typeColor(p.attack_types);
      const marker = L.circleMarker([lat, lon], {
        radius: radius(p.killed), color: "#222", weight: 1, fillColor: color,
        fillOpacity: 0.75, className: "sw-marker",
      });
      marker.bindTooltip(el("span", {}, `${place(p)} \u00b7 ${p.date || "?"}`), {direction: "top"});
      marker.bindPopup(popup(p));
      marker.addTo(markerLayer);
      shown += 1;
    }
    const mapDiv = document.getElementById("map");
    mapDiv.dataset.markers = String(shown);
    mapDiv.dataset.unlocated = String(unlocated);
    document.getElementById("map-note").textContent =
      `${shown} events on the map` + (unlocated ? `, ${unlocated} without coordinates` : "");
    if (!weaponsKnown) {
      weaponsKnown = true;
      const names = new Set();
      for (const f of geojson.features) for (const w of f.properties.weapons || []) names.add(w);
      const list = document.getElementById("weapon-list");
      for (const w of [...names].sort()) list.appendChild(option(w));
    }
  }

  function drawTimeline(stats) {
    const box = document.getElementById("timeline");
    clear(box);
    let days = stats.by_day.filter((d) => d.date);
    box.dataset.events = String(stats.by_day.reduce((n, d) => n + d.events, 0));
    box.dataset.days = String(days.length);
    // a few stray old dates (history recalled in an article) would squeeze the rest into a
    // sliver: over long spans, start the axis where the first 2% of events are behind
    let hidden = 0;
    const dated = days.reduce((n, d) => n + d.events, 0);
    if (days.length > 1 && (Date.parse(days[days.length - 1].date) - Date.parse(days[0].date)) / 86400000 > 400) {
      let seen = 0, start = 0;
      while (start < days.length - 1 && seen + days[start].events <= dated * 0.02) seen += days[start++].events;
      hidden = seen;
      days = days.slice(start);
    }
    if (!days.length) {
      box.appendChild(el("p", {class: "note"}, "no dated events"));
      return;
    }
    const W = Math.max(box.clientWidth || 800, 300), H = 150, pad = 28, mid = 70;
    const t0 = Date.parse(days[0].date), t1 = Date.parse(days[days.length - 1].date);
    const span = Math.max(1, (t1 - t0) / 86400000 + 1);
    const barW = Math.max(1, Math.min(14, (W - 2 * pad) / span - 1));
    const x = (d) => pad + ((Date.parse(d) - t0) / 86400000) * ((W - 2 * pad - barW) / Math.max(1, span - 1));
    const maxEvents = Math.max(...days.map((d) => d.events), 1);
    const maxCas = Math.max(...days.map((d) => d.killed + d.injured), 1);
    const chart = svg("svg", {width: W, height: H, viewBox: `0 0 ${W} ${H}`, role: "img",
                              "aria-label": "events and casualties per day"});
    chart.appendChild(svg("line", {x1: pad, x2: W - pad, y1: mid, y2: mid, class: "axis"}));
    for (const d of days) {
      const g = svg("g", {class: "day", "data-date": d.date});
      const hEv = Math.max(2, (d.events / maxEvents) * (mid - 8));
      g.appendChild(svg("rect", {x: x(d.date), y: mid - hEv, width: barW, height: hEv, class: "bar ev"}));
      // square-root scale: one mass-casualty day must not flatten every other day
      const cas = d.killed + d.injured;
      const hCas = (Math.sqrt(cas) / Math.sqrt(maxCas)) * (H - mid - pad + 8);
      const hK = cas ? hCas * (d.killed / cas) : 0;
      const hI = cas ? hCas * (d.injured / cas) : 0;
      if (hK > 0) g.appendChild(svg("rect", {x: x(d.date), y: mid + 1, width: barW, height: hK, class: "bar killed"}));
      if (hI > 0) g.appendChild(svg("rect", {x: x(d.date), y: mid + 1 + hK, width: barW, height: hI, class: "bar injured"}));
      const title = svg("title", {});
      title.textContent = `${d.date}: ${d.events} events, ${d.killed} killed, ${d.injured} injured`;
      g.appendChild(title);
      g.addEventListener("click", () => {
        form.elements.date_from.value = d.date;
        form.elements.date_to.value = d.date;
        offset = 0;
        apply();
      });
      chart.appendChild(g);
    }
    const axisLabel = (text, xPos, anchor) => {
      const t = svg("text", {x: xPos, y: H - 4, "text-anchor": anchor, class: "tick"});
      t.textContent = text;
      chart.appendChild(t);
    };
    axisLabel(days[0].date, pad, "start");
    if (days.length > 1) axisLabel(days[days.length - 1].date, W - pad, "end");
    box.appendChild(chart);
    if (hidden) box.appendChild(el("p", {class: "note"}, `${hidden} earlier events not drawn (before ${days[0].date})`));
  }

  function drawTable(page) {
    const table = document.getElementById("events-table");
    table.dataset.total = String(page.total);
    const body = clear(table.querySelector("tbody"));
    for (const e of page.events) {
      const row = el("tr", {"data-id": e.id},
        el("td", {}, e.date || "?", e.date_precision !== "day" ? el("small", {}, ` (${e.date_precision})`) : null),
        el("td", {}, el("a", {href: eventHref(e.id)}, place(e))),
        el("td", {}, e.attacker, e.disputed ? el("small", {}, " disputed") : null),
        el("td", {}, el("span", {class: "dot", "data-type": SW.mainType(e.attack_types) || "none"}),
           (e.attack_types || []).map(label).join(", ")),
        el("td", {}, (e.weapons || []).join(", ")),
        el("td", {}, (e.targets || []).map(label).join(", ")),
        el("td", {class: "num"}, count(e.killed)),
        el("td", {class: "num"}, count(e.injured)),
        el("td", {class: "num"}, String((e.sources || []).length)));
      row.addEventListener("click", (ev) => {
        if (ev.target.tagName !== "A") window.location.href = eventHref(e.id);
      });
      body.appendChild(row);
    }
    if (!page.events.length) {
      body.appendChild(el("tr", {}, el("td", {colspan: 9, class: "note"}, "no events match these filters")));
    }
    const first = page.total ? page.offset + 1 : 0;
    document.getElementById("page-info").textContent =
      `${first}-${page.offset + page.count} of ${page.total}`;
    document.getElementById("prev").disabled = !page.links.prev;
    document.getElementById("next").disabled = !page.links.next;
  }

  function showError(message) {
    const box = document.getElementById("filter-error");
    box.hidden = !message;
    box.textContent = message || "";
  }

  async function apply(push = true) {
    const seq = ++loadSeq;
    const params = currentFilters();
    if (push) {
      const url = params.toString() ? `/?${params}` : "/";
      if (url !== window.location.pathname + window.location.search) history.pushState(null, "", url);
    }
    for (const a of document.querySelectorAll(".downloads a[data-format]")) {
      const p = new URLSearchParams(params);
      p.set("format", a.dataset.format);
      a.setAttribute("href", `/api/export?${p}`);
    }
    const listParams = new URLSearchParams(params);
    listParams.set("limit", PAGE);
    listParams.set("offset", offset);
    const geoParams = new URLSearchParams(params);
    geoParams.set("format", "geojson");
    document.body.dataset.loading = "1";
    try {
      const [page, geo, stats] = await Promise.all([
        getJSON(`/api/events?${listParams}`),
        getJSON(`/api/export?${geoParams}`),
        getJSON(`/api/stats?${params}`),
      ]);
      if (seq !== loadSeq) return;   // a newer request superseded this one
      showError("");
      drawTable(page);
      drawMap(geo);
      drawTimeline(stats);
      document.getElementById("summary").textContent =
        `${page.total} events \u00b7 ${stats.killed} killed \u00b7 ${stats.injured} injured` +
        ` (lower bounds) \u00b7 ${stats.articles} articles`;
    } catch (err) {
      if (seq === loadSeq) showError(err.message);
    } finally {
      if (seq === loadSeq) document.body.dataset.loading = "0";
    }
  }

  async function start() {
    setUpMap();
    try {
      await setUpChoices();
    } catch (err) {
      showError(err.message);
    }
    fillForm(new URLSearchParams(window.location.search));
    form.addEventListener("submit", (ev) => { ev.preventDefault(); offset = 0; apply(); });
    form.addEventListener("change", (ev) => {
      if (ev.target.type !== "text" && ev.target.type !== "search") { offset = 0; apply(); }
    });
    document.getElementById("reset").addEventListener("click", () => {
      form.reset();
      form.elements.bbox.value = "";
      offset = 0;
      apply();
    });
    document.getElementById("prev").addEventListener("click", () => { offset = Math.max(0, offset - PAGE); apply(false); });
    document.getElementById("next").addEventListener("click", () => { offset += PAGE; apply(false); });
    window.addEventListener("popstate", () => { fillForm(new URLSearchParams(window.location.search)); offset = 0; apply(false); });
    await apply(false);
    document.body.dataset.ready = "1";
  }

  document.addEventListener("DOMContentLoaded", start);
})();
