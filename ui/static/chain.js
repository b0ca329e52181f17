// The effect chain of a project: goals → measures (with a small timeline) → proposals →
// findings, and the blind spots where the chain breaks, listed first.

import { getJSON, path } from "./api.js";
import { crumbs, h, replace, uid } from "./dom.js";
import { loadRules, ruleLabel, severityBadge } from "./findings.js";
import { label, lang, t } from "./i18n.js";
import { journeyHref, projectHref } from "./links.js";

const SVG_NS = "http://www.w3.org/2000/svg";

/** s creates an SVG element; attrs are set as attributes, children appended. */
function s(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== null && v !== undefined) el.setAttribute(k, String(v));
  for (const c of children) if (c) el.append(c);
  return el;
}

/** chainView shows the project's effect chain read from the goals. */
export async function chainView(ctx, projectId) {
  const opts = { signal: ctx.signal };
  const [project, chain, rules] = await Promise.all([
    getJSON(path`/projects/${projectId}`, opts),
    getJSON(path`/projects/${projectId}/effect-chain`, { ...opts, query: { from: "goals" } }),
    loadRules(),
  ]);
  if (!ctx.current()) return;
  const name = project.name || project.id;
  ctx.setTitle(`${t("chain.title")}: ${name}`);
  const goals = chain.goals || [];
  const blind = chain.blindSpots || [];
  const goalTitle = new Map(goals.map((g) => [g.goal.id, g.goal.title || g.goal.id]));

  replace(ctx.main,
    crumbs(t("app.breadcrumb"), [
      { href: "#/", text: t("app.projects") },
      { href: projectHref(projectId), text: name },
      { text: t("chain.title") },
    ]),
    h("h1", { tabindex: "-1" }, `${t("chain.title")}: ${name}`),
    h("p", { class: "lead" }, t("chain.intro")),
    blindSpots(blind, goalTitle),
    h("section", { "aria-labelledby": "chain-goals-heading" },
      h("h2", { id: "chain-goals-heading" }, `${t("chain.goals")} (${goals.length})`),
      goals.length === 0 ? h("p", {}, t("chain.noGoals")) : null,
      goals.map((g) => goalSection(projectId, g, rules)),
    ),
  );
}

function blindSpots(blind, goalTitle) {
  const kinds = [...new Set(blind.map((b) => b.kind))];
  return h("section", { class: "blind-spots box", "aria-labelledby": "blind-heading" },
    h("h2", { id: "blind-heading" }, `${t("chain.blindSpots")} (${blind.length})`),
    blind.length === 0 ? h("p", {}, t("chain.noBlindSpots")) : h("ul", { class: "blind-list" }, kinds.map((k) => {
      const group = blind.filter((b) => b.kind === k);
      return h("li", { class: "blind-spot", dataset: { kind: k } },
        h("strong", {}, `${label("blindSpot", k)}: ${group.length}`),
        k === "unaddressed_finding" ? null
          : h("ul", {}, group.map((b) => h("li", {},
            goalTitle.get(b.id) || b.id,
            b.findings?.length ? ` (${t("chain.stillOpen", { n: b.findings.length })})` : null))),
      );
    })),
  );
}

function goalSection(projectId, g, rules) {
  const id = uid("goal");
  const measures = g.measures || [];
  const proposals = g.proposals || [];
  return h("section", { class: "chain-goal box", "aria-labelledby": id, dataset: { goal: g.goal.id } },
    h("h3", { id }, g.goal.title || g.goal.id),
    h("p", { class: "meta" }, label("perspective", g.goal.perspective)),
    g.goal.description ? h("p", { class: "description" }, g.goal.description) : null,
    h("h4", {}, t("chain.measures")),
    measures.length === 0 ? h("p", {}, t("chain.noMeasures")) : h("ul", { class: "measure-list" }, measures.map(measureItem)),
    h("h4", {}, t("chain.proposals")),
    proposals.length === 0 ? h("p", {}, t("chain.noProposals")) : h("ul", { class: "proposal-list" }, proposals.map((p) => proposalItem(projectId, p, rules))),
  );
}

const fmt = (v) => (v === null || v === undefined ? "–" : Number(v).toLocaleString(lang(), { maximumFractionDigits: 2 }));

/** measureItem shows a measure as the effect chain answers it: values, progress and timeline. */
export function measureItem(m) {
  const current = m.latest?.value ?? m.computed?.value;
  return h("li", { class: "measure", dataset: { measure: m.id } },
    h("strong", {}, m.name || m.id), m.unit ? ` (${m.unit})` : null,
    h("dl", { class: "measure-facts" },
      h("dt", {}, t("chain.baseline")), h("dd", {}, m.baseline ? `${fmt(m.baseline.value)} (${m.baseline.at})` : "–"),
      h("dt", {}, t("chain.target")), h("dd", {}, m.target ? `${fmt(m.target.value)} (${m.target.by})` : "–"),
      h("dt", {}, t("chain.latest")), h("dd", {}, m.latest ? `${fmt(m.latest.value)} (${m.latest.at})` : "–"),
      m.computed ? [h("dt", {}, t("chain.computed")), h("dd", {}, t("chain.computedValue", { value: fmt(m.computed.value), counted: m.computed.counted, unknown: m.computed.unknown }))] : null,
      h("dt", {}, t("chain.progress")), h("dd", {}, m.progress === null || m.progress === undefined ? "–" : `${Math.round(m.progress * 100)} %`),
    ),
    timeline(m, current),
  );
}

/**
 * timeline draws baseline, observations and target on a date axis: a few lines of SVG,
 * with a text alternative saying the same in words.
 */
export function timeline(m, current) {
  const points = [];
  if (m.baseline) points.push({ at: m.baseline.at, value: m.baseline.value, kind: "baseline" });
  for (const o of m.observations || []) points.push({ at: o.at, value: o.value, kind: "observation" });
  if (m.target) points.push({ at: m.target.by, value: m.target.value, kind: "target" });
  if (points.length === 0 && current === undefined) return null;
  const W = 320, H = 80, P = 10;
  const times = points.map((p) => Date.parse(p.at)).filter((x) => !Number.isNaN(x));
  const values = points.map((p) => p.value);
  const t0 = Math.min(...times), t1 = Math.max(...times);
  const v0 = Math.min(...values), v1 = Math.max(...values);
  const x = (at) => P + (t1 === t0 ? (W - 2 * P) / 2 : ((Date.parse(at) - t0) / (t1 - t0)) * (W - 2 * P));
  const y = (v) => H - P - (v1 === v0 ? (H - 2 * P) / 2 : ((v - v0) / (v1 - v0)) * (H - 2 * P));
  const observed = points.filter((p) => p.kind !== "target").sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const words = t("chain.timelineLabel", {
    name: m.name || m.id,
    baseline: m.baseline ? fmt(m.baseline.value) : "–",
    n: (m.observations || []).length,
    target: m.target ? fmt(m.target.value) : "–",
  });
  const svg = s("svg", { class: "timeline", viewBox: `0 0 ${W} ${H}`, width: W, height: H, role: "img", "aria-label": words },
    s("line", { class: "axis", x1: P, y1: H - P, x2: W - P, y2: H - P }),
    m.target ? s("line", { class: "target-line", x1: P, y1: y(m.target.value), x2: W - P, y2: y(m.target.value) }) : null,
    observed.length > 1 ? s("polyline", { class: "observed", points: observed.map((p) => `${x(p.at)},${y(p.value)}`).join(" ") }) : null,
  );
  for (const p of points) {
    const dot = s("circle", { class: `point ${p.kind}`, cx: x(p.at), cy: y(p.value), r: p.kind === "observation" ? 3 : 5 });
    dot.append(s("title", {}, document.createTextNode(`${label("timelinePoint", p.kind)} ${p.at}: ${fmt(p.value)}`)));
    svg.append(dot);
  }
  return h("figure", { class: "timeline-figure" }, svg,
    h("figcaption", { class: "meta" }, t("chain.legend")));
}

function proposalItem(projectId, p, rules) {
  const d = p.lastDecision;
  return h("li", { class: "proposal", dataset: { proposal: p.id } },
    h("strong", {}, p.title || p.id), " ", h("span", { class: "badge stage" }, label("stage", p.stage)),
    d ? h("p", { class: "meta" }, t("chain.decision", {
      outcome: label("outcome", d.outcome), by: d.decidedBy || "", at: (d.at || "").slice(0, 10),
    }), d.rationale ? ` – ${d.rationale}` : null) : null,
    (p.tests || []).length ? h("ul", { class: "test-list" }, p.tests.map((x) => h("li", {},
      `${t("chain.test")}: ${label("testKind", x.kind)}, ${label("testStatus", x.status)}`,
      x.period ? ` (${x.period.from}–${x.period.to || ""})` : null,
      x.result ? ` – ${x.result}` : null))) : null,
    (p.findings || []).length ? h("ul", { class: "chain-findings" }, p.findings.map((f) => h("li", {},
      severityBadge(f.severity), " ",
      h("a", { href: journeyHref(projectId, f.journey) }, ruleLabel(rules, f.rule)),
      f.open ? null : ` (${t("chain.closed")})`))) : null,
  );
}
