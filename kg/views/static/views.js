// kg views: a map of attacks, a timeline and an actor network, drawn as SVG from SPARQL results.
// Plain browser JavaScript, no dependencies, nothing fetched from other hosts: the server page
// gives the queries (queries/views-*.rq) and the endpoint; a `kg report` file carries the results
// and the outlines inline. Every view can be saved as SVG or PNG.
(function () {
  "use strict";
  const SVG_NS = "http://www.w3.org/2000/svg";
  const config = JSON.parse(document.getElementById("kg-views-config").textContent);
  const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
  const TYPES = ["DroneAttack", "RocketAttack", "MortarAttack", "MissileAttack", "Airstrike", "Attack"];
  const TYPE_LABELS = {
    DroneAttack: "drone attack", RocketAttack: "rocket attack", MortarAttack: "mortar attack",
    MissileAttack: "missile attack", Airstrike: "airstrike", Attack: "attack (mode not given)",
  };
  const TYPE_COLOURS = {
    DroneAttack: "#d95f02", RocketAttack: "#7570b3", MortarAttack: "#e7298a",
    MissileAttack: "#a6761d", Airstrike: "#1b9e77", Attack: "#666666",
  };
  const PALETTE = ["#e41a1c", "#377eb8", "#4daf4a", "#984ea3", "#ff7f00", "#a65628", "#f781bf", "#17becf"];
  const UNKNOWN = "not stated";
  const OTHER = "other actors";
  const CLAIMS = ["claimed", "attributed", "confirmed", "unknown"];
  const CLAIM_LABELS = {
    claimed: "claimed by the actor", attributed: "attributed by others",
    confirmed: "stated as fact, or a state's own strike", unknown: "perpetrator not stated",
  };
  const ROLE_LABELS = {
    perpetrator: "carried out by", claimedBy: "claimed by", attributedTo: "attributed to", targetActor: "target",
  };
  const KIND_ORDER = ["ArmedGroup", "State", "MilitaryBody", "GovernmentBody", "Person", "Organization", "Actor"];
  const KIND_COLOURS = {
    ArmedGroup: "#d7301f", State: "#2b8cbe", MilitaryBody: "#31a354", GovernmentBody: "#00a0a0",
    Person: "#8856a7", Organization: "#ec7014", Actor: "#888888",
  };
  const KIND_LABELS = {
    ArmedGroup: "armed group", State: "state", MilitaryBody: "military body", GovernmentBody: "government body",
    Person: "person", Organization: "organization", Actor: "actor",
  };
  const RELATION_COLOURS = {
    backedBy: "#c51b7d", partOf: "#4d4d4d", memberOf: "#2166ac", affiliatedWith: "#8c510a",
    commanderOf: "#1a9850", leaderOf: "#762a83",
  };
  const RELATION_LABELS = {
    backedBy: "backed by", partOf: "part of", memberOf: "member of", affiliatedWith: "affiliated with",
    commanderOf: "commander of", leaderOf: "leader of",
  };

  // ------------------------------------------------------------------ small helpers

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value !== undefined && value !== null) node.setAttribute(name, value);
    }
    for (const child of children) if (child !== null && child !== undefined) node.append(child);
    return node;
  }

  function svg(tag, attrs, ...children) {
    const node = document.createElementNS(SVG_NS, tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value !== undefined && value !== null) node.setAttribute(name, String(value));
    }
    for (const child of children) if (child !== null && child !== undefined) node.append(child);
    return node;
  }

  function title(text) {
    return svg("title", {}, text);
  }

  function round(x) {
    return Math.round(x * 10) / 10;
  }

  function plural(n, word) {
    return n + " " + word + (n === 1 ? "" : "s");
  }

  function groupBy(items, key) {
    const out = new Map();
    for (const item of items) {
      const k = key(item);
      if (!out.has(k)) out.set(k, []);
      out.get(k).push(item);
    }
    return out;
  }

  function hrefFor(iri) {
    if (config.links === "local") {
      for (const [ns, path] of config.spaces) {
        if (iri.startsWith(ns) && iri.length > ns.length) return path + encodeURI(iri.slice(ns.length));
      }
      return "/page?iri=" + encodeURIComponent(iri);
    }
    return iri;
  }

  function link(iri, text, cls) {
    const href = hrefFor(iri);
    // only http(s) and this site's paths become links: a javascript: IRI in the data must not run
    if (!/^(https?:|\/)/i.test(href)) return el("code", { title: iri, class: cls }, text || iri);
    return el("a", { href: href, title: iri, class: cls }, text || iri);
  }

  function status(view, text, isError) {
    const node = document.querySelector('[data-status="' + view + '"]');
    if (!node) return;
    node.textContent = text;
    node.classList.toggle("error", Boolean(isError));
  }

  // ------------------------------------------------------------------ data

  const cache = new Map();

  // The rows of one view query, as objects of plain values (SPARQL JSON results, simplified).
  function rows(name) {
    if (!cache.has(name)) cache.set(name, fetchResults(name).then(simplify));
    return cache.get(name);
  }

  async function fetchResults(name) {
    if (config.results && config.results[name]) return config.results[name];
    const response = await fetch(config.endpoint, {
      method: "POST",
      headers: { "Content-Type": "application/sparql-query", Accept: "application/sparql-results+json" },
      body: config.queries[name],
    });
    if (!response.ok) throw new Error(name + ".rq: HTTP " + response.status + ": " + (await response.text()));
    return response.json();
  }

  function simplify(json) {
    return json.results.bindings.map((binding) => {
      const row = {};
      for (const [name, term] of Object.entries(binding)) row[name] = term.value;
      return row;
    });
  }

  async function outlines() {
    if (config.outlines && typeof config.outlines === "object") return config.outlines;
    const response = await fetch(config.outlines);
    if (!response.ok) throw new Error("outlines: HTTP " + response.status);
    return response.json();
  }

  // Attacks with their actors and accounts joined in, and a category for "colour by perpetrator".
  async function attacks() {
    const [attackRows, actorRows, accountRows] = await Promise.all([
      rows("views-attacks"), rows("views-attack-actors"), rows("views-attack-accounts"),
    ]);
    const actors = groupBy(actorRows, (r) => r.attack);
    const accounts = groupBy(accountRows, (r) => r.attack);
    return attackRows.map((row) => {
      const point = /POINT\s*\(\s*([-0-9.eE]+)\s+([-0-9.eE]+)\s*\)/.exec(row.wkt || "");
      const named = actors.get(row.attack) || [];
      const events = [];
      for (const [event, lines] of groupBy(accounts.get(row.attack) || [], (r) => r.event)) {
        const first = lines[0];
        events.push({
          iri: event, label: first.eventLabel || event, type: first.type, date: first.date,
          article: first.article, title: first.title || first.article, outlet: first.outlet,
          published: first.published,
          sentences: [...new Set(lines.filter((l) => l.sentence).map((l) => l.sentence))],
        });
      }
      return {
        iri: row.attack,
        day: row.day || null,
        start: row.day || row.earliest || null,
        end: row.day || row.latest || null,
        type: TYPES.includes(row.type) ? row.type : "Attack",
        claimKind: CLAIMS.includes(row.claimKind) ? row.claimKind : "unknown",
        place: row.place || null,
        placeLabel: row.placeLabel || row.place || "",
        lon: point ? Number(point[1]) : null,
        lat: point ? Number(point[2]) : null,
        approximate: row.approximate === "true",
        actors: named,
        perpetrator: perpetratorOf(named),
        events: events,
      };
    });
  }

  function perpetratorOf(named) {
    for (const role of ["claimedBy", "perpetrator", "attributedTo"]) {
      const labels = named.filter((a) => a.role === role).map((a) => a.actorLabel).sort();
      if (labels.length) return labels[0];
    }
    return UNKNOWN;
  }

  // ------------------------------------------------------------------ filters and categories

  function matches(attack, filter) {
    if (filter.from || filter.to) {
      if (!attack.start || !attack.end) return false;
      if (filter.from && attack.end < filter.from) return false;
      if (filter.to && attack.start > filter.to) return false;
    }
    if (filter.actor && !attack.actors.some((a) => a.actor === filter.actor)) return false;
    return true;
  }

  // Category of an attack for colouring, and the colour of each category (the most frequent
  // perpetrators get their own colour, the rest share one).
  function categories(all, by) {
    if (by === "type") {
      return {
        of: (a) => a.type,
        order: TYPES.filter((t) => all.some((a) => a.type === t)),
        colour: (t) => TYPE_COLOURS[t],
        label: (t) => TYPE_LABELS[t] || t,
      };
    }
    const counts = new Map();
    for (const a of all) if (a.perpetrator !== UNKNOWN) counts.set(a.perpetrator, (counts.get(a.perpetrator) || 0) + 1);
    const named = [...counts.entries()].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1)).map((e) => e[0]);
    const own = named.slice(0, PALETTE.length);
    const colours = new Map(own.map((name, i) => [name, PALETTE[i]]));
    const order = [...own];
    if (named.length > own.length) order.push(OTHER);
    if (all.some((a) => a.perpetrator === UNKNOWN)) order.push(UNKNOWN);
    return {
      of: (a) => (a.perpetrator === UNKNOWN ? UNKNOWN : colours.has(a.perpetrator) ? a.perpetrator : OTHER),
      order: order,
      colour: (c) => colours.get(c) || (c === UNKNOWN ? "#bbbbbb" : "#555555"),
      label: (c) => c,
    };
  }

  function controls(view, options) {
    const form = document.querySelector('[data-controls="' + view + '"]');
    const filter = {};
    const read = () => {
      for (const field of form.querySelectorAll("[name]")) filter[field.name] = field.value;
      return filter;
    };
    form.addEventListener("input", () => options.onChange(read()));
    form.addEventListener("change", () => options.onChange(read()));
    form.addEventListener("submit", (event) => event.preventDefault());
    // a link such as /map?actor=<IRI>&from=2024-01-01 opens the view filtered
    const params = new URLSearchParams(window.location.search);
    for (const field of form.querySelectorAll("[name]")) {
      if (params.has(field.name)) field.value = params.get(field.name);
    }
    const reset = form.querySelector('button[type="reset"]');
    if (reset) reset.addEventListener("click", () => setTimeout(() => options.onChange(read()), 0));
    return read;
  }

  function fillActorChoice(view, all) {
    const select = document.querySelector('[data-controls="' + view + '"] select[name="actor"]');
    if (!select) return;
    const counts = new Map();
    for (const attack of all) {
      for (const iri of new Set(attack.actors.map((a) => a.actor))) {
        const label = attack.actors.find((a) => a.actor === iri).actorLabel;
        const entry = counts.get(iri) || { label: label, n: 0 };
        entry.n += 1;
        counts.set(iri, entry);
      }
    }
    const sorted = [...counts.entries()].sort((x, y) => (x[1].label < y[1].label ? -1 : 1));
    for (const [iri, entry] of sorted) {
      select.append(el("option", { value: iri }, entry.label + " (" + entry.n + ")"));
    }
  }

  function fillDateBounds(view, all) {
    const days = all.map((a) => a.start).filter(Boolean).sort();
    if (!days.length) return;
    for (const input of document.querySelectorAll('[data-controls="' + view + '"] input[type="date"]')) {
      input.min = days[0].slice(0, 10);
      input.max = all.map((a) => a.end).filter(Boolean).sort().pop().slice(0, 10);
    }
  }

  // ------------------------------------------------------------------ attack details (map and timeline)

  function attackList(list, heading) {
    const sorted = [...list].sort((a, b) => ((a.start || "~") < (b.start || "~") ? -1 : 1));
    const items = sorted.map((attack) => {
      const when = attack.day || (attack.start ? attack.start + " – " + attack.end : "date not known");
      const roles = groupBy(attack.actors, (a) => a.role);
      const who = [];
      for (const [role, named] of roles) {
        who.push(el("span", { class: "role" }, (ROLE_LABELS[role] || role) + " "));
        named.forEach((a, i) => who.push(i ? ", " : "", link(a.actor, a.actorLabel)));
        who.push(" ");
      }
      const accounts = attack.events.map((event) =>
        el("li", { class: "account" },
          link(event.iri, event.label), " ",
          el("span", { class: "source" }, "in ", link(event.article, event.title),
            event.outlet ? " (" + event.outlet + (event.published ? ", " + event.published : "") + ")" : ""),
          ...event.sentences.map((s) => el("blockquote", { class: "evidence" }, s))));
      return el("li", { class: "attack", "data-iri": attack.iri },
        el("div", { class: "attack-head" },
          el("strong", {}, when), " · ", TYPE_LABELS[attack.type] || attack.type, " · ",
          el("span", { class: "claim claim-" + attack.claimKind }, CLAIM_LABELS[attack.claimKind]),
          " · ", link(attack.iri, plural(attack.events.length, "account"))),
        attack.place ? el("div", { class: "where" }, "at ", link(attack.place, attack.placeLabel),
          attack.approximate ? " (approximate position)" : "") : null,
        who.length ? el("div", { class: "who" }, ...who) : null,
        el("ul", { class: "accounts" }, ...accounts));
    });
    return el("div", {}, el("h3", {}, heading), el("ol", { class: "attacks" }, ...items));
  }

  function showDetails(view, node) {
    const panel = document.querySelector('[data-details="' + view + '"]');
    if (!panel) return;
    panel.replaceChildren(node);
    panel.hidden = false;
  }

  // ------------------------------------------------------------------ legends

  function legend(x, y, heading, entries) {
    const g = svg("g", { class: "legend", transform: "translate(" + x + "," + y + ")" });
    g.append(svg("text", { x: 0, y: 0, "font-size": 12, "font-weight": 600, fill: "#222" }, heading));
    let offset = 10;
    for (const entry of entries) {
      const height = entry.height || 17;
      const row = svg("g", { transform: "translate(0," + offset + ")" });
      row.append(entry.swatch);
      row.append(svg("text", { x: entry.indent || 20, y: height / 2 + 3, "font-size": 11, fill: "#222" }, entry.label));
      g.append(row);
      offset += height;
    }
    return g;
  }

  function legendBox(parent, legendGroup, pad) {
    parent.append(legendGroup);
    const box = legendGroup.getBBox();
    const rect = svg("rect", {
      x: box.x - pad, y: box.y - pad, width: box.width + 2 * pad, height: box.height + 2 * pad,
      fill: "#ffffff", "fill-opacity": 0.88, stroke: "#bbbbbb", rx: 3,
    });
    legendGroup.insertBefore(rect, legendGroup.firstChild);
  }

  // ------------------------------------------------------------------ map

  const DEFAULT_EXTENT = [33.5, 28.5, 49.5, 38.5]; // west, south, east, north: Iraq, Syria, Jordan

  function extentOf(points, bounds) {
    let [w, s, e, n] = DEFAULT_EXTENT;
    for (const p of points) {
      w = Math.min(w, p.lon - 1); e = Math.max(e, p.lon + 1);
      s = Math.min(s, p.lat - 0.8); n = Math.max(n, p.lat + 0.8);
    }
    return [Math.max(w, bounds[0]), Math.max(s, bounds[1]), Math.min(e, bounds[2]), Math.min(n, bounds[3])];
  }

  function projection(extent, width) {
    const [w, s, e, n] = extent;
    const k = Math.cos((((s + n) / 2) * Math.PI) / 180);
    const scale = width / ((e - w) * k);
    return {
      height: Math.round((n - s) * scale),
      xy: (lon, lat) => [round((lon - w) * k * scale), round((n - lat) * scale)],
    };
  }

  function pathOf(geometry, project) {
    const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
    let d = "";
    for (const polygon of polygons) {
      for (const ring of polygon) {
        ring.forEach((p, i) => {
          const [x, y] = project(p[0], p[1]);
          d += (i ? "L" : "M") + x + " " + y;
        });
        d += "Z";
      }
    }
    return d;
  }

  function pie(cx, cy, r, parts, colour, approximate) {
    const total = parts.reduce((sum, p) => sum + p[1], 0);
    const g = svg("g", {});
    if (parts.length === 1) {
      g.append(svg("circle", { cx: cx, cy: cy, r: r, fill: colour(parts[0][0]), "fill-opacity": 0.85 }));
    } else {
      let angle = -Math.PI / 2;
      for (const [category, n] of parts) {
        const next = angle + (2 * Math.PI * n) / total;
        const large = next - angle > Math.PI ? 1 : 0;
        const [x1, y1] = [cx + r * Math.cos(angle), cy + r * Math.sin(angle)];
        const [x2, y2] = [cx + r * Math.cos(next), cy + r * Math.sin(next)];
        g.append(svg("path", {
          d: "M" + cx + " " + cy + "L" + round(x1) + " " + round(y1) + "A" + r + " " + r + " 0 " + large +
            " 1 " + round(x2) + " " + round(y2) + "Z",
          fill: colour(category), "fill-opacity": 0.85,
        }));
        angle = next;
      }
    }
    g.append(svg("circle", {
      cx: cx, cy: cy, r: r, fill: "none", stroke: "#222", "stroke-width": approximate ? 1.2 : 1,
      "stroke-dasharray": approximate ? "2.5 2" : null,
    }));
    return g;
  }

  // Where a point's label goes: right, left, below or above it, the first spot that overlaps no
  // point and no label placed before (greedy; the largest points are labelled first).
  function labelSpot(taken, x, y, r, width, height, right, bottom) {
    const spots = [
      { x: x + r + 3, y: y + 4, anchor: "start", box: [x + r + 2, x + r + 4 + width, y - height / 2, y + height / 2] },
      { x: x - r - 3, y: y + 4, anchor: "end", box: [x - r - 4 - width, x - r - 2, y - height / 2, y + height / 2] },
      { x: x, y: y + r + 12, anchor: "middle", box: [x - width / 2, x + width / 2, y + r + 2, y + r + 2 + height] },
      { x: x, y: y - r - 4, anchor: "middle", box: [x - width / 2, x + width / 2, y - r - 2 - height, y - r - 2] },
    ];
    const free = (box) => box[0] >= 0 && box[1] <= right && box[2] >= 0 && box[3] <= bottom &&
      !taken.some((t) => box[0] < t.x1 && box[1] > t.x0 && box[2] < t.y1 && box[3] > t.y0);
    const spot = spots.find((s) => free(s.box)) || spots[0];
    taken.push({ x0: spot.box[0], x1: spot.box[1], y0: spot.box[2], y1: spot.box[3] });
    return spot;
  }

  // Radius for a count, area proportional to it: BASE * sqrt(n) while the largest fits under CAP,
  // else scaled so that the largest is CAP.
  function sizeScale(largest, base, cap) {
    const k = base * Math.sqrt(Math.max(1, largest)) <= cap ? base : cap / Math.sqrt(Math.max(1, largest));
    return (n) => round(Math.max(n > 0 ? 3 : 0, k * Math.sqrt(n)));
  }

  // A few round counts up to LARGEST, for a size legend: 1, about a quarter, about the largest.
  function legendSizes(largest) {
    const nice = (v) => {
      const p = Math.pow(10, Math.floor(Math.log10(Math.max(1, v))));
      return Math.max(1, Math.floor(v / p) * p);
    };
    return [...new Set([1, nice(largest / 4), nice(largest)])].filter((v) => v <= largest).sort((a, b) => a - b);
  }

  async function initMap() {
    const [all, geo] = await Promise.all([attacks(), outlines()]);
    fillActorChoice("map", all);
    fillDateBounds("map", all);
    const read = controls("map", { onChange: (filter) => drawMap(all, geo, filter) });
    drawMap(all, geo, read());
  }

  function drawMap(all, geo, filter) {
    const holder = document.querySelector('div[data-view="map"]');
    const shown = all.filter((a) => matches(a, filter));
    const placed = shown.filter((a) => a.lon !== null && a.place);
    const points = [];
    for (const [place, list] of groupBy(placed, (a) => a.place)) {
      points.push({
        place: place, label: list[0].placeLabel, lon: list[0].lon, lat: list[0].lat, attacks: list,
        approximate: list.every((a) => a.approximate),
      });
    }
    points.sort((a, b) => b.attacks.length - a.attacks.length || (a.place < b.place ? -1 : 1));
    const cats = categories(all, filter.colour || "type");
    // sizes follow the busiest place of the unfiltered map, so a filter does not change the scale
    const busiest = Math.max(1, ...[...groupBy(all.filter((a) => a.lon !== null && a.place), (a) => a.place).values()]
      .map((list) => list.length));
    const radius = sizeScale(busiest, 5.5, 34);
    const width = 960, side = 200; // the map, and a column for the legend
    const extent = extentOf(points, geo.bbox || [-180, -90, 180, 90]);
    const proj = projection(extent, width);
    const root = svg("svg", {
      id: "map-svg", xmlns: SVG_NS, viewBox: "0 0 " + (width + side) + " " + proj.height, width: width + side,
      height: proj.height, "font-family": FONT, role: "img", "aria-label": "Map of attacks",
    });
    root.append(svg("rect", { x: 0, y: 0, width: width + side, height: proj.height, fill: "#ffffff" }));
    root.append(svg("clipPath", { id: "map-area" }, svg("rect", { x: 0, y: 0, width: width, height: proj.height })));
    root.append(svg("rect", { x: 0, y: 0, width: width, height: proj.height, fill: "#dfeaf3" }));
    const countries = svg("g", { class: "countries" });
    const provinces = svg("g", { class: "provinces" });
    const focus = ["Iraq", "Syria", "Jordan"];
    for (const feature of geo.features) {
      const props = feature.properties;
      const d = pathOf(feature.geometry, proj.xy);
      if (props.kind === "province") {
        provinces.append(svg("path", { d: d, fill: "none", stroke: "#a8a29a", "stroke-width": 0.6 },
          title(props.name + " (" + props.country + ")")));
      } else {
        countries.append(svg("path", {
          d: d, fill: focus.includes(props.name) ? "#f6f2e8" : "#ebe7de", stroke: "#8a857c", "stroke-width": 0.9,
        }, title(props.name)));
      }
    }
    const land = svg("g", { "clip-path": "url(#map-area)" }, countries, provinces);
    root.append(land);
    const labels = svg("g", { class: "country-labels", "font-size": 13, fill: "#8a857c", "letter-spacing": 2 });
    for (const [name, lon, lat] of [
      ["IRAQ", 43.2, 32.2], ["SYRIA", 38.2, 35.6], ["JORDAN", 37.0, 31.0], ["IRAN", 49.0, 33.6],
      ["TURKEY", 37.0, 38.6], ["SAUDI ARABIA", 41.5, 29.2], ["LEBANON", 35.2, 34.4], ["ISRAEL", 34.6, 30.2],
      ["KUWAIT", 47.6, 29.2],
    ]) {
      if (lon < extent[0] || lon > extent[2] || lat < extent[1] || lat > extent[3]) continue;
      const [x, y] = proj.xy(lon, lat);
      labels.append(svg("text", { x: x, y: y, "text-anchor": "middle" }, name));
    }
    land.append(labels);
    const layer = svg("g", { class: "points" });
    const placedLabels = points.map((p) => {
      const [px, py] = proj.xy(p.lon, p.lat);
      const r = radius(p.attacks.length);
      return { x0: px - r, x1: px + r, y0: py - r, y1: py + r };
    });
    for (const point of points) { // the largest first, so smaller points stay on top and clickable
      const [x, y] = proj.xy(point.lon, point.lat);
      const counts = new Map();
      for (const a of point.attacks) counts.set(cats.of(a), (counts.get(cats.of(a)) || 0) + 1);
      const parts = cats.order.filter((c) => counts.has(c)).map((c) => [c, counts.get(c)]);
      const r = radius(point.attacks.length);
      const g = svg("g", {
        class: "point", "data-place": point.place, "data-count": point.attacks.length, tabindex: 0,
        role: "button", cursor: "pointer",
      }, title(point.label + ": " + plural(point.attacks.length, "attack") +
        (point.approximate ? " (approximate position)" : "")), pie(x, y, r, parts, cats.colour, point.approximate));
      const text = point.label + (point.attacks.length > 1 ? " (" + point.attacks.length + ")" : "");
      const spot = labelSpot(placedLabels, x, y, r, text.length * 6.2, 12, width, proj.height);
      g.append(svg("text", {
        x: round(spot.x), y: round(spot.y), "text-anchor": spot.anchor, "font-size": 11, fill: "#222",
        stroke: "#ffffff", "stroke-width": 3, "paint-order": "stroke", "stroke-linejoin": "round",
      }, text));
      const open = () => {
        for (const other of layer.querySelectorAll(".point.selected")) other.classList.remove("selected");
        g.classList.add("selected");
        showDetails("map", attackList(point.attacks, point.label + ": " + plural(point.attacks.length, "attack") +
          (point.approximate ? " (drawn at an approximate position)" : "")));
      };
      g.addEventListener("click", open);
      g.addEventListener("keydown", (event) => { if (event.key === "Enter" || event.key === " ") open(); });
      layer.append(g);
    }
    root.append(layer);
    holder.replaceChildren(root);
    const entries = cats.order.map((c) => ({
      label: cats.label(c), swatch: svg("circle", { cx: 7, cy: 7, r: 6, fill: cats.colour(c), stroke: "#222" }),
    }));
    if (points.some((p) => p.approximate)) {
      entries.push({
        label: "approximate position",
        swatch: svg("circle", { cx: 7, cy: 7, r: 6, fill: "none", stroke: "#222", "stroke-dasharray": "2.5 2" }),
      });
    }
    const sizes = legendSizes(busiest);
    const widest = radius(sizes[sizes.length - 1]);
    for (const n of sizes) {
      const r = radius(n);
      entries.push({
        label: plural(n, "attack"), height: 2 * r + 4, indent: 2 * widest + 8,
        swatch: svg("circle", { cx: widest, cy: r + 2, r: r, fill: "none", stroke: "#222" }),
      });
    }
    legendBox(root, legend(width + 14, 24, filter.colour === "perpetrator" ? "Perpetrator" : "Type of attack", entries), 6);
    root.append(svg("text", { x: width - 8, y: proj.height - 8, "text-anchor": "end", "font-size": 10, fill: "#777" },
      "Outlines: Natural Earth (public domain). Equirectangular projection."));
    const unplaced = shown.length - placed.length;
    holder.dataset.points = String(points.length);
    holder.dataset.attacks = String(placed.length);
    status("map", plural(points.length, "place") + ", " + plural(placed.length, "attack") + " on the map" +
      (unplaced ? "; " + plural(unplaced, "attack") + " without a place with coordinates" : "") +
      (shown.length < all.length ? " (" + (all.length - shown.length) + " filtered out)" : ""));
    holder.dataset.ready = "true";
  }

  // ------------------------------------------------------------------ timeline

  const DAY = 86400000;

  function toDay(text) {
    return Date.UTC(Number(text.slice(0, 4)), Number(text.slice(5, 7)) - 1, Number(text.slice(8, 10)));
  }

  function isoDay(ms) {
    return new Date(ms).toISOString().slice(0, 10);
  }

  function binStart(ms, unit) {
    if (unit !== "week") return ms;
    const weekday = (new Date(ms).getUTCDay() + 6) % 7; // Monday = 0
    return ms - weekday * DAY;
  }

  function hatch(defs, id, colour, kind) {
    const pattern = svg("pattern", { id: id, width: 6, height: 6, patternUnits: "userSpaceOnUse" });
    if (kind === "attributed") {
      pattern.setAttribute("patternTransform", "rotate(45)");
      pattern.append(svg("rect", { width: 6, height: 6, fill: "#ffffff" }),
        svg("rect", { width: 3, height: 6, fill: colour }));
    } else {
      pattern.append(svg("rect", { width: 6, height: 6, fill: colour, "fill-opacity": 0.3 }),
        svg("circle", { cx: 3, cy: 3, r: 1.2, fill: colour }));
    }
    defs.append(pattern);
    return "url(#" + id + ")";
  }

  async function initTimeline() {
    const all = await attacks();
    fillActorChoice("timeline", all);
    fillDateBounds("timeline", all);
    const read = controls("timeline", { onChange: (filter) => drawTimeline(all, filter) });
    drawTimeline(all, read());
  }

  function drawTimeline(all, filter) {
    const holder = document.querySelector('div[data-view="timeline"]');
    const shown = all.filter((a) => matches(a, filter));
    const dated = shown.filter((a) => a.day);
    const days = dated.map((a) => toDay(a.day));
    const span = days.length ? (Math.max(...days) - Math.min(...days)) / DAY : 0;
    // "auto": days for up to four months, weeks beyond (day bars get too thin to see)
    const unit = filter.unit === "week" || (filter.unit !== "day" && span > 120) ? "week" : "day";
    const cats = categories(all, filter.stack || "type");
    const width = 960, height = 420;
    const margin = { left: 48, right: 270, top: 20, bottom: 40 };
    const root = svg("svg", {
      id: "timeline-svg", xmlns: SVG_NS, viewBox: "0 0 " + width + " " + height, width: width, height: height,
      "font-family": FONT, role: "img", "aria-label": "Attacks over time",
    });
    root.append(svg("rect", { x: 0, y: 0, width: width, height: height, fill: "#ffffff" }));
    const defs = svg("defs", {});
    root.append(defs);
    const bins = new Map();
    for (const attack of dated) {
      const start = binStart(toDay(attack.day), unit);
      if (!bins.has(start)) bins.set(start, []);
      bins.get(start).push(attack);
    }
    const step = unit === "week" ? 7 * DAY : DAY;
    const starts = [...bins.keys()].sort((a, b) => a - b);
    const first = starts.length ? starts[0] - step : binStart(Date.UTC(2023, 9, 1), unit);
    const last = starts.length ? starts[starts.length - 1] + step : first + 30 * DAY;
    const nBins = Math.round((last - first) / step) + 1;
    const plotW = width - margin.left - margin.right, plotH = height - margin.top - margin.bottom;
    const barW = plotW / nBins;
    const maxCount = Math.max(1, ...[...bins.values()].map((l) => l.length));
    const yScale = plotH / maxCount;
    const x = (ms) => margin.left + ((ms - first) / step) * barW;
    const axis = svg("g", { class: "axis", "font-size": 11, fill: "#444" });
    const tickEvery = Math.max(1, Math.ceil(maxCount / 8));
    for (let n = 0; n <= maxCount; n += tickEvery) {
      const y = round(margin.top + plotH - n * yScale);
      axis.append(svg("line", { x1: margin.left, x2: width - margin.right, y1: y, y2: y, stroke: "#e3e3e3" }));
      axis.append(svg("text", { x: margin.left - 6, y: y + 4, "text-anchor": "end" }, String(n)));
    }
    // month ticks along the bottom
    let month = new Date(first);
    month = Date.UTC(month.getUTCFullYear(), month.getUTCMonth(), 1);
    const months = [];
    while (month <= last) {
      if (month >= first) months.push(month);
      const d = new Date(month);
      month = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
    }
    const everyMonth = Math.max(1, Math.ceil(months.length / 12));
    months.forEach((m, i) => {
      const mx = round(x(m));
      axis.append(svg("line", { x1: mx, x2: mx, y1: margin.top + plotH, y2: margin.top + plotH + 5, stroke: "#444" }));
      if (i % everyMonth === 0) {
        axis.append(svg("text", { x: mx + 2, y: margin.top + plotH + 17 }, isoDay(m).slice(0, 7)));
      }
    });
    if (months.length < 3) {
      // a short span: label the bins themselves
      const every = Math.max(1, Math.ceil(nBins / 8));
      for (let i = 0; i < nBins; i += every) {
        const start = first + i * step;
        axis.append(svg("text", {
          x: round(x(start) + barW / 2), y: margin.top + plotH + 30, "text-anchor": "middle",
        }, isoDay(start)));
      }
    }
    axis.append(svg("line", {
      x1: margin.left, x2: width - margin.right, y1: margin.top + plotH, y2: margin.top + plotH, stroke: "#444",
    }));
    axis.append(svg("text", {
      x: 14, y: margin.top + plotH / 2, transform: "rotate(-90 14 " + (margin.top + plotH / 2) + ")",
      "text-anchor": "middle",
    }, "attacks per " + unit));
    root.append(axis);
    const fills = new Map();
    const fillFor = (category, claim) => {
      const key = category + "|" + claim;
      if (!fills.has(key)) {
        const colour = cats.colour(category);
        fills.set(key, claim === "claimed" || claim === "confirmed" ? colour
          : hatch(defs, "fill-" + fills.size, colour, claim));
      }
      return fills.get(key);
    };
    const bars = svg("g", { class: "bars" });
    for (const start of starts) {
      const list = bins.get(start);
      let y = margin.top + plotH;
      const bx = round(x(start) + Math.max(0.5, barW * 0.08));
      const bw = round(Math.max(1, barW * 0.84));
      for (const category of cats.order) {
        for (const claim of CLAIMS) {
          const part = list.filter((a) => cats.of(a) === category && a.claimKind === claim);
          if (!part.length) continue;
          const h = part.length * yScale;
          y -= h;
          const label = (unit === "week" ? "week of " : "") + isoDay(start) + ": " + plural(part.length, "attack") +
            ", " + cats.label(category) + ", " + CLAIM_LABELS[claim];
          const rect = svg("rect", {
            class: "segment", x: bx, y: round(y), width: bw, height: round(h), fill: fillFor(category, claim),
            stroke: claim === "confirmed" ? "#000000" : cats.colour(category),
            // an outline would hide a narrow bar's colour
            "stroke-width": claim === "confirmed" ? (bw >= 8 ? 1.5 : 0.4) : Math.min(0.8, bw / 6),
            "data-bin": isoDay(start), "data-count": part.length, "data-claim": claim, "data-category": category,
            cursor: "pointer",
          }, title(label));
          rect.addEventListener("click", () => showDetails("timeline", attackList(part, label)));
          bars.append(rect);
        }
      }
    }
    root.append(bars);
    holder.replaceChildren(root);
    const catEntries = cats.order.map((c) => ({
      label: cats.label(c), swatch: svg("rect", { x: 0, y: 1, width: 14, height: 12, fill: cats.colour(c) }),
    }));
    const claimEntries = CLAIMS.map((claim) => {
      const fill = claim === "claimed" || claim === "confirmed" ? "#666666" : hatch(defs, "legend-" + claim, "#666666", claim);
      return {
        label: CLAIM_LABELS[claim],
        swatch: svg("rect", {
          x: 0, y: 1, width: 14, height: 12, fill: fill, stroke: claim === "confirmed" ? "#000000" : "#666666",
          "stroke-width": claim === "confirmed" ? 1.5 : 0.8,
        }),
      };
    });
    const lx = width - margin.right + 16;
    const legendGroup = legend(lx, margin.top + 14, filter.stack === "perpetrator" ? "Perpetrator" : "Type of attack", catEntries);
    const claimGroup = legend(0, 24 + catEntries.length * 17, "Who says who did it", claimEntries);
    legendGroup.append(claimGroup);
    legendBox(root, legendGroup, 6);
    const undated = shown.length - dated.length;
    holder.dataset.attacks = String(dated.length);
    holder.dataset.bins = String(starts.length);
    holder.dataset.unit = unit;
    status("timeline", plural(dated.length, "attack") + " dated to the day, in " + plural(starts.length, unit) +
      (undated ? "; " + plural(undated, "attack") + " dated only to a month or year, or not at all, not drawn" : "") +
      (shown.length < all.length ? " (" + (all.length - shown.length) + " filtered out)" : ""));
    holder.dataset.ready = "true";
  }

  // ------------------------------------------------------------------ actor network

  function hashUnit(text) {
    let h = 2166136261;
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 16777619);
    }
    return ((h >>> 0) % 100000) / 100000;
  }

  // A deterministic force layout (Fruchterman-Reingold): the same graph is drawn the same way.
  function layout(nodes, edges, width, height, left) {
    const n = nodes.length;
    const area = width * height;
    const k = Math.sqrt(area / Math.max(1, n)) * 0.6;
    nodes.forEach((node, i) => {
      const angle = (2 * Math.PI * i) / Math.max(1, n) + hashUnit(node.iri) * 0.5;
      node.x = width / 2 + (width / 3) * Math.cos(angle);
      node.y = height / 2 + (height / 3) * Math.sin(angle);
    });
    const index = new Map(nodes.map((node, i) => [node.iri, i]));
    const links = edges.map((e) => [index.get(e.source), index.get(e.target)]).filter((l) => l[0] !== undefined && l[1] !== undefined);
    let temperature = width / 8;
    for (let iteration = 0; iteration < 400; iteration++) {
      const dx = new Float64Array(n), dy = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        for (let j = i + 1; j < n; j++) {
          let ddx = nodes[i].x - nodes[j].x, ddy = nodes[i].y - nodes[j].y;
          let dist = Math.sqrt(ddx * ddx + ddy * ddy);
          if (dist < 0.01) { ddx = 0.01 * (i - j); ddy = 0.01; dist = 0.015; }
          const force = (k * k) / dist;
          dx[i] += (ddx / dist) * force; dy[i] += (ddy / dist) * force;
          dx[j] -= (ddx / dist) * force; dy[j] -= (ddy / dist) * force;
        }
      }
      for (const [a, b] of links) {
        const ddx = nodes[a].x - nodes[b].x, ddy = nodes[a].y - nodes[b].y;
        const dist = Math.max(0.01, Math.sqrt(ddx * ddx + ddy * ddy));
        const force = (dist * dist) / k;
        dx[a] -= (ddx / dist) * force; dy[a] -= (ddy / dist) * force;
        dx[b] += (ddx / dist) * force; dy[b] += (ddy / dist) * force;
      }
      for (let i = 0; i < n; i++) {
        // a weak pull to the centre keeps unconnected actors on the page
        dx[i] += (width / 2 - nodes[i].x) * 0.02 * k / 10;
        dy[i] += (height / 2 - nodes[i].y) * 0.02 * k / 10;
        const len = Math.sqrt(dx[i] * dx[i] + dy[i] * dy[i]);
        if (len > 0) {
          nodes[i].x += (dx[i] / len) * Math.min(len, temperature);
          nodes[i].y += (dy[i] / len) * Math.min(len, temperature);
        }
      }
      temperature = Math.max(1, temperature * 0.985);
    }
    // fit into the drawing area (right of the legend), then push apart nodes whose labels would overlap
    const pad = 40;
    const half = (node) => ((node.label.length + (node.attacks ? 4 : 0)) * 6.2) / 2 + 4;
    const xs = nodes.map((node) => node.x), ys = nodes.map((node) => node.y);
    const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    for (const node of nodes) {
      node.x = left + pad + 60 + ((node.x - x0) / Math.max(1, x1 - x0)) * (width - left - 2 * pad - 120);
      node.y = pad + ((node.y - y0) / Math.max(1, y1 - y0)) * (height - 2 * pad - 20);
    }
    const GAP_Y = 34; // a label is wide and short: keep nodes apart in an ellipse as wide as their labels
    for (let pass = 0; pass < 300; pass++) {
      let moved = false;
      for (let i = 0; i < n; i++) {
        for (let j = i + 1; j < n; j++) {
          const gapX = half(nodes[i]) + half(nodes[j]);
          const ddx = (nodes[j].x - nodes[i].x) / gapX, ddy = (nodes[j].y - nodes[i].y) / GAP_Y;
          const dist = Math.sqrt(ddx * ddx + ddy * ddy);
          if (dist < 1) {
            const [ux, uy] = dist > 1e-6 ? [ddx / dist, ddy / dist] : [0, 1];
            const push = (1 - dist) / 2;
            nodes[i].x -= ux * push * gapX; nodes[i].y -= uy * push * GAP_Y;
            nodes[j].x += ux * push * gapX; nodes[j].y += uy * push * GAP_Y;
            moved = true;
          }
        }
      }
      for (const node of nodes) {
        node.x = Math.min(width - half(node), Math.max(left + half(node), node.x));
        node.y = Math.min(height - pad, Math.max(pad / 2, node.y));
      }
      if (!moved) break;
    }
    for (const node of nodes) {
      node.x = round(node.x);
      node.y = round(node.y);
    }
  }

  const MAX_UNLINKED = 40;

  function kindOf(kinds) {
    const list = (kinds || "").split(" ");
    return KIND_ORDER.find((k) => list.includes(k)) || "Actor";
  }

  async function initNetwork() {
    const [nodeRows, edgeRows] = await Promise.all([rows("views-network-nodes"), rows("views-network-edges")]);
    const nodes = nodeRows.map((r) => ({
      iri: r.actor, label: r.actorLabel || r.actor, kind: kindOf(r.kinds), attacks: Number(r.attacks || 0),
    }));
    nodes.sort((a, b) => (a.iri < b.iri ? -1 : 1));
    const known = new Set(nodes.map((node) => node.iri));
    const edges = edgeRows.filter((r) => known.has(r.source) && known.has(r.target)).map((r) => ({
      source: r.source, target: r.target, relation: r.relation, inReference: r.inReference === "true",
      articles: Number(r.articles || 0),
    }));
    const read = controls("network", { onChange: (filter) => drawNetwork(nodes, edges, filter) });
    drawNetwork(nodes, edges, read());
  }

  function drawNetwork(allNodes, allEdges, filter) {
    const holder = document.querySelector('div[data-view="network"]');
    const relations = new Set(Object.keys(RELATION_LABELS).filter((r) => !filter["hide-" + r]));
    let edges = allEdges.filter((e) => relations.has(e.relation));
    if (filter.source === "articles") edges = edges.filter((e) => e.articles > 0);
    if (filter.source === "reference") edges = edges.filter((e) => e.inReference);
    const linked = new Set(edges.flatMap((e) => [e.source, e.target]));
    // every linked actor; of the others, those named in the most attacks (all of them on request)
    const unlinked = allNodes.filter((node) => !linked.has(node.iri) && node.attacks > 0)
      .sort((a, b) => b.attacks - a.attacks || (a.iri < b.iri ? -1 : 1));
    const keep = new Set(filter.show === "all" ? unlinked.map((node) => node.iri)
      : unlinked.slice(0, MAX_UNLINKED).map((node) => node.iri));
    const hidden = unlinked.length - keep.size;
    const nodes = allNodes.filter((node) => linked.has(node.iri) || keep.has(node.iri)).map((node) => ({ ...node }));
    const width = 1120, height = 700;
    layout(nodes, edges, width, height, 200);
    const byIri = new Map(nodes.map((node) => [node.iri, node]));
    const root = svg("svg", {
      id: "network-svg", xmlns: SVG_NS, viewBox: "0 0 " + width + " " + height, width: width, height: height,
      "font-family": FONT, role: "img", "aria-label": "Actor network",
    });
    root.append(svg("rect", { x: 0, y: 0, width: width, height: height, fill: "#ffffff" }));
    const defs = svg("defs", {});
    for (const [relation, colour] of Object.entries(RELATION_COLOURS)) {
      defs.append(svg("marker", {
        id: "arrow-" + relation, viewBox: "0 0 10 10", refX: 10, refY: 5, markerWidth: 9, markerHeight: 9,
        markerUnits: "userSpaceOnUse",
        orient: "auto-start-reverse",
      }, svg("path", { d: "M0 0L10 5L0 10Z", fill: colour })));
    }
    root.append(defs);
    const scale = sizeScale(Math.max(1, ...allNodes.map((node) => node.attacks)), 4.5, 26);
    const nodeRadius = (node) => round(6 + scale(node.attacks));
    const edgeLayer = svg("g", { class: "edges" });
    for (const edge of edges) {
      const a = byIri.get(edge.source), b = byIri.get(edge.target);
      const dx = b.x - a.x, dy = b.y - a.y;
      const dist = Math.max(1, Math.sqrt(dx * dx + dy * dy));
      const ra = nodeRadius(a) + 1, rb = nodeRadius(b) + 3;
      const source = edge.inReference ? (edge.articles ? "reference data and " + plural(edge.articles, "article") : "reference data")
        : plural(edge.articles, "article");
      edgeLayer.append(svg("line", {
        class: "edge", x1: round(a.x + (dx / dist) * ra), y1: round(a.y + (dy / dist) * ra),
        x2: round(b.x - (dx / dist) * rb), y2: round(b.y - (dy / dist) * rb),
        stroke: RELATION_COLOURS[edge.relation] || "#777", "stroke-width": 1.4 + Math.min(3, edge.articles * 0.6),
        "stroke-dasharray": edge.inReference ? null : "5 3",
        "marker-end": edge.relation === "affiliatedWith" ? null : "url(#arrow-" + edge.relation + ")",
        "data-source": edge.source, "data-target": edge.target, "data-relation": edge.relation,
      }, title(a.label + " " + (RELATION_LABELS[edge.relation] || edge.relation) + " " + b.label + " (" + source + ")")));
    }
    root.append(edgeLayer);
    const nodeLayer = svg("g", { class: "nodes" });
    for (const node of nodes) {
      const r = nodeRadius(node);
      const g = svg("g", {
        class: "node", "data-iri": node.iri, "data-attacks": node.attacks, tabindex: 0, role: "link", cursor: "pointer",
      }, title(node.label + " (" + KIND_LABELS[node.kind] + "): " + plural(node.attacks, "attack")));
      g.append(svg("circle", { cx: node.x, cy: node.y, r: r, fill: KIND_COLOURS[node.kind], "fill-opacity": 0.9, stroke: "#222" }));
      g.append(svg("text", {
        x: node.x, y: round(node.y + r + 13), "text-anchor": "middle", "font-size": 11, fill: "#222",
        stroke: "#ffffff", "stroke-width": 3, "paint-order": "stroke", "stroke-linejoin": "round",
      }, node.label + (node.attacks ? " (" + node.attacks + ")" : "")));
      const open = () => {
        if (config.links === "local") window.location.href = hrefFor(node.iri);
        else showDetails("network", actorPanel(node, allEdges, allNodes));
      };
      g.addEventListener("click", open);
      g.addEventListener("keydown", (event) => { if (event.key === "Enter") open(); });
      nodeLayer.append(g);
    }
    root.append(nodeLayer);
    holder.replaceChildren(root);
    const kinds = KIND_ORDER.filter((k) => nodes.some((node) => node.kind === k));
    const entries = kinds.map((k) => ({
      label: KIND_LABELS[k], swatch: svg("circle", { cx: 7, cy: 7, r: 6, fill: KIND_COLOURS[k], stroke: "#222" }),
    }));
    for (const relation of Object.keys(RELATION_LABELS).filter((r) => edges.some((e) => e.relation === r))) {
      entries.push({
        label: RELATION_LABELS[relation],
        swatch: svg("line", { x1: 0, y1: 7, x2: 15, y2: 7, stroke: RELATION_COLOURS[relation], "stroke-width": 2 }),
      });
    }
    entries.push({ label: "only in articles", swatch: svg("line", { x1: 0, y1: 7, x2: 15, y2: 7, stroke: "#555", "stroke-width": 2, "stroke-dasharray": "5 3" }) });
    entries.push({ label: "size: attacks named for", swatch: svg("circle", { cx: 7, cy: 7, r: 6, fill: "none", stroke: "#222" }) });
    legendBox(root, legend(14, 24, "Actors and links", entries), 6);
    holder.dataset.nodes = String(nodes.length);
    holder.dataset.edges = String(edges.length);
    status("network", plural(nodes.length, "actor") + ", " + plural(edges.length, "link") +
      (hidden ? "; " + plural(hidden, "more actor") + " with attacks and no links not drawn" : "") +
      (config.links === "local" ? "; click an actor for its page" : "; click an actor for its links and attacks"));
    holder.dataset.ready = "true";
  }

  // In a report there are no entity pages: an actor's links and attacks are shown beside the network.
  function actorPanel(node, edges, nodes) {
    const labels = new Map(nodes.map((n) => [n.iri, n.label]));
    const mine = edges.filter((e) => e.source === node.iri || e.target === node.iri);
    const items = mine.map((e) => el("li", {},
      labels.get(e.source) || e.source, " ", el("em", {}, RELATION_LABELS[e.relation] || e.relation), " ",
      labels.get(e.target) || e.target,
      el("span", { class: "source" }, " (" + (e.inReference ? "reference data" : "") +
        (e.inReference && e.articles ? ", " : "") + (e.articles ? plural(e.articles, "article") : "") + ")")));
    const box = el("div", {},
      el("h3", {}, node.label), el("p", {}, KIND_LABELS[node.kind] + ", ", link(node.iri, node.iri)),
      items.length ? el("ul", {}, ...items) : el("p", {}, "No links to other actors."));
    attacks().then((all) => {
      const named = all.filter((a) => a.actors.some((x) => x.actor === node.iri));
      if (named.length) box.append(attackList(named, plural(named.length, "attack") + " naming " + node.label));
    });
    return box;
  }

  // ------------------------------------------------------------------ saving as SVG or PNG

  function serialize(root) {
    const copy = root.cloneNode(true);
    copy.setAttribute("xmlns", SVG_NS);
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(copy);
  }

  function save(blob, name) {
    const url = URL.createObjectURL(blob);
    const a = el("a", { href: url, download: name });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }

  function png(root, scale) {
    return new Promise((resolve, reject) => {
      const image = new Image();
      const width = Number(root.getAttribute("width")), height = Number(root.getAttribute("height"));
      image.onload = () => {
        const canvas = document.createElement("canvas");
        canvas.width = width * scale;
        canvas.height = height * scale;
        const context = canvas.getContext("2d");
        context.fillStyle = "#ffffff";
        context.fillRect(0, 0, canvas.width, canvas.height);
        context.drawImage(image, 0, 0, canvas.width, canvas.height);
        canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error("no PNG"))), "image/png");
      };
      image.onerror = () => reject(new Error("the SVG could not be drawn"));
      image.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(serialize(root));
    });
  }

  for (const button of document.querySelectorAll("button[data-save]")) {
    button.addEventListener("click", async () => {
      const view = button.dataset.saveView;
      const root = document.querySelector('div[data-view="' + view + '"] svg');
      if (!root) return;
      const name = "kg-" + view + "." + button.dataset.save;
      if (button.dataset.save === "svg") {
        save(new Blob([serialize(root)], { type: "image/svg+xml" }), name);
      } else {
        try {
          save(await png(root, 2), name);
        } catch (err) {
          status(view, String(err.message || err), true);
        }
      }
    });
  }

  // ------------------------------------------------------------------ start

  const starters = { map: initMap, timeline: initTimeline, network: initNetwork };
  for (const holder of document.querySelectorAll("div[data-view]")) {
    const view = holder.dataset.view;
    status(view, "Loading…");
    starters[view]().catch((err) => {
      status(view, String(err.message || err), true);
      holder.dataset.ready = "error";
    });
  }
  window.kgViews = { serialize: serialize, png: png };
})();
