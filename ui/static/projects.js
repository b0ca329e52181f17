// The list of projects, and one project: its journeys with their finding counts.

import { download, getAll, getJSON, path } from "./api.js";
import { crumbs, h, replace } from "./dom.js";
import { label, lang, severities, t } from "./i18n.js";
import { XLSX } from "./journey.js";
import { agendaHref, chainHref, goalsHref, journeyHref, offeringHref, projectHref, proposalsHref, reportHref } from "./links.js";

/** projectsView lists the projects the token holds. */
export async function projectsView(ctx) {
  const projects = await getAll("/projects", { signal: ctx.signal });
  ctx.setTitle(t("projects.title"));
  replace(ctx.main,
    h("h1", { tabindex: "-1" }, t("projects.title")),
    projects.length === 0
      ? h("p", {}, t("projects.none"))
      : h("ul", { class: "project-list" }, projects.map((p) => h("li", { class: "box" },
        h("h2", {}, h("a", { href: projectHref(p.id) }, p.name || p.id)),
        p.description ? h("p", { class: "description" }, p.description) : null,
      ))),
  );
}

/** countByJourney counts a project report's findings per journey and severity. */
function countByJourney(findings) {
  const counts = new Map();
  for (const f of findings) {
    const c = counts.get(f.journey) || { total: 0, critical: 0, high: 0, medium: 0, low: 0 };
    c.total += 1;
    c[f.severity] = (c[f.severity] || 0) + 1;
    counts.set(f.journey, c);
  }
  return counts;
}

/** projectView shows a project's journeys with how many findings each has. */
export async function projectView(ctx, projectId) {
  const opts = { signal: ctx.signal };
  const [project, journeys, report] = await Promise.all([
    getJSON(path`/projects/${projectId}`, opts),
    getAll(path`/projects/${projectId}/journeys`, opts),
    getJSON(path`/projects/${projectId}/gaps`, opts),
  ]);
  const counts = countByJourney(report.findings || []);
  const name = project.name || project.id;
  ctx.setTitle(name);
  const zero = { total: 0, critical: 0, high: 0, medium: 0, low: 0 };
  const num = (n, severity) => (n && severity ? h("span", { class: `count sev-${severity}` }, String(n)) : String(n || 0));

  const table = h("table", { class: "data-table journeys-table" },
    h("caption", { class: "visually-hidden" }, t("project.caption")),
    h("thead", {}, h("tr", {},
      h("th", { scope: "col" }, t("project.journey")),
      h("th", { scope: "col" }, t("project.kind")),
      h("th", { scope: "col" }, t("project.targetGroup")),
      h("th", { scope: "col", class: "num" }, t("project.steps")),
      h("th", { scope: "col", class: "num" }, t("project.handovers")),
      h("th", { scope: "col", class: "num" }, t("project.findings")),
      severities.map((s) => h("th", { scope: "col", class: "num" }, label("severity", s))),
    )),
    h("tbody", {}, journeys.map((j) => {
      const c = counts.get(j.id) || zero;
      return h("tr", {},
        h("th", { scope: "row" }, h("a", { href: journeyHref(projectId, j.id) }, j.title || j.id)),
        h("td", {}, label("journeyKind", j.kind)),
        h("td", {}, [j.targetGroup, j.ageGroup ? `(${label("ageGroup", j.ageGroup)})` : null].filter(Boolean).join(" ")),
        h("td", { class: "num" }, String(j.steps ?? "")),
        h("td", { class: "num" }, String(j.handovers ?? "")),
        h("td", { class: "num strong" }, String(c.total)),
        severities.map((s) => h("td", { class: "num" }, num(c[s], s))),
      );
    })),
  );

  replace(ctx.main,
    crumbs(t("app.breadcrumb"), [{ href: "#/", text: t("app.projects") }, { text: name }]),
    h("h1", { tabindex: "-1" }, name),
    project.description ? h("p", { class: "description lead" }, project.description) : null,
    h("p", { class: "button-row" },
      h("a", { class: "button primary", href: reportHref(projectId) }, t("project.report")),
      h("a", { class: "button", href: chainHref(projectId) }, t("project.chain")),
      h("a", { class: "button", href: goalsHref(projectId) }, t("project.goals")),
      h("a", { class: "button", href: proposalsHref(projectId) }, t("project.proposals")),
      h("a", { class: "button", href: agendaHref(projectId) }, t("project.agenda")),
      h("button", { type: "button", class: "button", on: { click: () => {
        const file = `${projectId}-template.xlsx`;
        download(path`/projects/${projectId}/journey-template`, { lang: lang() }, file, XLSX)
          .then(() => ctx.notify(t("report.downloaded", { file })), ctx.handleError);
      } } }, t("project.template")),
      h("a", { class: "button", href: offeringHref(projectId) }, t("project.offering"))),
    h("h2", {}, t("project.journeys")),
    journeys.length === 0 ? h("p", {}, t("project.noJourneys")) : h("div", { class: "table-scroll" }, table),
  );
}
