// Dossier's search page. Every state is a URL (query, filters, view), so back and forward work and a URL can be
// shared. Text from the corpus is only ever put in the page as text nodes, never as markup.
"use strict";

const MULTI = ["year", "topic", "section", "entity", "file", "action", "plover", "language"];
const SELECTION = ["q", ...MULTI, "from", "to"];
const PAGE = 20;
const FACETS = 100;         // values of each facet in the sidebar…
const ENTITY_FACETS = 25;   // …but people, places and organizations this many each,
const EVERY_YEAR = 10000;   // and every year in the histogram
const EVENTS_PAGE = 100;
const KINDS = { person: "facet-people", place: "facet-places", organization: "facet-organizations" };

const $ = (selector) => document.querySelector(selector);

/** An element with attributes (`on…` are listeners) and children (strings become text nodes). */
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else if (key === "class") node.className = value;
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function params() { return new URLSearchParams(location.search); }

/** The API's query string for the current selection (and `extra`). */
function apiQuery(p, extra = {}) {
  const out = new URLSearchParams();
  for (const name of SELECTION) for (const v of p.getAll(name)) if (v !== "") out.append(name, v);
  for (const [k, v] of Object.entries(extra)) out.set(k, v);
  return out.toString().replace(/\+/g, "%20");
}

async function api(path) {
  const response = await fetch(path, { headers: { Accept: "application/json" } });
  const body = await response.json().catch(() => ({ error: `HTTP ${response.status}` }));
  if (!response.ok) throw Object.assign(new Error(body.error || `HTTP ${response.status}`), { status: response.status });
  return body;
}

/** How many of the page's own states lie behind this one in the tab's history (0: the page was opened here, so
 * history.back() would leave it). */
const depth = () => (history.state && history.state.depth) || 0;

/** Goes to a new state: a new history entry, or (while typing) the same one replaced. */
function go(p, { replace = false, typed = false } = {}) {
  const query = p.toString();
  const url = query ? `/?${query}` : "/";
  if (replace) history.replaceState({ depth: depth() }, "", url); else history.pushState({ depth: depth() + 1 }, "", url);
  render({ typed });
}

/** Leaves a passage or an entity (← Back, Escape): back in history when the page itself came from there, else to
 * the search its URL implies (a passage opened from a link in a new tab). */
function leave() {
  if (depth() > 0) { history.back(); return; }
  const p = params();
  p.delete("passage");
  p.delete("about");
  go(p);
}

/** The current state with one change, back on the result list unless `keepView`. */
function changed(edit, { keepView = false } = {}) {
  const p = params();
  p.delete("offset");
  if (!keepView) { p.delete("passage"); p.delete("about"); }
  edit(p);
  return p;
}

// A filter changed on a passage or an entity goes back to the (filtered) results; the timeline and events views
// stay themselves.
function toggle(name, value) {
  go(changed((p) => {
    const values = p.getAll(name);
    p.delete(name);
    if (values.includes(value)) values.filter((v) => v !== value).forEach((v) => p.append(name, v));
    else [...values, value].forEach((v) => p.append(name, v));
  }));
}

// MARK: rendering

let generation = 0;  // answers to an older state are dropped
let shown = { view: null, search: null, offset: null };  // the state last put on screen
let cameFrom = null;  // the hit a passage was opened from: { search, id }, to give it focus again on the way back

/** Puts the state of the URL on screen; `typed`: the state the search box holds (its text is left alone). */
async function render({ typed = false } = {}) {
  const p = params();
  const mine = ++generation;
  const q = $("#q");
  if (!typed) q.value = p.get("q") || "";
  $("#from").value = p.get("from") || "";
  $("#to").value = p.get("to") || "";
  const view = p.get("passage") ? "passage" : p.get("about") ? "entity"
    : p.get("view") === "timeline" ? "timeline" : p.get("view") === "events" ? "events" : "passages";
  for (const a of document.querySelectorAll("#views a")) {
    a.href = "/?" + apiQuery(p, a.dataset.view ? { view: a.dataset.view } : {});
    if ((a.dataset.view || "passages") === view) a.setAttribute("aria-current", "page"); else a.removeAttribute("aria-current");
  }
  renderChips(p);
  const status = $("#status");
  const content = $("#content");
  try {
    const search = api(`/api/search?${apiQuery(p, { limit: view === "passages" ? PAGE : 0, offset: view === "passages" ? p.get("offset") || 0 : 0,
      facets: FACETS, "year-facets": EVERY_YEAR, "entity-facets": ENTITY_FACETS })}`);
    let body;
    if (view === "passage") body = await passageView(p.get("passage"));
    else if (view === "entity") body = await entityView(p.get("about"));
    else if (view === "timeline") body = await timelineView(p);
    else if (view === "events") body = await eventsView(p);
    const result = await search;
    if (mine !== generation) return;
    renderFacets(result, p);
    if (view === "passages") body = answerCard(result.answer) ? el("div", {}, answerCard(result.answer), resultsView(result, p)) : resultsView(result, p);
    status.textContent = view === "passages" ? summary(result, p) : "";
    if (view === "passages" && result.total === 0 && hasFilters(p)) {
      body = el("p", {}, link("Search without the filters", () => { const q = new URLSearchParams(); if (p.get("q")) q.set("q", p.get("q")); return q; }, { id: "clear-filters" }));
    }
    content.replaceChildren(body);
    $("#print-query").textContent = printSummary(p);
    placeFocus(view, p);
    document.body.dataset.rendered = location.search;  // the state on screen (the browser tests wait for it)
    document.title = (p.get("q") ? `${p.get("q")} – ` : "") + "Dossier";
  } catch (error) {
    if (mine !== generation) return;
    status.textContent = "";
    const unknown = view === "entity" && error.status === 404;
    content.replaceChildren(unknown ? el("article", { id: "entity" }, backButton(), el("h2", { tabindex: "-1" }, p.get("about")), el("p", { class: "error", role: "alert" }, "unknown entity: no gazetteer and no passage names it"))
      : el("p", { class: "error", role: "alert" }, error.message));
    placeFocus(view, p);
    document.body.dataset.rendered = location.search;
  }
}

/** After a new view (a passage, an entity, another page of results): the top of it on screen and its heading
 * focused; back on the results from a passage: the hit it was opened from focused. Never while typing. */
function placeFocus(view, p) {
  const before = shown;
  const offset = p.get("offset") || "0";
  shown = { view, search: location.search, offset };
  if (document.activeElement === $("#q") || before.search === location.search) return;
  if (view === "passage" || view === "entity") {
    window.scrollTo(0, 0);
    const heading = document.querySelector("#content h2");
    if (heading) heading.focus({ preventScroll: true });
  } else if (before.view === "passage" && cameFrom && cameFrom.search === location.search) {
    const hit = [...document.querySelectorAll(".open-passage")].find((a) => a.dataset.id === cameFrom.id);
    if (hit) { hit.focus({ preventScroll: true }); hit.scrollIntoView({ block: "center" }); }
  } else if (before.view === view && before.offset !== offset) {
    window.scrollTo(0, 0);
    $("#main").focus({ preventScroll: true });
  }
}

const FILTERS = ["year", "topic", "section", "entity", "file", "action", "plover", "language", "from", "to"];
const hasFilters = (p) => FILTERS.some((name) => p.getAll(name).some((v) => v !== ""));

/** The filters in words: "year 2014, topic Trade, years 2010–2016". */
function filterWords(p) {
  const words = [];
  for (const name of MULTI) for (const value of p.getAll(name)) words.push(`${name} ${value}`);
  if (p.get("from") || p.get("to")) words.push(`years ${p.get("from") || "…"}–${p.get("to") || "…"}`);
  return words.join(", ");
}

/** What was searched, for print (the search box and the chips' buttons are not printed). */
function printSummary(p) {
  const filters = filterWords(p);
  return [p.get("q") ? `Search: “${p.get("q")}”` : "Every passage", filters ? `filters: ${filters}` : ""].filter(Boolean).join(" · ");
}

function summary(result, p) {
  if (result.total === 0) {
    const filters = hasFilters(p) ? ` with the filters ${filterWords(p)}` : "";
    return (p.get("q") ? `No passages match “${result.query}”` : "No passages match") + filters + ".";
  }
  const from = result.offset + 1, to = result.offset + result.hits.length;
  let text = `${result.total_exact ? "" : "About "}${result.total} passage${result.total === 1 ? "" : "s"}`;
  if (result.hits.length) text += `, showing ${from}–${to}`;
  if (result.corrected) text += ` (no good match; showing “${result.corrected}”)`;
  if (result.relaxed) text += " (no passage has every word: passages with any of them)";
  return text + ".";
}

function renderChips(p) {
  const chips = [];
  const chip = (label, remove) => el("span", { class: "chip" }, label,
    el("button", { type: "button", "aria-label": `Remove filter ${label}`, title: "Remove", onclick: remove }, "×"));
  for (const name of MULTI) for (const value of p.getAll(name)) chips.push(chip(`${name}: ${value}`, () => toggle(name, value)));
  if (p.get("from") || p.get("to")) {
    chips.push(chip(`years ${p.get("from") || "…"}–${p.get("to") || "…"}`, () => go(changed((q) => { q.delete("from"); q.delete("to"); }))));
  }
  $("#chips").replaceChildren(...chips);
}

function facetButton(name, value, count, label = value) {
  const active = params().getAll(name).includes(value);
  return el("li", {}, el("button", { type: "button", "aria-pressed": active ? "true" : "false", onclick: () => toggle(name, value) },
    el("span", {}, label), el("span", { class: "count" }, count)));
}

function renderFacets(result, p) {
  const f = result.facets;
  // years: one bar a year from the first to the last (gaps as empty bars), a click filters on that year
  const years = f.year.map((v) => ({ year: Number(v.value), count: v.count })).sort((a, b) => a.year - b.year);
  const histogram = $("#histogram");
  histogram.replaceChildren();
  histogram.classList.toggle("dense", years.length > 0 && years[years.length - 1].year - years[0].year > 100);
  if (years.length) {
    const max = Math.max(...years.map((y) => y.count));
    const counts = new Map(years.map((y) => [y.year, y.count]));
    const first = years[0].year, last = years[years.length - 1].year;
    const span = last - first <= 300 ? Array.from({ length: last - first + 1 }, (_, i) => first + i) : years.map((y) => y.year);
    for (const year of span) {
      const count = counts.get(year) || 0;
      const bar = el("button", {
        type: "button", title: `${year}: ${count} passage${count === 1 ? "" : "s"}`, "aria-label": `${year}: ${count} passages`,
        "aria-pressed": p.getAll("year").includes(String(year)) ? "true" : "false", "data-year": year,
        disabled: count === 0, onclick: () => toggle("year", String(year)),
      });
      bar.style.height = `${Math.max(count ? 4 : 0, Math.round((count / max) * 100))}%`;
      histogram.append(bar);
    }
  }
  const axis = $("#histogram-axis") || el("div", { id: "histogram-axis" });
  axis.replaceChildren(el("span", {}, years.length ? years[0].year : ""), el("span", {}, years.length ? years[years.length - 1].year : ""));
  histogram.after(axis);
  const list = (id, name, values, label) => {
    const ul = document.querySelector(`#${id} ul`);
    ul.replaceChildren(...values.map((v) => facetButton(name, v.value, v.count, label ? label(v) : v.value)));
    document.getElementById(id).hidden = values.length === 0;
  };
  list("facet-topics", "topic", f.topic);
  list("facet-sections", "section", f.section);
  for (const [kind, id] of Object.entries(KINDS)) list(id, "entity", f.entity.filter((e) => e.kind === kind));
  list("facet-actions", "action", f.action || []);
  list("facet-plover", "plover", f.plover || []);
  list("facet-languages", "language", f.language || []);
}

/** A passage's snippet with its highlights (offsets in Unicode scalars) as <mark>s. */
function snippet(text, highlights) {
  const chars = Array.from(text);
  const out = [];
  let pos = 0;
  for (const [start, length] of highlights) {
    if (start < pos || start + length > chars.length) continue;
    out.push(chars.slice(pos, start).join(""), el("mark", {}, chars.slice(start, start + length).join("")));
    pos = start + length;
  }
  out.push(chars.slice(pos).join(""));
  return out;
}

/** A link to the state `edit` makes of this one, followed in the page (a new tab with Ctrl or ⌘); `attrs.onclick`
 * runs first. */
function link(label, edit, attrs = {}) {
  const p = edit(params());
  const { onclick: first, ...rest } = attrs;
  return el("a", { href: `/?${p.toString()}`, onclick: (e) => { if (e.button === 0 && !e.ctrlKey && !e.metaKey) { e.preventDefault(); if (first) first(e); go(p); } }, ...rest }, label);
}

const openPassage = (id) => (p) => { p.set("passage", id); p.delete("about"); return p; };
const backButton = () => el("button", { type: "button", class: "back", onclick: leave }, "← Back");
const openEntity = (name) => (p) => { p.set("about", name); p.delete("passage"); return p; };

function hitView(hit) {
  return el("article", { class: "hit" },
    el("h3", {}, link(`${hit.file}:${hit.paragraph}${hit.page ? ` p. ${hit.page}` : ""}`, openPassage(hit.id),
      { class: "open-passage", "data-id": hit.id, onclick: () => { cameFrom = { search: location.search, id: hit.id }; } })),
    el("div", { class: "meta" },
      el("span", {}, hit.topics.join(", ")),
      hit.section ? el("span", {}, `§ ${hit.section}`) : null,
      hit.years.length ? el("span", {}, yearList(hit.years)) : null),
    el("p", { class: "snippet" }, snippet(hit.snippet, hit.highlights)));
}

function resultsView(result, p) {
  const offset = Number(p.get("offset") || 0);
  const pager = el("div", { class: "pager" });
  if (offset > 0) pager.append(pageButton("← Previous", Math.max(0, offset - PAGE)));
  if (offset + result.hits.length < result.total) pager.append(pageButton("Next →", offset + PAGE));
  return el("div", { id: "results" }, result.hits.map(hitView), pager);
}

/** A pager's button: the same state at another offset. */
function pageButton(label, to) {
  return el("button", { type: "button", onclick: () => go(changed((q) => { if (to > 0) q.set("offset", to); }, { keepView: true })) }, label);
}

function yearList(years) {
  const parts = [];
  for (let i = 0; i < years.length;) {
    let j = i;
    while (j + 1 < years.length && years[j + 1] === years[j] + 1) j++;
    parts.push(j - i >= 2 ? `${years[i]}–${years[j]}` : years.slice(i, j + 1).join(", "));
    i = j + 1;
  }
  return parts.join(", ");
}

/** The names an entity may be written as in a passage: its name, its other names in the gazetteers, and a
 * person's surname alone ("Verhofstadt" for Guy Verhofstadt). */
function entityNames(entity, aliases) {
  const names = [entity.name, ...aliases];
  const words = entity.name.split(/\s+/);
  if (entity.kind === "person" && words.length > 1 && Array.from(words[words.length - 1]).length > 2) names.push(words[words.length - 1]);
  return names;
}

/** The passage's text with the words that gave its entities and years marked (why it has those tags). Matched
 * in the text as it is (any case, whole words): offsets are the text's own, whatever lowercasing would do to its
 * length ("İ"). `aliases`: each entity's other names, by its name. */
function taggedText(record, aliases = {}) {
  const needles = [];
  for (const e of record.entities) for (const name of entityNames(e, aliases[e.name] || [])) needles.push({ text: name, title: `${e.kind}: ${e.name}` });
  for (const y of record.years) needles.push({ text: String(y), title: `year ${y}` });
  const text = record.text;
  const marks = [];
  for (const n of needles) {
    if (!n.text) continue;
    const escaped = n.text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, "giu");
    for (const m of text.matchAll(pattern)) marks.push({ start: m.index, end: m.index + m[0].length, title: n.title });
  }
  marks.sort((a, b) => a.start - b.start || b.end - a.end);
  const out = [];
  let pos = 0;
  for (const m of marks) {
    if (m.start < pos) continue;
    out.push(text.slice(pos, m.start), el("span", { class: "tagged", title: m.title }, text.slice(m.start, m.end)));
    pos = m.end;
  }
  out.push(text.slice(pos));
  return out;
}

async function passageView(id) {
  const record = await api(`/api/passage/${encodeURIComponent(id)}`);
  const neighbour = async (n) => {
    if (n < 1) return null;
    try { return await api(`/api/passage/${encodeURIComponent(`${record.file}#${n}`)}`); } catch { return null; }
  };
  const names = async (e) => {
    try { return [e.name, (await api(`/api/entity?${new URLSearchParams({ name: e.name }).toString().replace(/\+/g, "%20")}`)).aliases]; } catch { return [e.name, []]; }
  };
  const [before, after, ...known] = await Promise.all([neighbour(record.paragraph - 1), neighbour(record.paragraph + 1), ...record.entities.map(names)]);
  const entityItems = record.entities.map((e) => el("li", {}, link(e.name, openEntity(e.name), { class: "open-entity" }), ` (${e.kind})`));
  const side = (label, r) => el("div", {}, el("div", { class: "meta" }, label),
    r ? [link(`${r.file}:${r.paragraph}`, openPassage(r.id)), el("p", {}, r.text.length > 300 ? r.text.slice(0, 300) + "…" : r.text)] : el("p", { class: "meta" }, "(none)"));
  return el("article", { id: "passage" },
    backButton(),
    el("h2", { tabindex: "-1" }, `${record.file}:${record.paragraph}`),
    el("p", { class: "meta" }, link(record.file, (p) => { const q = new URLSearchParams(); q.append("file", record.file); return q; }, { title: "Every passage of this file" }),
      `${record.page ? `, page ${record.page}` : ""}, line ${record.line} · paragraph ${record.paragraph} · id ${record.id}`),
    el("p", { class: "passage-text" }, taggedText(record, Object.fromEntries(known))),
    el("dl", { class: "tags" },
      el("dt", {}, record.topics.length === 1 ? "Topic" : "Topics"), el("dd", {}, record.topics.map((t, i) => [i ? ", " : "", link(t, (p) => { p.delete("passage"); p.delete("offset"); p.set("topic", t); return p; })])),
      record.section ? [el("dt", {}, "Section"), el("dd", {}, record.section)] : null,
      record.years.length ? [el("dt", {}, "Years"), el("dd", {}, yearList(record.years), el("span", { class: "why" }, " (marked in the text)"))] : null,
      record.entities.length ? [el("dt", {}, "Entities"), el("dd", {}, el("ul", {}, entityItems), el("span", { class: "why" }, "Names found in the text are underlined."))] : null,
      record.events.length ? [el("dt", {}, "Dated events"), el("dd", {}, el("ul", { class: "events" },
        record.events.map((e) => el("li", {}, el("strong", {}, e.date), " ", e.sentence))))] : null),
    el("div", { class: "neighbours" }, side("Before", before), side("After", after)));
}

function eventsByYear(events) {
  const groups = new Map();
  for (const e of events) {
    const year = e.date.slice(0, e.date.indexOf("-") > 0 ? e.date.indexOf("-") : undefined);
    if (!groups.has(year)) groups.set(year, []);
    groups.get(year).push(e);
  }
  return [...groups].map(([year, list]) => el("section", { class: "year-group" }, el("h3", {}, year),
    el("ol", {}, list.map((e) => el("li", {}, el("strong", {}, e.date), " ", e.sentence, " ",
      link(`${e.file}:${e.paragraph}`, openPassage(e.id), { class: "meta" }))))));
}

async function timelineView(p) {
  const { events } = await api(`/api/timeline?${apiQuery(p)}`);
  if (!events.length) return el("p", {}, "No dated events match.");
  return el("div", { id: "timeline" }, el("p", { class: "meta" }, `${events.length} dated event${events.length === 1 ? "" : "s"}, oldest first.`), eventsByYear(events));
}

// The answers of a search that is a question ("Who visited Belgium in 2015?"), with their sentences.
function answerCard(card) {
  if (!card || !card.answers || !card.answers.length) return null;
  return el("section", { id: "answer", class: "answer", "aria-label": "Answer" }, el("h2", {}, "Answer"),
    el("ol", {}, card.answers.map((a) => el("li", {}, el("strong", {}, a.answer), el("span", { class: "meta" }, ` ${a.kind}, ${a.count} sentence${a.count === 1 ? "" : "s"}`),
      el("ul", {}, a.evidence.slice(0, 3).map((e) => el("li", {}, e.date ? el("strong", {}, e.date + " ") : "", e.sentence, " ",
        link(`${e.file}:${e.paragraph}`, openPassage(e.id), { class: "meta" }))))))));
}

function actors(list) {
  return list.length ? list.map((a) => a.name + (a.country ? ` (${a.country})` : "")).join(" + ") : "—";
}

// The coded events of the search, grouped by year: who did what to whom, the codes, and the sentence.
async function eventsView(p) {
  const offset = Number(p.get("offset") || 0);
  const { total, events } = await api(`/api/events?${apiQuery(p, { limit: EVENTS_PAGE, offset })}`);
  if (!events.length) return el("p", {}, offset ? `No events past the first ${total}.` : "No events match.");
  const pager = el("div", { class: "pager" });
  if (offset > 0) pager.append(pageButton("← Previous", Math.max(0, offset - EVENTS_PAGE)));
  if (offset + events.length < total) pager.append(pageButton("Next →", offset + EVENTS_PAGE));
  const groups = new Map();
  for (const e of events) {
    const year = e.date ? e.date.slice(0, 4) : "Undated";
    if (!groups.has(year)) groups.set(year, []);
    groups.get(year).push(e);
  }
  return el("div", { id: "events" }, el("p", { class: "meta" }, `${total} event${total === 1 ? "" : "s"}${total > events.length ? `, showing ${offset + 1}–${offset + events.length}` : ""}, oldest first, coded in CAMEO and PLOVER.`),
    [...groups].map(([year, list]) => el("section", { class: "year-group" }, el("h3", {}, year),
      el("ol", {}, list.map((e) => el("li", { class: "event" },
        el("strong", {}, e.date || ""), " ", `${actors(e.source)} → ${e.action} → ${actors(e.target)}`,
        e.status !== "done" ? el("em", {}, ` (${e.status})`) : "",
        el("span", { class: "meta" }, ` CAMEO ${e.cameo}${e.plover ? ` · PLOVER ${e.plover.event}${e.plover.mode ? "/" + e.plover.mode : ""}` : ""}`),
        el("div", {}, e.sentence, " ", link(`${e.file}:${e.paragraph}`, openPassage(e.passage), { class: "meta" }))))))),
    pager);
}

// An entity under the name it was opened by, or any other of its names ("President Xi": Xi Jinping's page).
async function entityView(name) {
  const query = (fields) => new URLSearchParams(fields).toString().replace(/\+/g, "%20");
  const [about, { events }, names] = await Promise.all([
    api(`/api/search?${query({ entity: name, limit: 0, facets: 30, "year-facets": EVERY_YEAR })}`),
    api(`/api/timeline?${query({ entity: name })}`),
    api(`/api/entity?${query({ name })}`),  // 404: unknown entity
  ]);
  const itself = new Set([name, names.name, ...names.aliases].map((n) => n.toLowerCase()));
  const self = about.facets.entity.find((e) => e.value.toLowerCase() === names.name.toLowerCase()) || about.facets.entity.find((e) => itself.has(e.value.toLowerCase()));
  const others = about.facets.entity.filter((e) => e !== self && !itself.has(e.value.toLowerCase())).slice(0, 15);
  const years = about.facets.year.map((y) => Number(y.value)).sort((a, b) => a - b);
  return el("article", { id: "entity" },
    backButton(),
    el("h2", { tabindex: "-1" }, names.name),
    names.aliases.length ? el("p", { class: "aliases" }, "Also written: ", names.aliases.join(", ")) : null,
    el("p", { class: "meta" }, `${self ? self.kind : names.kind} · ${about.total} passage${about.total === 1 ? "" : "s"}`,
      years.length ? ` · years ${yearList(years)}` : ""),
    el("p", {}, link("Search its passages", (p) => { const q = new URLSearchParams(); q.append("entity", name); return q; })),
    others.length ? [el("h3", {}, "Appears most with"), el("ul", {}, others.map((e) => el("li", {}, link(e.value, openEntity(e.value), { class: "open-entity" }), ` (${e.kind}) `, el("span", { class: "count" }, e.count))))] : null,
    el("h3", {}, "Timeline"),
    events.length ? eventsByYear(events) : el("p", { class: "meta" }, "No dated events name it."));
}

// MARK: wiring

let typing;         // the pause being waited for
let typedState = false;  // whether the state on screen is one typed in this burst of typing (replaced, not pushed)
let burst;          // the end of the burst: a second without typing
document.addEventListener("DOMContentLoaded", () => {
  const q = $("#q");
  const typed = () => changed((p) => { if (q.value) p.set("q", q.value); else p.delete("q"); });
  q.addEventListener("input", () => {
    clearTimeout(typing);
    clearTimeout(burst);
    // instant search: a new state after a pause in typing, its own history entry (the search before it stays one
    // back), replaced while the typing goes on
    typing = setTimeout(() => {
      go(typed(), { replace: typedState, typed: true });
      typedState = true;
      burst = setTimeout(() => { typedState = false; }, 1000);
    }, 200);
  });
  q.addEventListener("blur", () => { typedState = false; });
  $("#search-form").addEventListener("submit", (e) => {
    e.preventDefault();
    clearTimeout(typing);
    if (params().get("q") !== (q.value || null) || params().get("passage") || params().get("about")) go(typed(), { replace: typedState });
    typedState = false;
  });
  $("#range").addEventListener("submit", (e) => {
    e.preventDefault();
    const from = $("#from").value.trim(), to = $("#to").value.trim();
    go(changed((p) => { if (from) p.set("from", from); else p.delete("from"); if (to) p.set("to", to); else p.delete("to"); }));
  });
  for (const a of document.querySelectorAll("#views a, #home")) {
    a.addEventListener("click", (e) => { if (e.button === 0 && !e.ctrlKey && !e.metaKey) { e.preventDefault(); history.pushState({ depth: depth() + 1 }, "", a.getAttribute("href")); render(); } });
  }
  document.addEventListener("keydown", (e) => {
    if (e.key === "/" && document.activeElement !== q && !/^(INPUT|TEXTAREA)$/.test(document.activeElement.tagName)) { e.preventDefault(); q.focus(); q.select(); }
    // Escape closes a passage or an entity, and only that (in the search box too: the query stays)
    if (e.key === "Escape" && (params().get("passage") || params().get("about"))) { e.preventDefault(); leave(); }
  });
  $("#skip").addEventListener("click", (e) => { e.preventDefault(); $("#main").focus(); $("#main").scrollIntoView(); });
  window.addEventListener("popstate", () => { clearTimeout(typing); typedState = false; render(); });
  render();
});
