/* The event page: the event's fields, each source's figures, the claims, and the source
 * articles' raw text with the evidence sentences highlighted and the text that cleaning
 * removed greyed out.
 *
 * Offsets from the API count Unicode code points (Python strings); JavaScript strings
 * count UTF-16 units, so the text is split into code points before slicing.
 */
"use strict";

(() => {
  const {el, clear, getJSON, count, label, place, eventHref, isWebUrl} = SW;

  function fact(name, ...value) {
    return el("tr", {}, el("th", {}, name), el("td", {}, ...value));
  }

  function byClass(figures) {
    const parts = Object.entries(figures || {}).map(([k, v]) => `${v} ${k}${v === 1 ? "" : "s"}`);
    return parts.join(", ") || "-";
  }

  function renderFacts(e) {
    document.title = `strikewatch: ${place(e)} ${e.date || ""}`;
    document.getElementById("event-title").textContent = `${place(e)} \u00b7 ${e.date || "date unknown"}`;
    document.getElementById("event-subtitle").textContent =
      `event ${e.id} \u00b7 ${e.sources.length} source${e.sources.length === 1 ? "" : "s"}`;
    const wave = e.wave;
    const rows = [
      fact("date", `${e.date || "?"} (precision: ${e.date_precision})`),
      fact("place", [...new Set([e.sublocation, e.location, e.admin1, e.country].filter(Boolean))].join(", ") || "?"),
      fact("coordinates", e.lat === null || e.lat === undefined ? "none"
        : `${e.lat}, ${e.lon} (geo precision ${e.geo_precision})`),
      fact("attacker", `${e.attacker}${e.attacker_name ? ` (${e.attacker_name})` : ""}`,
        e.attribution ? ` \u00b7 ${e.attribution}` : "", e.disputed ? el("strong", {}, " \u00b7 disputed") : null),
      fact("attack types", (e.attack_types || []).map(label).join(", ") || "-"),
      fact("weapons", (e.weapons || []).join(", ") || "-"),
      fact("targets", (e.targets || []).map(label).join(", ") || "-"),
      fact("killed", count(e.killed) || "-"),
      fact("injured", count(e.injured) || "-"),
      fact("feared dead (unconfirmed)", count(e.killed_unconfirmed) || "-"),
      fact("children killed", e.children_killed === null || e.children_killed === undefined ? "-" : String(e.children_killed)),
      fact("double tap", e.double_tap ? "yes" : "no"),
      fact("launched / intercepted", `${e.launched ?? "-"} / ${e.intercepted ?? "-"}`),
      fact("wave", wave ? `${wave.date}, ${wave.attacker} \u2192 ${wave.target_country}; launched: ` +
        `${byClass(wave.launched)}; intercepted: ${byClass(wave.intercepted)}` : "-"),
    ];
    const body = clear(document.querySelector("#facts tbody"));
    rows.forEach((r) => body.appendChild(r));
  }

  function renderReports(e) {
    const body = clear(document.querySelector("#reports tbody"));
    const outlets = Object.fromEntries((e.source_articles || []).map((a) => [a.id, a]));
    const reports = (e.reports || []).slice().sort((a, b) => String(a.published).localeCompare(String(b.published)));
    for (const r of reports) {
      body.appendChild(el("tr", {},
        el("td", {}, r.published || "?"),
        el("td", {}, r.outlet || (outlets[r.article_id] || {}).outlet || "?"),
        el("td", {}, el("a", {href: `#article-${encodeURIComponent(r.article_id)}`}, r.article_id)),
        el("td", {class: "num"}, count(r.killed) || "-"),
        el("td", {class: "num"}, count(r.injured) || "-"),
        el("td", {class: "num"}, count(r.killed_unconfirmed) || "-")));
    }
    const updates = clear(document.getElementById("updates"));
    for (const u of e.updates || []) {
      const changes = Object.entries(u.detail || {})
        .filter(([k]) => k !== "action" && k !== "source_added")
        .map(([k, v]) => `${k}: ${JSON.stringify(v[0])} \u2192 ${JSON.stringify(v[1])}`);
      updates.appendChild(el("li", {}, `${u.at || "?"} \u00b7 ${u.detail.action || "update"} by ${u.article_id || "?"}`,
        changes.length ? ` (${changes.join("; ")})` : ""));
    }
    if (!(e.updates || []).length) updates.appendChild(el("li", {class: "note"}, "none"));
    const claims = clear(document.getElementById("claims"));
    for (const c of e.claims || []) {
      claims.appendChild(el("li", {class: "claim"},
        el("span", {class: "tag"}, c.side), " ", el("span", {class: "tag"}, c.kind), " ",
        el("strong", {}, c.speaker), c.role ? ` (${c.role})` : "", ": ", el("q", {}, c.text)));
    }
    if (!(e.claims || []).length) claims.appendChild(el("li", {class: "note"}, "none"));
  }

  /* The sentences behind the fields, once each, with the rule's quoted words marked. */
  function renderEvidence(e) {
    const list = clear(document.getElementById("evidence"));
    const sentences = new Map();
    for (const [field, spans] of Object.entries(e.evidence || {})) {
      for (const s of spans) {
        const key = `${s.article_id}|${s.start}|${s.end}`;
        if (!sentences.has(key)) sentences.set(key, {span: s, fields: new Set(), phrases: new Set()});
        const entry = sentences.get(key);
        entry.fields.add(field);
        for (const m of String(s.rule || "").matchAll(/\u201c([^\u201d]+)\u201d/g)) entry.phrases.add(m[1]);
      }
    }
    for (const {span, fields, phrases} of sentences.values()) {
      list.appendChild(el("li", {class: "evidence-item"},
        el("div", {class: "fields"}, [...fields].sort().join(", "),
          el("a", {href: `#article-${encodeURIComponent(span.article_id)}`, class: "src"}, ` [${span.article_id}]`)),
        el("blockquote", {}, markPhrases(span.text, [...phrases]))));
    }
    if (!sentences.size) list.appendChild(el("li", {class: "note"}, "no evidence recorded"));
  }

  function markPhrases(text, phrases) {
    const hits = [];
    for (const p of phrases) {
      const i = text.indexOf(p);
      if (i >= 0) hits.push([i, i + p.length]);
    }
    hits.sort((a, b) => a[0] - b[0]);
    const out = [];
    let at = 0;
    for (const [a, b] of hits) {
      if (a < at) continue;
      out.push(text.slice(at, a), el("mark", {class: "phrase"}, text.slice(a, b)));
      at = b;
    }
    out.push(text.slice(at));
    return out;
  }

  /* Raw text cut at every span boundary; each piece carries the classes of the spans over it. */
  function renderRaw(text, layers) {
    const chars = Array.from(text);
    const n = chars.length;
    const cuts = new Set([0, n]);
    for (const l of layers) {
      l.start = Math.max(0, Math.min(n, l.start));
      l.end = Math.max(l.start, Math.min(n, l.end));
      cuts.add(l.start);
      cuts.add(l.end);
    }
    const points = [...cuts].sort((a, b) => a - b);
    const box = el("div", {class: "raw-text"});
    for (let i = 0; i + 1 < points.length; i++) {
      const a = points[i], b = points[i + 1];
      const piece = chars.slice(a, b).join("");
      const over = layers.filter((l) => l.start <= a && l.end >= b && l.end > l.start);
      if (!over.length) { box.appendChild(document.createTextNode(piece)); continue; }
      const evidence = over.filter((l) => l.kind === "evidence");
      const classes = [...new Set(over.map((l) => l.kind))].join(" ");
      const title = over.map((l) => l.title).filter(Boolean).join("; ");
      const node = evidence.length
        ? el("mark", {class: classes, title, "data-fields": [...new Set(evidence.flatMap((l) => l.fields))].sort().join(",")}, piece)
        : el("span", {class: classes, title}, piece);
      box.appendChild(node);
    }
    return box;
  }

  function evidenceLayers(e, articleId) {
    const byRange = new Map();
    const add = (field, s) => {
      if (s.article_id !== articleId) return;
      const key = `${s.raw_start}|${s.raw_end}`;
      if (!byRange.has(key)) byRange.set(key, {kind: "evidence", start: s.raw_start, end: s.raw_end, fields: [], title: ""});
      const layer = byRange.get(key);
      if (!layer.fields.includes(field)) layer.fields.push(field);
      layer.title = `evidence for: ${layer.fields.join(", ")}`;
    };
    for (const [field, spans] of Object.entries(e.evidence || {})) spans.forEach((s) => add(field, s));
    for (const r of e.reports || []) {
      for (const [field, spans] of Object.entries(r.evidence || {})) spans.forEach((s) => add(field, s));
    }
    return [...byRange.values()];
  }

  async function renderArticle(e, articleId, container) {
    const section = el("article", {class: "source", id: `article-${encodeURIComponent(articleId)}`});
    container.appendChild(section);
    let a;
    try {
      a = await getJSON(`/api/articles/${encodeURIComponent(articleId)}`);
    } catch (err) {
      section.appendChild(el("p", {class: "error"}, `article ${articleId}: ${err.message}`));
      return;
    }
    const url = a.url ? (isWebUrl(a.url)
      ? el("a", {href: a.url, rel: "noopener noreferrer nofollow", target: "_blank", class: "url"}, a.url)
      : el("span", {class: "url"}, `${a.url} (not a web address)`)) : null;
    section.appendChild(el("h3", {}, a.title || a.id));
    section.appendChild(el("p", {class: "note"},
      `${a.outlet || "outlet unknown"} \u00b7 published ${a.published || "?"} \u00b7 id ${a.id}`,
      url ? el("br") : null, url));
    const layers = evidenceLayers(e, a.id);
    for (const s of a.spans || []) {
      layers.push({kind: s.action === "removed" ? "removed" : "flagged", start: s.start, end: s.end,
                   title: `${s.action} (${s.kind}): ${s.reason}`});
    }
    section.appendChild(renderRaw(a.text, layers));
    const quality = a.quality || {};
    if (quality.spun) section.appendChild(el("p", {class: "note"}, `machine-spun text (score ${quality.spun_score})`));
  }

  function miniMap(e) {
    const box = document.getElementById("mini-map");
    if (e.lat === null || e.lat === undefined || typeof L === "undefined") { box.hidden = true; return; }
    const m = L.map(box, {attributionControl: false, zoomControl: true, scrollWheelZoom: false});
    m.setView([e.lat, e.lon], 6);
    SW.regionLayer(null).then((layer) => { layer.addTo(m); layer.bringToBack(); }).catch(() => {});
    L.circleMarker([e.lat, e.lon], {radius: 8, color: "#222", weight: 1,
      fillColor: SW.typeColor(e.attack_types), fillOpacity: 0.85, className: "sw-marker"}).addTo(m);
  }

  async function start() {
    const id = decodeURIComponent(window.location.pathname.replace(/^\/event\//, ""));
    let e;
    try {
      e = await getJSON(`/api/events/${encodeURIComponent(id)}`);
    } catch (err) {
      const box = document.getElementById("event-error");
      box.hidden = false;
      box.textContent = `event ${id}: ${err.message}`;
      document.getElementById("event-title").textContent = "event not found";
      document.body.dataset.ready = "1";
      return;
    }
    if (e.id !== id) history.replaceState(null, "", eventHref(e.id));   // an old, merged id
    renderFacts(e);
    renderReports(e);
    renderEvidence(e);
    miniMap(e);
    const container = document.getElementById("articles");
    await Promise.all(e.sources.map((a) => renderArticle(e, a, container)));
    const first = container.querySelector("mark.evidence");
    if (first) first.scrollIntoView({block: "center"});
    window.scrollTo(0, 0);
    document.body.dataset.ready = "1";
  }

  document.addEventListener("DOMContentLoaded", start);
})();
