// The project gap report: the API's filters as a form (kept in the address, so a filtered
// report can be linked to), counts, the findings by severity, downloads and triage.

import { ApiError, download, getAll, getJSON, path } from "./api.js";
import { clear, crumbs, h, replace, uid } from "./dom.js";
import { findingCard, focusFinding, loadRules, ruleLabel, severityBadge } from "./findings.js";
import { label, lang, severities, t } from "./i18n.js";
import { journeyHref, projectHref, proposalsHref, reportHref } from "./links.js";

const FILTERS = ["rule", "category", "minSeverity", "journeyKind", "targetGroup", "actor", "includeDismissed", "since"];

/** reportView shows the project's gap report with the filters in the address. */
export async function reportView(ctx, projectId) {
  const filters = Object.fromEntries(FILTERS.map((k) => [k, ctx.query.get(k) || ""]));
  const opts = { signal: ctx.signal };
  const gapsPath = path`/projects/${projectId}/gaps`;
  const loadReport = () => getJSON(gapsPath, { ...opts, query: filters });
  const [project, rules, journeys, actors, proposals, baselines, first] = await Promise.all([
    getJSON(path`/projects/${projectId}`, opts),
    loadRules(),
    getAll(path`/projects/${projectId}/journeys`, opts),
    getAll(path`/projects/${projectId}/actors`, opts),
    getAll(path`/projects/${projectId}/proposals`, opts),
    getAll(path`/projects/${projectId}/baselines`, opts),
    loadReport().catch((err) => (err instanceof ApiError && err.status === 400 ? err : Promise.reject(err))),
  ]);
  if (!ctx.current()) return;
  const name = project.name || project.id;
  const titles = new Map(journeys.map((j) => [j.id, j.title || j.id]));
  // How many proposals address each finding: the proposals name them by fingerprint.
  const addressing = new Map();
  for (const p of proposals) for (const fp of p.addresses || []) addressing.set(fp, (addressing.get(fp) || 0) + 1);
  ctx.setTitle(`${t("report.title")}: ${name}`);

  const results = h("div", { class: "report-results" });
  const triage = ctx.can("triage") ? {
    projectId, notify: ctx.notify, handleError: ctx.handleError,
    onChanged: async (fp) => {
      renderResults(await loadReport());
      if (results.querySelector(`[data-fingerprint="${CSS.escape(fp)}"]`)) focusFinding(results, fp);
      else results.querySelector("#findings-heading")?.focus();
    },
  } : null;

  function renderResults(report) {
    clear(results);
    if (report instanceof Error) {
      ctx.handleError(report);
      return;
    }
    const findings = report.findings || [];
    const save = (format, part) => {
      const file = `glapp-${projectId}-${part === "unknowns" ? "unknowns" : "gaps"}.${format}`;
      const query = { ...filters, format, lang: lang(), ...(part ? { part } : {}) };
      download(gapsPath, query, file, { csv: "text/csv", md: "text/markdown", html: "text/html" }[format])
        .then(() => ctx.notify(t("report.downloaded", { file })), ctx.handleError);
    };
    results.append(
      h("section", { "aria-labelledby": "summary-heading" },
        h("div", { class: "section-head" },
          h("h2", { id: "summary-heading" }, t("report.summary")),
          h("div", { class: "button-row", role: "group", "aria-label": t("report.download") },
            h("button", { type: "button", class: "button", on: { click: () => save("csv") } }, t("report.csv")),
            h("button", { type: "button", class: "button", on: { click: () => save("md") } }, t("report.md")),
            h("button", { type: "button", class: "button", on: { click: () => save("html") } }, t("report.html")),
            h("button", { type: "button", class: "button", on: { click: () => save("csv", "unknowns") } }, t("report.unknownsCsv")),
          ),
        ),
        h("p", { class: "lead" }, t("report.inJourneys", { n: report.summary?.total ?? findings.length, journeys: (report.journeys || []).length })),
        report.summary?.since ? h("p", { class: "lead" }, t("report.sinceCounts", report.summary.since)) : null,
        h("div", { class: "summary-grid" },
          h("div", { class: "table-scroll narrow" }, severityTable(report.summary?.bySeverity || {}, report.summary?.total ?? findings.length)),
          h("div", { class: "table-scroll" }, countTable(t("report.byStage"), t("finding.stage"), report.byStage || [])),
          h("div", { class: "table-scroll" }, countTable(t("report.byRule"), t("report.rule"), (report.byRule || []).map((r) => ({ ...r, label: ruleLabel(rules, r.key) })))),
          h("div", { class: "table-scroll" }, countTable(t("report.byActorPair"), t("report.actorPair"), report.byActorPair || [])),
        ),
      ),
      h("section", { "aria-labelledby": "findings-heading" },
        h("h2", { id: "findings-heading", tabindex: "-1" }, `${t("report.findings")} (${findings.length})`),
        findings.length === 0 ? h("p", {}, t("report.none")) : null,
        severities.map((s) => {
          const group = findings.filter((f) => f.severity === s);
          if (!group.length) return null;
          const id = uid("sev");
          return h("section", { class: "severity-group", "aria-labelledby": id },
            h("h3", { id, class: "severity-heading" }, severityBadge(s), ` ${group.length}`),
            h("div", { class: "finding-list" }, group.map((f) => [
              f.since ? h("p", { class: `since-mark since-${f.since}` }, t(`report.since.${f.since}`, { baseline: filters.since })) : null,
              findingCard(f, {
                rules, level: 4, triage,
                proposals: { count: addressing.get(f.fingerprint) || 0, href: proposalsHref(projectId, f.fingerprint) },
                journey: { title: titles.get(f.journey) || f.journey, href: journeyHref(projectId, f.journey, focusOf(f)) },
              }),
            ])),
          );
        }),
      ),
      report.resolved?.length ? h("section", { "aria-labelledby": "resolved-heading" },
        h("h2", { id: "resolved-heading" }, `${t("report.resolved", { baseline: filters.since })} (${report.resolved.length})`),
        h("ul", { class: "resolved-list" }, report.resolved.map((f) => h("li", {},
          severityBadge(f.severity), " ",
          h("a", { href: journeyHref(projectId, f.journey, focusOf(f)) }, titles.get(f.journey) || f.journey), ": ",
          f.explanation || ruleLabel(rules, f.rule)))),
      ) : null,
    );
  }

  const form = filterForm(projectId, filters, { rules, journeys, actors, baselines });
  replace(ctx.main,
    crumbs(t("app.breadcrumb"), [
      { href: "#/", text: t("app.projects") },
      { href: projectHref(projectId), text: name },
      { text: t("report.title") },
    ]),
    h("h1", { tabindex: "-1" }, `${t("report.title")}: ${name}`),
    form,
    results,
  );
  renderResults(first);
  if (ctx.samePage) {
    // New filters on the same page: take the reader to the new results.
    const heading = results.querySelector("#summary-heading");
    heading?.setAttribute("tabindex", "-1");
    heading?.focus();
  }
}

/** focusOf picks the element a finding's link opens in the map. */
function focusOf(f) {
  return [...(f.subject || []), ...(f.path || [])].find((x) => x !== f.journey) || "";
}

function filterForm(projectId, filters, { rules, journeys, actors, baselines }) {
  const select = (name, text, options) => {
    const id = uid(name);
    const el = h("select", { id, name },
      h("option", { value: "" }, t("report.any")),
      options.map(([value, optionText]) => h("option", { value, selected: value === filters[name] }, optionText)));
    return h("div", { class: "field" }, h("label", { for: id }, text), el);
  };
  const unique = (xs) => [...new Set(xs.filter(Boolean))];
  const ruleList = [...rules.values()];
  const dismissedId = uid("dismissed");
  const form = h("form", { class: "filters box", "aria-labelledby": "filters-heading" },
    h("h2", { id: "filters-heading", class: "small-heading" }, t("report.filters")),
    h("div", { class: "filter-grid" },
      select("rule", t("report.rule"), ruleList.map((r) => [r.rule, ruleLabel(rules, r.rule)])),
      select("category", t("report.category"), unique(ruleList.map((r) => r.category)).map((c) => [c, label("category", c)])),
      select("minSeverity", t("report.minSeverity"), severities.map((s) => [s, label("severity", s)])),
      select("journeyKind", t("report.journeyKind"), ["as_is", "to_be", "lived"].map((k) => [k, label("journeyKind", k)])),
      select("targetGroup", t("report.targetGroup"), unique(journeys.map((j) => j.targetGroup)).sort().map((g) => [g, g])),
      select("actor", t("report.actor"), [...actors].sort((a, b) => (a.name || a.id).localeCompare(b.name || b.id, lang())).map((a) => [a.id, a.name || a.id])),
      baselines.length ? select("since", t("report.sinceBaseline"), baselines.map((b) => [b.id, b.title || b.id])) : null,
    ),
    h("div", { class: "filter-actions" },
      h("div", { class: "check" },
        h("input", { type: "checkbox", id: dismissedId, name: "includeDismissed", value: "true", checked: filters.includeDismissed === "true" }),
        h("label", { for: dismissedId }, t("report.includeDismissed")),
      ),
      h("button", { type: "submit", class: "button primary" }, t("report.apply")),
      h("a", { href: reportHref(projectId), class: "button" }, t("report.reset")),
    ),
  );
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const data = new FormData(form);
    location.hash = reportHref(projectId, Object.fromEntries(FILTERS.map((k) => [k, data.get(k) || ""])));
  });
  return form;
}

function severityTable(bySeverity, total) {
  return h("table", { class: "data-table" },
    h("caption", {}, t("report.bySeverity")),
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, t("report.severity")), h("th", { scope: "col", class: "num" }, t("report.count")))),
    h("tbody", {},
      severities.map((s) => h("tr", {}, h("th", { scope: "row" }, severityBadge(s)), h("td", { class: "num" }, String(bySeverity[s] || 0)))),
      h("tr", { class: "total" }, h("th", { scope: "row" }, t("report.total")), h("td", { class: "num" }, String(total))),
    ),
  );
}

function countTable(caption, keyHeading, rows) {
  return h("table", { class: "data-table" },
    h("caption", {}, caption),
    h("thead", {}, h("tr", {},
      h("th", { scope: "col" }, keyHeading),
      h("th", { scope: "col", class: "num" }, t("report.count")),
      severities.map((s) => h("th", { scope: "col", class: "num" }, label("severity", s))),
      h("th", { scope: "col", class: "num" }, t("report.evidence")),
    )),
    h("tbody", {}, rows.map((r) => h("tr", {},
      h("th", { scope: "row" }, r.label || r.key),
      h("td", { class: "num strong" }, String(r.count)),
      severities.map((s) => h("td", { class: "num" }, String(r.bySeverity?.[s] || 0))),
      h("td", { class: "num" }, String(r.evidence ?? 0)),
    ))),
  );
}
