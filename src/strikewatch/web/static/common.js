/* Shared helpers for the dashboard and the event page.
 *
 * Article text and every field are untrusted: nodes are built with createElement and
 * textContent only (no HTML parsing of any string), and a url becomes a link only when it is http(s).
 */
"use strict";

const SW = (() => {
  const TYPE_COLORS = {
    missile: "#d62728",
    drone: "#ff7f0e",
    guided_bomb: "#8c564b",
    air_strike: "#9467bd",
    artillery: "#2ca02c",
    rocket_artillery: "#17becf",
    ground_attack: "#7f7f7f",
    explosion_unknown: "#bcbd22",
  };
  const NO_TYPE_COLOR = "#555555";
  const TYPE_ORDER = Object.keys(TYPE_COLORS);

  /* el("a", {href: "/x", class: "y"}, "text", childNode) */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "class") node.className = value;
      else if (key === "dataset") Object.assign(node.dataset, value);
      else if (key === "href") node.setAttribute("href", safeHref(value));
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? "" : String(value));
    }
    append(node, children);
    return node;
  }

  function append(node, children) {
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function svg(tag, attrs) {
    const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (key === "class") node.setAttribute("class", value);
      else node.setAttribute(key, String(value));
    }
    return node;
  }

  /* Our own links are relative paths; anything else must be http(s). */
  function safeHref(value) {
    const text = String(value);
    if (text.startsWith("/") && !text.startsWith("//")) return text;
    return isWebUrl(text) ? text : "#";
  }

  function isWebUrl(text) {
    try {
      const url = new URL(text);
      return url.protocol === "http:" || url.protocol === "https:";
    } catch (e) {
      return false;
    }
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
    return node;
  }

  async function getJSON(url) {
    const response = await fetch(url, {headers: {Accept: "application/json"}});
    if (!response.ok) {
      let detail = response.statusText;
      try { detail = (await response.json()).detail || detail; } catch (e) { /* not JSON */ }
      throw new Error(`${response.status}: ${detail}`);
    }
    return response.json();
  }

  /* {min, max} -> "14", "14+", "10-15", "up to 30", "" */
  function count(c) {
    if (!c) return "";
    if (c.min !== null && c.min !== undefined && c.max === c.min) return String(c.min);
    if (c.max === null || c.max === undefined) return c.min === null || c.min === undefined ? "" : `${c.min}+`;
    if (c.min === null || c.min === undefined) return `up to ${c.max}`;
    return `${c.min}-${c.max}`;
  }

  function mainType(types) {
    for (const t of TYPE_ORDER) if ((types || []).includes(t)) return t;
    return null;
  }

  function typeColor(types) {
    const t = mainType(types);
    return t ? TYPE_COLORS[t] : NO_TYPE_COLOR;
  }

  function label(value) {
    return String(value || "").replace(/_/g, " ");
  }

  function place(e) {
    const parts = [e.sublocation, e.location, e.admin1 || e.country].filter(Boolean);
    return parts.filter((p, i) => parts.indexOf(p) === i).join(", ") || "unknown place";
  }

  function eventHref(id) {
    return "/event/" + encodeURIComponent(id);
  }

  /* The outline layer shared by both maps: Ukraine's regions (Crimea included), Russia's
     nearby regions lighter. */
  async function regionLayer(onClick) {
    const data = await getJSON("/static/map/regions.geojson");
    return L.geoJSON(data, {
      style: (f) => f.properties.country === "UA"
        ? {color: "#4a5d7a", weight: 1, fillColor: "#e8edf5", fillOpacity: 0.9}
        : {color: "#9a9a9a", weight: 0.8, dashArray: "3 3", fillColor: "#f3f1ee", fillOpacity: 0.9},
      onEachFeature: (f, layer) => {
        layer.bindTooltip(el("span", {}, f.properties.name), {sticky: true, direction: "top"});
        if (onClick) layer.on("click", () => onClick(f.properties));
      },
    });
  }

  const UKRAINE_BOUNDS = [[44.3, 22.1], [52.4, 40.3]];

  return {TYPE_COLORS, NO_TYPE_COLOR, TYPE_ORDER, el, append, svg, clear, getJSON, count,
          mainType, typeColor, label, place, eventHref, isWebUrl, regionLayer, UKRAINE_BOUNDS};
})();
