// One journey: the swimlane map (the server's SVG, made keyboard-reachable), a list of
// the same steps and hand-overs, and a side panel with the chosen element's fields, its
// findings, the evidence tied to it and what to ask at the next interview.

import { ApiError, download, getJSON, getText, path } from "./api.js";
import { clear, crumbs, h, replace } from "./dom.js";
import { evidenceList, findingCard, focusFinding, loadRules, ruleLabel, severityBadge, signed } from "./findings.js";
import { label, lang, severities, t } from "./i18n.js";
import { compareHref, conformanceHref, journeyHref, projectHref } from "./links.js";
import { printCrop, savePng, saveSvg } from "./mapfile.js";

/** XLSX is the media type of a journey as a workbook. */
export const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const ZOOMS = [0.5, 0.67, 0.8, 1, 1.25, 1.5, 2];
// The map's zoom, kept while the user moves between journeys. "fit" (the start) fits the
// map to the width it has, but never below 100 %, where its smallest text reads as 12 px:
// a map wider than that scrolls sideways instead of shrinking.
const view = { zoom: "fit" };

/** journeyView shows one journey's map and, when an element is chosen, its panel. */
export async function journeyView(ctx, projectId, journeyId) {
  const base = path`/projects/${projectId}/journeys/${journeyId}`;
  const opts = { signal: ctx.signal };
  const loadReport = () => getJSON(`${base}/gaps`, opts);
  const loadDiagram = () => getText(`${base}/diagram`, { ...opts, query: { format: "svg", lang: lang() }, accept: "image/svg+xml" })
    .catch((err) => (err instanceof ApiError && err.status !== 401 ? err : Promise.reject(err)));
  const [project, doc, report, rules, diagram] = await Promise.all([
    getJSON(path`/projects/${projectId}`, opts), getJSON(base, opts), loadReport(), loadRules(), loadDiagram(),
  ]);
  if (!ctx.current()) return;

  const index = indexJourney(doc);
  const state = { report, selected: null, opener: null };
  const title = doc.title || doc.id;
  ctx.setTitle(title);

  const mapScroll = h("div", { class: "map-scroll" });
  const zoomLabel = h("span", { class: "zoom-label", "aria-live": "polite" });
  const panel = h("aside", { class: "panel", id: "panel", "aria-labelledby": "panel-heading", hidden: true });
  const layout = h("div", { class: "journey-layout" });
  const listBox = h("details", { class: "element-list" });
  const summary = h("div", { class: "severity-summary" });

  // The map ------------------------------------------------------------------------------
  function showDiagram(result) {
    clear(mapScroll);
    if (result instanceof Error) {
      mapScroll.append(h("p", { class: "notice" }, t("journey.diagramMissing", { detail: result.message })));
      listBox.open = true;
      return;
    }
    let svg;
    try {
      svg = prepareSvg(result, index, title);
    } catch (err) {
      mapScroll.append(h("p", { class: "notice" }, t("journey.diagramMissing", { detail: err.message })));
      listBox.open = true;
      return;
    }
    mapScroll.append(svg);
    applyZoom();
    highlight();
  }

  function svgRoot() {
    return mapScroll.querySelector("svg");
  }

  // The map grows with the page's text size ("Stor text", the browser's font size), so
  // that 100 % reads as well as the text around it.
  function applyZoom() {
    const svg = svgRoot();
    zoomLabel.textContent = view.zoom === "fit" ? t("journey.zoomFit") : `${Math.round(view.zoom * 100)} %`;
    if (!svg) return;
    const textScale = parseFloat(getComputedStyle(document.documentElement).fontSize) / 16 || 1;
    const natural = naturalSize(svg);
    const width = natural.width * textScale;
    const height = natural.height * textScale;
    let zoom = view.zoom;
    if (zoom === "fit") {
      zoom = Math.max(1, (mapScroll.clientWidth - 2) / width);
      zoomLabel.textContent = t("journey.zoomFitted", { pct: Math.round(zoom * 100) });
    }
    svg.style.width = `${width * zoom}px`;
    svg.style.height = `${height * zoom}px`;
  }

  function zoomBy(step) {
    const current = view.zoom === "fit" ? 1 : view.zoom;
    const i = ZOOMS.indexOf(current);
    view.zoom = ZOOMS[Math.min(ZOOMS.length - 1, Math.max(0, (i < 0 ? 3 : i) + step))];
    applyZoom();
  }

  function onMapActivate(e) {
    const target = e.target.closest?.("[data-step], [data-handover], [data-finding], .cluster > .sum");
    if (!target) return;
    if (e.type === "keydown") {
      if (e.key !== "Enter" && e.key !== " ") return;
      e.preventDefault();
    }
    if (target.dataset.finding !== undefined) {
      selectFinding(target);
      return;
    }
    // A cluster's marker opens its list of numbered findings (it opens on hover and
    // focus as well) and the panel of the element it sits on.
    if (target.classList.contains("sum")) {
      const cluster = target.parentNode;
      for (const c of mapScroll.querySelectorAll(".cluster.open")) if (c !== cluster) c.classList.remove("open");
      cluster.classList.add("open");
      target.setAttribute("aria-expanded", "true");
      const on = cluster.dataset.on;
      if (index.elements.has(on)) select(on, { opener: target, focus: false });
      return;
    }
    const id = target.dataset.step || target.dataset.handover;
    if (state.selected === id) close();
    else select(id, { opener: target });
  }

  // A finding marker (or legend entry) n stands for the report's n-th finding; it sits on
  // the element data-on names, else on the finding's first step or hand-over.
  function selectFinding(marker) {
    const f = state.report.findings[Number(marker.dataset.finding) - 1];
    const ok = f && (!marker.dataset.rule || marker.dataset.rule === f.rule);
    const on = marker.dataset.on || (ok ? [...(f.subject || []), ...(f.path || [])].find((x) => index.elements.has(x)) : null);
    if (on) select(on, { opener: marker, fingerprint: ok ? f.fingerprint : null });
  }

  function highlight() {
    const svg = svgRoot();
    for (const el of mapScroll.querySelectorAll(".is-selected")) el.classList.remove("is-selected");
    for (const el of svg ? svg.querySelectorAll("[data-step], [data-handover]") : []) {
      el.setAttribute("aria-pressed", String((el.dataset.step || el.dataset.handover) === state.selected));
    }
    for (const el of listBox.querySelectorAll("button[data-id]")) {
      el.setAttribute("aria-pressed", String(el.dataset.id === state.selected));
    }
    for (const c of mapScroll.querySelectorAll(".cluster.open")) {
      if (c.dataset.on === state.selected) continue;
      c.classList.remove("open");
      c.querySelector(".sum")?.setAttribute("aria-expanded", "false");
    }
    if (!state.selected) return;
    const el = elementInMap(svg, state.selected);
    if (el) {
      el.classList.add("is-selected");
      scrollWithin(mapScroll, el);
    }
  }

  // Selection and the panel --------------------------------------------------------------
  function select(id, { opener = null, fingerprint = null, focus = true } = {}) {
    state.selected = id;
    state.opener = opener;
    history.replaceState(null, "", journeyHref(projectId, journeyId, id));
    renderPanel(fingerprint);
    highlight();
    if (focus) focusPanel();
  }

  // The panel sits beside the map on a wide screen and under it on a narrow one; only
  // there does moving into it need a scroll.
  function focusPanel() {
    panel.querySelector("h2")?.focus({ preventScroll: true });
    const box = panel.getBoundingClientRect();
    if (box.top > window.innerHeight || box.bottom < 0) panel.scrollIntoView({ block: "start" });
  }

  // close hides the panel and gives focus back to what opened it: the element in the map
  // or the list, or, when that was a finding marker or is gone, the element in the map.
  function close() {
    const { opener, selected } = state;
    state.selected = null;
    state.opener = null;
    history.replaceState(null, "", journeyHref(projectId, journeyId));
    panel.hidden = true;
    layout.classList.remove("panel-open");
    applyZoom();
    highlight();
    const focusable = opener?.isConnected && opener.matches("button, [tabindex]") && !opener.closest(".cluster");
    (focusable ? opener : elementInMap(svgRoot(), selected))?.focus({ preventScroll: true });
  }

  function renderPanel(fingerprint) {
    const id = state.selected;
    const el = index.elements.get(id);
    clear(panel);
    panel.hidden = false;
    layout.classList.add("panel-open");
    applyZoom();
    const closeButton = h("button", { type: "button", class: "button small panel-close", on: { click: close } }, t("panel.close"));
    if (!el) {
      panel.append(h("div", { class: "panel-head" }, h("h2", { id: "panel-heading", tabindex: "-1" }, id), closeButton),
        h("p", {}, t("panel.unknownElement")));
      return;
    }
    const findings = findingsFor(state.report.findings, id);
    const unknowns = (state.report.unknowns || []).filter((u) => u.subject === id);
    const insights = (doc.insights || []).filter((i) => (i.about || []).includes(id));
    const triage = ctx.can("triage") ? {
      projectId, notify: ctx.notify, handleError: ctx.handleError,
      onChanged: async (fp) => {
        const [r, d] = await Promise.all([loadReport(), loadDiagram()]);
        state.report = r;
        renderSummary();
        renderPrintList();
        showDiagram(d);
        renderList();
        renderPanel();
        highlight();
        if (panel.querySelector(`[data-fingerprint="${CSS.escape(fp)}"]`)) focusFinding(panel, fp);
        else focusPanel();
      },
    } : null;

    panel.append(
      h("div", { class: "panel-head" },
        h("p", { class: "panel-kind" }, el.kind === "step" ? t("panel.step") : t("panel.handover")),
        h("h2", { id: "panel-heading", tabindex: "-1" }, headline(index, id)),
        closeButton,
        el.kind === "handover" ? h("p", { class: "panel-sub" }, describe(index, id)) : null,
      ),
      h("section", { class: "panel-section", "aria-labelledby": "panel-findings" },
        h("h3", { id: "panel-findings" }, `${t("panel.findings")} (${findings.length})`),
        findings.length
          ? h("div", { class: "finding-list" }, findings.map((f) => findingCard(f, { rules, level: 4, triage })))
          : h("p", {}, t("panel.noFindings")),
      ),
      h("section", { class: "panel-section", "aria-labelledby": "panel-unknowns" },
        h("h3", { id: "panel-unknowns" }, t("panel.unknowns")),
        unknowns.length
          ? h("ul", { class: "questions" }, unknowns.flatMap((u) => (u.questions || []).map((q) => h("li", { text: q }))))
          : h("p", {}, t("panel.noUnknowns")),
      ),
      h("section", { class: "panel-section", "aria-labelledby": "panel-fields" },
        h("h3", { id: "panel-fields" }, t("panel.fields")),
        fieldList(index, el),
      ),
      h("section", { class: "panel-section", "aria-labelledby": "panel-insights" },
        h("h3", { id: "panel-insights" }, t("panel.insights")),
        insights.length ? evidenceList(insights) : h("p", {}, t("panel.noInsights")),
      ),
    );
    if (fingerprint) {
      const card = panel.querySelector(`[data-fingerprint="${CSS.escape(fingerprint)}"]`);
      card?.classList.add("is-target");
      if (card) scrollWithin(panel, card);
    }
  }

  // The list of elements and the summary -------------------------------------------------
  function renderList() {
    const item = (id) => {
      const fs = findingsFor(state.report.findings, id);
      const worst = severities.find((s) => fs.some((f) => f.severity === s));
      return h("li", {}, h("button", { type: "button", class: "element-button", dataset: { id }, "aria-pressed": "false" },
        h("span", {}, describe(index, id)),
        fs.length ? h("span", { class: `count sev-${worst}` }, `${fs.length} ${t("project.findings").toLowerCase()}`) : null,
      ));
    };
    replace(listBox,
      h("summary", {}, t("journey.elements")),
      h("div", { class: "element-columns" },
        h("div", {}, h("h3", {}, t("project.steps")), h("ol", {}, index.stepOrder.map(item))),
        h("div", {}, h("h3", {}, t("project.handovers")), h("ol", {}, (doc.handovers || []).map((x) => item(x.id)))),
      ),
    );
  }

  function renderSummary() {
    const bySeverity = state.report.summary?.bySeverity || {};
    const total = state.report.summary?.total ?? state.report.findings.length;
    replace(summary,
      h("span", { class: "summary-total" }, t("journey.findingsSummary", { n: total })),
      severities.filter((s) => bySeverity[s]).map((s) => h("span", { class: "summary-item" }, severityBadge(s), ` ${bySeverity[s]}`)),
    );
  }

  mapScroll.addEventListener("click", onMapActivate);
  mapScroll.addEventListener("keydown", onMapActivate);
  listBox.addEventListener("click", (e) => {
    const b = e.target.closest("button[data-id]");
    if (!b) return;
    if (state.selected === b.dataset.id) close();
    else select(b.dataset.id, { opener: b });
  });
  window.addEventListener("glapp:textsize", applyZoom, { signal: ctx.signal });
  document.addEventListener("keydown", (e) => {
    if (e.key !== "Escape" || panel.hidden || document.getElementById("dialog").open) return;
    e.preventDefault();
    close();
  }, { signal: ctx.signal });

  // The numbered findings as printed under the map, each with where it sits.
  const printList = h("section", { class: "print-findings", "aria-labelledby": "print-findings-heading" });
  function renderPrintList() {
    const where = (f) => {
      const on = [...(f.subject || []), ...(f.path || [])].find((x) => index.elements.has(x));
      return on ? describe(index, on) : t("journey.wholeJourney");
    };
    replace(printList,
      h("h2", { id: "print-findings-heading" }, t("journey.printFindings")),
      h("ol", {}, state.report.findings.map((f) => h("li", { class: `sev-${f.severity}` },
        h("strong", {}, `${label("severity", f.severity)} · ${ruleLabel(rules, f.rule)}`), " ",
        h("span", { class: "print-where" }, t("journey.findingOn", { on: where(f) })),
        h("p", { text: f.explanation || "" }),
      ))),
    );
  }
  const diagramPath = `${base}/diagram`;
  const saveAs = (fn, ext) => () => fn(diagramPath, lang(), `${journeyId}.${ext}`)
    .then(() => ctx.notify(t("report.downloaded", { file: `${journeyId}.${ext}` })), ctx.handleError);
  let uncrop = () => {};
  window.addEventListener("beforeprint", () => { uncrop = printCrop(svgRoot()); }, { signal: ctx.signal });
  window.addEventListener("afterprint", () => uncrop(), { signal: ctx.signal });
  window.addEventListener("resize", () => { if (view.zoom === "fit") applyZoom(); }, { signal: ctx.signal });

  const projectName = project.name || project.id;
  replace(ctx.main,
    crumbs(t("app.breadcrumb"), [
      { href: "#/", text: t("app.projects") },
      { href: projectHref(projectId), text: projectName },
      { text: title },
    ]),
    h("h1", { tabindex: "-1" }, title),
    h("p", { class: "meta journey-meta" }, [label("journeyKind", doc.kind), doc.targetGroup, doc.ageGroup ? label("ageGroup", doc.ageGroup) : null].filter(Boolean).join(" · ")),
    compareLinks(projectId, doc),
    h("p", { class: "button-row" }, h("button", { type: "button", class: "button small", "data-download": "xlsx", on: { click: () => {
      const file = `${journeyId}.xlsx`;
      download(base, { format: "xlsx", lang: lang() }, file, XLSX).then(() => ctx.notify(t("report.downloaded", { file })), ctx.handleError);
    } } }, t("journey.excel"))),
    doc.persona || doc.description ? h("details", { class: "about" },
      h("summary", {}, t("journey.persona")),
      doc.persona ? h("p", { text: doc.persona }) : null,
      doc.description ? h("p", { text: doc.description }) : null,
    ) : null,
    summary,
    layout,
  );
  layout.append(
    h("section", { class: "map-section", "aria-labelledby": "map-heading" },
      h("div", { class: "map-head" },
        h("h2", { id: "map-heading" }, t("journey.map")),
        h("div", { class: "button-row zoom", role: "group", "aria-label": t("journey.zoom") },
          h("button", { type: "button", class: "button small", on: { click: () => zoomBy(-1) } }, t("journey.zoomOut")),
          h("button", { type: "button", class: "button small", on: { click: () => zoomBy(1) } }, t("journey.zoomIn")),
          h("button", { type: "button", class: "button small", on: { click: () => { view.zoom = "fit"; applyZoom(); } } }, t("journey.zoomFit")),
          zoomLabel,
        ),
        h("div", { class: "button-row map-files", role: "group", "aria-label": t("journey.files") },
          h("button", { type: "button", class: "button small", on: { click: saveAs(saveSvg, "svg") } }, t("journey.downloadSvg")),
          h("button", { type: "button", class: "button small", on: { click: saveAs(savePng, "png") } }, t("journey.downloadPng")),
          h("button", { type: "button", class: "button small", on: { click: () => window.print() } }, t("journey.print")),
        ),
      ),
      h("p", { class: "help" }, t("journey.mapHelp")),
      mapScroll,
      listBox,
      printList,
    ),
    panel,
  );
  renderSummary();
  renderList();
  renderPrintList();
  showDiagram(diagram);
  const wanted = ctx.query.get("select");
  if (wanted) select(wanted, { focus: false, opener: elementInMap(svgRoot(), wanted) });
}

// Helpers ------------------------------------------------------------------------------

/** compareLinks are the ways from a journey into a comparison, by its kind. */
function compareLinks(projectId, doc) {
  const links = [];
  if (doc.basedOn) {
    links.push(h("a", { href: compareHref(projectId, doc.basedOn, doc.id), class: "compare-link" },
      t(doc.kind === "lived" ? "compare.withPlan" : "compare.withBase")));
  }
  if (doc.kind !== "lived") links.push(h("a", { href: conformanceHref(projectId, doc.id), class: "conformance-link" }, t("conformance.link")));
  return h("p", { class: "compare-links" }, links.flatMap((a, i) => (i ? [" · ", a] : [a])));
}

/** indexJourney maps the journey document's ids to what they name. */
function indexJourney(doc) {
  const actors = new Map((doc.actors || []).map((a) => [a.id, a]));
  const stages = new Map((doc.stages || []).map((s) => [s.id, s]));
  const steps = new Map((doc.steps || []).map((s) => [s.id, s]));
  const elements = new Map();
  for (const s of doc.steps || []) elements.set(s.id, { kind: "step", data: s });
  for (const x of doc.handovers || []) elements.set(x.id, { kind: "handover", data: x });
  const stageRank = (s) => stages.get(s.stage)?.order ?? Number.MAX_SAFE_INTEGER;
  const stepOrder = [...(doc.steps || [])].sort((a, b) => stageRank(a) - stageRank(b)).map((s) => s.id);
  return { actors, stages, steps, elements, stepOrder };
}

/** describe names a step by its title, and a hand-over by the steps it joins. */
function describe(index, id) {
  const el = index.elements.get(id);
  if (!el) return id;
  if (el.kind === "step") return el.data.title || id;
  const from = index.steps.get(el.data.from);
  const to = index.steps.get(el.data.to);
  return `${from?.title || el.data.from} → ${to?.title || el.data.to}`;
}

/** headline names a hand-over shortly, by its type and the actors it joins. */
function headline(index, id) {
  const el = index.elements.get(id);
  if (!el || el.kind === "step") return describe(index, id);
  const actor = (stepId) => {
    const a = index.steps.get(stepId)?.actor;
    return index.actors.get(a)?.name || a || stepId;
  };
  return `${label("handoverType", el.data.type)}: ${actor(el.data.from)} → ${actor(el.data.to)}`;
}

/** findingsFor lists the findings about id first, then those whose path passes it. */
function findingsFor(findings, id) {
  const about = findings.filter((f) => (f.subject || []).includes(id));
  const passing = findings.filter((f) => !(f.subject || []).includes(id) && (f.path || []).includes(id));
  return [...about, ...passing];
}

function fieldList(index, el) {
  const d = el.data;
  const unknown = () => h("span", { class: "unknown" }, t("value.unknown"));
  const yesNo = (v) => (v === true ? t("value.yes") : v === false ? t("value.no") : unknown());
  const actor = (id) => (id ? `${index.actors.get(id)?.name || id}${index.actors.get(id)?.sector ? ` (${label("sector", index.actors.get(id).sector)})` : ""}` : unknown());
  const stepAt = (id) => {
    const s = index.steps.get(id);
    return s ? `${s.title} – ${index.actors.get(s.actor)?.name || s.actor}` : id;
  };
  const wait = (w) => (w ? t("field.waitValue", { expected: w.expected ?? t("value.unknown"), observed: w.observed ?? t("value.unknown") }) : unknown());
  const rows = el.kind === "step" ? [
    [t("field.stage"), index.stages.get(d.stage)?.name || d.stage || unknown()],
    [t("field.actor"), actor(d.actor)],
    [t("field.channel"), d.channel ? label("channel", d.channel) : unknown()],
    [t("field.marks"), [d.entry && t("field.entry"), d.terminal && t("field.terminal"), d.crisis && t("field.crisis")].filter(Boolean).join(", ") || "–"],
    [t("field.contactPerson"), actor(d.contactPerson)],
    [t("field.wait"), wait(d.waitDays)],
    [t("field.emotion"), d.emotion === undefined || d.emotion === null ? unknown() : signed(d.emotion)],
    [t("field.id"), d.id],
  ] : [
    [t("field.from"), stepAt(d.from)],
    [t("field.to"), stepAt(d.to)],
    [t("field.type"), label("handoverType", d.type)],
    [t("field.responsible"), actor(d.responsible)],
    [t("field.information"), d.information ? label("information", d.information) : unknown()],
    [t("field.acknowledged"), yesNo(d.acknowledged)],
    [t("field.followUp"), yesNo(d.followUp)],
    [t("field.wait"), wait(d.waitDays)],
    [t("field.id"), d.id],
  ];
  return h("dl", { class: "fields" }, rows.map(([k, v]) => [h("dt", {}, k), h("dd", {}, v)]));
}

/** scrollWithin scrolls box (not the page) so that el is in view, if it is not. */
function scrollWithin(box, el) {
  const b = box.getBoundingClientRect();
  const r = el.getBoundingClientRect();
  const margin = 24;
  if (r.left < b.left || r.right > b.right) box.scrollLeft += r.left - b.left - margin;
  if (r.top < b.top || r.bottom > b.bottom) box.scrollTop += r.top - b.top - margin;
}

export function elementInMap(svg, id) {
  if (!svg || !id) return null;
  const q = CSS.escape(id);
  return svg.querySelector(`[data-step="${q}"], [data-handover="${q}"]`);
}

function naturalSize(svg) {
  const vb = svg.viewBox?.baseVal;
  const width = parseFloat(svg.dataset.naturalWidth) || vb?.width || 1000;
  const height = parseFloat(svg.dataset.naturalHeight) || vb?.height || 600;
  return { width, height };
}

/**
 * prepareSvg parses the server's SVG, drops anything that could run, and makes every step
 * and hand-over a focusable button named by its <title>.
 */
export function prepareSvg(text, index, title) {
  // The page's content security policy refuses inline styles, so the SVG's own <style>
  // would not apply (and parsing it would log a violation); diagram.css carries the same
  // rules, kept fresh by ui/diagram_css_test.go.
  const parsed = new DOMParser().parseFromString(text.replace(/<style[\s\S]*?<\/style>/g, ""), "image/svg+xml");
  const root = parsed.documentElement;
  if (root.localName !== "svg" || parsed.getElementsByTagName("parsererror").length) {
    throw new Error("not an SVG document");
  }
  for (const n of root.querySelectorAll("script, foreignObject, style")) n.remove();
  for (const el of root.querySelectorAll("*")) {
    for (const a of [...el.attributes]) {
      if (/^on/i.test(a.name) || (/href$/i.test(a.name) && /^\s*javascript:/i.test(a.value))) el.removeAttribute(a.name);
    }
  }
  const svg = document.importNode(root, true);
  // Shown at one CSS pixel per user unit at 100 %; the width and height attributes are
  // print sizes (millimetres), so the viewBox decides.
  const vb = svg.viewBox?.baseVal;
  const px = (v) => (/^[\d.]+(px)?$/.test(v || "") ? parseFloat(v) : 0);
  svg.dataset.naturalWidth = String(vb?.width || px(svg.getAttribute("width")) || 1000);
  svg.dataset.naturalHeight = String(vb?.height || px(svg.getAttribute("height")) || 600);
  svg.removeAttribute("width");
  svg.removeAttribute("height");
  if (!svg.getAttribute("viewBox")) svg.setAttribute("viewBox", `0 0 ${svg.dataset.naturalWidth} ${svg.dataset.naturalHeight}`);
  // The SVG says role="img", which would hide its steps and hand-overs from assistive
  // technology; as a group its parts stay reachable.
  svg.setAttribute("role", "group");
  svg.removeAttribute("aria-labelledby");
  svg.setAttribute("aria-label", t("journey.mapLabel", { title }));
  svg.classList.add("journey-map");
  // Each is named by the text it shows, so that what a reader sees and what a screen
  // reader says agree: a step by its whole title (drawn in full on its card), a hand-over
  // by its first title line, a marker by its number followed by what it stands for.
  const titleOf = (el) => [...el.children].find((c) => c.localName === "title")?.textContent.trim() || "";
  for (const el of svg.querySelectorAll("[data-step], [data-handover]")) {
    const id = el.dataset.step || el.dataset.handover;
    el.setAttribute("tabindex", "0");
    el.setAttribute("role", "button");
    el.setAttribute("aria-pressed", "false");
    const name = el.dataset.step ? index.steps.get(id)?.title : titleOf(el).split("\n")[0];
    el.setAttribute("aria-label", name || describe(index, id));
  }
  for (const sum of svg.querySelectorAll(".cluster > .sum")) {
    const on = sum.parentNode.dataset.on;
    const n = sum.parentNode.dataset.count;
    sum.setAttribute("tabindex", "0");
    sum.setAttribute("role", "button");
    sum.setAttribute("aria-expanded", "false");
    sum.setAttribute("aria-label", `${n} · ${t("journey.clusterLabel", { n, on: index.elements.has(on) ? describe(index, on) : t("journey.wholeJourney") })}`);
  }
  for (const m of svg.querySelectorAll(".cluster [data-finding]")) {
    m.setAttribute("tabindex", "0");
    m.setAttribute("role", "button");
    m.setAttribute("aria-label", titleOf(m).split("\n")[0]);
  }
  return svg;
}
