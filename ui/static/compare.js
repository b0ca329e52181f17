// Comparing journeys: an as-is against its to-be (the to-be's map with the places where it
// resolves the as-is's findings marked, and the findings resolved, remaining and new),
// a plan against one lived journey (its deviations), and a plan's conformance over every
// lived journey that follows it.

import { ApiError, getJSON, getText, path } from "./api.js";
import { crumbs, h, replace } from "./dom.js";
import { elementInMap, prepareSvg } from "./journey.js";
import { label, lang, t } from "./i18n.js";
import { journeyHref, projectHref } from "./links.js";

const SVG_NS = "http://www.w3.org/2000/svg";

/** compareView compares the journeys the query names (from, to). */
export async function compareView(ctx, projectId) {
  const from = ctx.query.get("from") || "";
  const to = ctx.query.get("to") || "";
  const opts = { signal: ctx.signal };
  const [project, cmp] = await Promise.all([
    getJSON(path`/projects/${projectId}`, opts),
    getJSON(path`/projects/${projectId}/compare`, { ...opts, query: { from, to } }),
  ]);
  if (!ctx.current()) return;
  const name = project.name || project.id;
  const heading = t("compare.title", { from: cmp.from.title || cmp.from.id, to: cmp.to.title || cmp.to.id });
  ctx.setTitle(heading);
  const head = [
    crumbs(t("app.breadcrumb"), [
      { href: "#/", text: t("app.projects") },
      { href: projectHref(projectId), text: name },
      { text: t("compare.crumb") },
    ]),
    h("h1", { tabindex: "-1" }, heading),
    h("p", { class: "meta" },
      h("a", { href: journeyHref(projectId, cmp.from.id) }, `${label("journeyKind", cmp.from.kind)}: ${cmp.from.title || cmp.from.id}`),
      " → ",
      h("a", { href: journeyHref(projectId, cmp.to.id) }, `${label("journeyKind", cmp.to.kind)}: ${cmp.to.title || cmp.to.id}`)),
    cmp.note ? h("p", { class: "notice" }, cmp.note[lang()] || cmp.note.sv) : null,
  ];
  if (cmp.kind === "conformance") {
    replace(ctx.main, ...head, deviationList(cmp.deviations || []));
    return;
  }
  const imp = cmp.improvement;
  const diagram = await getText(path`/projects/${projectId}/journeys/${cmp.to.id}/diagram`,
    { ...opts, query: { format: "svg", lang: lang() }, accept: "image/svg+xml" })
    .catch((err) => (err instanceof ApiError && err.status !== 401 ? err : Promise.reject(err)));
  const toDoc = await getJSON(path`/projects/${projectId}/journeys/${cmp.to.id}`, opts);
  if (!ctx.current()) return;
  replace(ctx.main, ...head,
    findingCounts(imp.findings.counts),
    resolvedMap(diagram, toDoc, imp.findings.resolved || []),
    findingSection("resolved", imp.findings.resolved || []),
    findingSection("remaining", imp.findings.remaining || []),
    findingSection("new", imp.findings.new || []),
    metricTable(imp.metrics || []),
    elementDiffs(imp),
  );
}

/** conformanceView shows how the lived journeys that follow a plan went against it. */
export async function conformanceView(ctx, projectId, journeyId) {
  const opts = { signal: ctx.signal };
  const [project, r] = await Promise.all([
    getJSON(path`/projects/${projectId}`, opts),
    getJSON(path`/projects/${projectId}/journeys/${journeyId}/conformance`, opts),
  ]);
  if (!ctx.current()) return;
  const name = project.name || project.id;
  const plan = r.plan.title || r.plan.id;
  ctx.setTitle(t("conformance.title", { plan }));
  const pct = (v) => (v === null || v === undefined ? "–" : `${Math.round(v * 100)} %`);
  const days = (v) => (v === null || v === undefined ? "–" : t("conformance.days", { n: v }));
  replace(ctx.main,
    crumbs(t("app.breadcrumb"), [
      { href: "#/", text: t("app.projects") },
      { href: projectHref(projectId), text: name },
      { href: journeyHref(projectId, journeyId), text: plan },
      { text: t("conformance.crumb") },
    ]),
    h("h1", { tabindex: "-1" }, t("conformance.title", { plan })),
    h("p", { class: "lead" }, t("conformance.intro", { n: r.lived })),
    r.capped ? h("p", { class: "notice" }, t("conformance.capped", { n: r.limit })) : null,
    h("section", { class: "box", "aria-labelledby": "conf-kinds" },
      h("h2", { id: "conf-kinds" }, t("compare.deviations")),
      h("table", { class: "data-table conformance-kinds" },
        h("thead", {}, h("tr", {}, [t("conformance.kind"), t("conformance.journeys"), t("conformance.share"), t("conformance.occurrences")].map((c) => h("th", { scope: "col" }, c)))),
        h("tbody", {}, (r.deviations || []).map((k) => h("tr", { dataset: { kind: k.kind } },
          h("th", { scope: "row" }, label("deviation", k.kind)), h("td", {}, String(k.journeys)), h("td", {}, pct(k.share)), h("td", {}, String(k.occurrences))))),
      ),
    ),
    h("section", { class: "box", "aria-labelledby": "conf-steps" },
      h("h2", { id: "conf-steps" }, t("conformance.steps")),
      h("table", { class: "data-table conformance-steps" },
        h("thead", {}, h("tr", {}, [t("conformance.step"), t("conformance.missed"), t("conformance.share"), t("conformance.plannedWait"), t("conformance.medianWait"), t("conformance.overPlan")].map((c) => h("th", { scope: "col" }, c)))),
        h("tbody", {}, (r.steps || []).map((s) => h("tr", { dataset: { step: s.id } },
          h("th", { scope: "row" }, h("a", { href: journeyHref(projectId, journeyId, s.id) }, s.title || s.id)),
          h("td", {}, String(s.missed)), h("td", {}, pct(s.missedShare)), h("td", {}, days(s.plannedWait)),
          h("td", {}, days(s.medianWait)), h("td", {}, String(s.overPlan))))),
      ),
    ),
  );
}

function findingCounts(c) {
  return h("p", { class: "summary compare-counts" },
    t("compare.counts", { resolved: c.resolved, remaining: c.remaining, new: c.new }));
}

// resolvedMap draws the to-be's map and marks where it resolves the as-is's findings: the
// same element where the ids are shared, else the to-be's hand-overs between the same
// actors (or steps of the same actor) as the finding.
function resolvedMap(diagram, toDoc, resolved) {
  const section = h("section", { class: "map-section", "aria-labelledby": "compare-map" },
    h("h2", { id: "compare-map" }, t("compare.map")),
    h("p", { class: "help" }, t("compare.mapHelp")));
  if (diagram instanceof Error) {
    section.append(h("p", { class: "notice" }, t("journey.diagramMissing", { detail: diagram.message })));
    return section;
  }
  let svg;
  try {
    svg = prepareSvg(diagram, indexFor(toDoc), toDoc.title || toDoc.id);
  } catch (err) {
    section.append(h("p", { class: "notice" }, t("journey.diagramMissing", { detail: err.message })));
    return section;
  }
  const actorOf = new Map((toDoc.steps || []).map((s) => [s.id, s.actor]));
  const marks = new Map();
  for (const f of resolved) {
    for (const id of placesIn(toDoc, actorOf, f)) marks.set(id, (marks.get(id) || 0) + 1);
  }
  const scroll = h("div", { class: "map-scroll" }, svg);
  section.append(scroll);
  // The badges need the laid-out boxes, so they are drawn once the map is on the page.
  requestAnimationFrame(() => {
    for (const [id, n] of marks) {
      const el = elementInMap(svg, id);
      if (!el) continue;
      el.classList.add("resolves");
      el.dataset.resolves = String(n);
      el.setAttribute("aria-label", `${el.getAttribute("aria-label") || id}. ${t("compare.resolvesHere", { n })}`);
      try {
        const box = el.getBBox();
        const g = document.createElementNS(SVG_NS, "g");
        g.setAttribute("class", "resolved-badge");
        g.setAttribute("aria-hidden", "true");
        const c = document.createElementNS(SVG_NS, "circle");
        c.setAttribute("cx", String(box.x + box.width - 4));
        c.setAttribute("cy", String(box.y + 4));
        c.setAttribute("r", "10");
        const tx = document.createElementNS(SVG_NS, "text");
        tx.setAttribute("x", String(box.x + box.width - 4));
        tx.setAttribute("y", String(box.y + 8));
        tx.setAttribute("text-anchor", "middle");
        tx.textContent = `✓${n}`;
        g.append(c, tx);
        el.append(g);
      } catch {
        // A map element that is not laid out has no box; its class still marks it.
      }
    }
  });
  section.append(h("p", { class: "meta" }, t("compare.marked", { n: marks.size })));
  return section;
}

function placesIn(toDoc, actorOf, f) {
  const ids = new Set([...(toDoc.steps || []), ...(toDoc.handovers || [])].map((x) => x.id));
  const shared = (f.subject || []).filter((id) => ids.has(id));
  if (shared.length) return shared;
  if (f.actors) {
    return (toDoc.handovers || []).filter((x) => actorOf.get(x.from) === f.actors.from.id && actorOf.get(x.to) === f.actors.to.id).map((x) => x.id);
  }
  if (f.actor) return (toDoc.steps || []).filter((s) => s.actor === f.actor.id).map((s) => s.id);
  return [];
}

function indexFor(doc) {
  const elements = new Map();
  for (const s of doc.steps || []) elements.set(s.id, { kind: "step", data: s });
  for (const x of doc.handovers || []) elements.set(x.id, { kind: "handover", data: x });
  return { actors: new Map((doc.actors || []).map((a) => [a.id, a])), stages: new Map(), steps: new Map((doc.steps || []).map((s) => [s.id, s])), elements, stepOrder: [] };
}

function findingSection(which, findings) {
  const id = `compare-${which}`;
  return h("section", { class: `box compare-findings compare-${which}`, "aria-labelledby": id },
    h("h2", { id }, `${t(`compare.${which}`)} (${findings.length})`),
    findings.length === 0 ? h("p", {}, t("compare.none")) : h("ul", {}, findings.map((f) => h("li", { dataset: { fingerprint: f.fingerprint, rule: f.rule } },
      h("strong", {}, label("severity", f.severity)), " ",
      f.explanation?.[lang()] || f.explanation?.sv || f.rule,
      f.matchedBy === "place" ? h("span", { class: "meta" }, ` (${t("compare.byPlace")})`) : null))),
  );
}

function metricTable(metrics) {
  const v = (x) => (x.value === null || x.value === undefined ? "–" : String(Math.round(x.value * 100) / 100));
  return h("section", { class: "box", "aria-labelledby": "compare-metrics" },
    h("h2", { id: "compare-metrics" }, t("compare.metrics")),
    h("table", { class: "data-table compare-metrics" },
      h("thead", {}, h("tr", {}, [t("compare.metric"), t("compare.from"), t("compare.to")].map((c) => h("th", { scope: "col" }, c)))),
      h("tbody", {}, metrics.map((m) => h("tr", { dataset: { metric: m.metric } },
        h("th", { scope: "row" }, label("metric", m.metric)), h("td", {}, v(m.from)), h("td", {}, v(m.to))))),
    ),
  );
}

function elementDiffs(imp) {
  const row = (title, d) => h("div", {},
    h("h3", {}, title),
    h("ul", {},
      h("li", {}, `${t("compare.added")}: ${(d.added || []).join(", ") || "–"}`),
      h("li", {}, `${t("compare.removed")}: ${(d.removed || []).join(", ") || "–"}`),
      h("li", {}, `${t("compare.changed")}: ${(d.changed || []).map((c) => `${c.id} (${c.fields.join(", ")})`).join("; ") || "–"}`)));
  return h("section", { class: "box", "aria-labelledby": "compare-elements" },
    h("h2", { id: "compare-elements" }, t("compare.elements")),
    row(t("project.steps"), imp.steps), row(t("project.handovers"), imp.handovers));
}

function deviationList(deviations) {
  return h("section", { class: "box deviations", "aria-labelledby": "compare-deviations" },
    h("h2", { id: "compare-deviations" }, `${t("compare.deviations")} (${deviations.length})`),
    deviations.length === 0 ? h("p", {}, t("compare.noDeviations")) : h("ul", {}, deviations.map((d) => h("li", { class: "deviation", dataset: { kind: d.kind } },
      h("strong", {}, label("deviation", d.kind)), ": ", d.explanation?.[lang()] || d.explanation?.sv || d.kind))),
  );
}
