// The offering of a project: a matrix of target groups × levels with the supports in each
// cell and the needs no support covers marked, then what the offering report found (each
// item explained, with its journeys and evidence) and each journey's navigation burden.

import { getJSON, path } from "./api.js";
import { crumbs, h, replace, uid } from "./dom.js";
import { label, lang, t } from "./i18n.js";
import { journeyHref, offeringHref, projectHref } from "./links.js";

const ageFilters = ["", "child", "adult"];
const kinds = ["uncovered_need", "unreached_support", "self_found_support", "sending_entry"];

/** offeringView shows the project's offering report, filtered by ?ageGroup= in the hash. */
export async function offeringView(ctx, projectId) {
  const opts = { signal: ctx.signal };
  const asked = ctx.query.get("ageGroup") || "";
  const ageGroup = ageFilters.includes(asked) ? asked : "";
  const [project, report] = await Promise.all([
    getJSON(path`/projects/${projectId}`, opts),
    getJSON(path`/projects/${projectId}/offering`, { ...opts, query: { lang: lang(), ...(ageGroup ? { ageGroup } : {}) } }),
  ]);
  if (!ctx.current()) return;
  const name = project.name || project.id;
  ctx.setTitle(`${t("offering.title")}: ${name}`);
  const items = report.items || [];
  replace(ctx.main,
    crumbs(t("app.breadcrumb"), [
      { href: "#/", text: t("app.projects") },
      { href: projectHref(projectId), text: name },
      { text: t("offering.title") },
    ]),
    h("h1", { tabindex: "-1" }, `${t("offering.title")}: ${name}`),
    h("p", { class: "lead" }, t("offering.intro")),
    h("nav", { class: "button-row", "aria-label": t("offering.filter") }, ageFilters.map((a) =>
      h("a", { class: "button", href: offeringHref(projectId, a), "aria-current": a === ageGroup ? "page" : null },
        a ? label("ageGroup", a) : t("offering.allAges")))),
    matrix(report),
    kinds.map((kind) =>
      section(projectId, kind, items.filter((it) => it.kind === kind))),
    burden(projectId, report.burden || []),
  );
}

/** matrix is the table of target groups × levels. */
function matrix(report) {
  const levels = report.levels || [];
  const rows = [...(report.targetGroups || []), ""];
  const same = (a, b) => (a || "").trim().toLowerCase() === (b || "").trim().toLowerCase();
  const inRow = (groups, g) => (groups?.length ? groups.some((x) => same(x, g)) : g === "");
  const id = uid("matrix");
  return h("section", { "aria-labelledby": id },
    h("h2", { id }, t("offering.matrix")),
    h("div", { class: "table-scroll" }, h("table", { class: "offering-matrix" },
      h("caption", {}, t("offering.matrixCaption")),
      h("thead", {}, h("tr", {}, h("th", { scope: "col" }, t("offering.targetGroup")), levels.map((l) => h("th", { scope: "col" }, label("level", l))))),
      h("tbody", {}, rows.map((g) => h("tr", {},
        h("th", { scope: "row" }, g || t("offering.anyGroup")),
        levels.map((l) => {
          const supports = (report.supports || []).filter((s) => s.level === l && inRow(s.targetGroups, g));
          const missing = (report.needs || []).filter((n) => n.level === l && !n.coveredBy?.length && same(n.targetGroup, g));
          return h("td", { class: missing.length ? "uncovered" : null },
            supports.length || missing.length ? h("ul", { class: "plain" },
              supports.map((s) => h("li", { dataset: { offer: s.id } }, `${s.name} (${s.actorName})`,
                s.usage?.length ? h("span", { class: "meta" }, ` · ${s.usage.map(usageText).join("; ")}`) : null)),
              missing.map((n) => h("li", { class: "missing", dataset: { need: n.id } }, h("strong", {}, `${t("offering.missing")}: `), n.title))) : "–");
        })))),
    )));
}

function usageText(u) {
  const latest = u.latest ? `${u.latest.value}${u.unit ? ` ${u.unit}` : ""} (${u.latest.at})` : t("offering.noValue");
  return `${u.name}: ${latest}${u.target ? `, ${t("chain.target").toLowerCase()} ${u.target.value}` : ""}`;
}

/** section lists the items of one kind. */
function section(projectId, kind, items) {
  const id = uid("kind");
  return h("section", { "aria-labelledby": id, dataset: { kind } },
    h("h2", { id }, label("offeringKind", kind)),
    items.length === 0 ? h("p", {}, t("offering.none")) : h("ol", {}, items.map((it) => h("li", { class: "box" },
      h("h3", {}, it.title),
      h("p", {}, it.explanation),
      it.journeys?.length ? h("p", { class: "meta" }, `${t("offering.journeys")}: `,
        it.journeys.map((j, i) => [i ? ", " : "", h("a", { href: journeyHref(projectId, j, it.steps?.find((s) => s.journey === j)?.step) }, j)])) : null,
      it.evidence?.length ? h("ul", { class: "quotes" }, it.evidence.map((e) => h("li", {}, h("q", {}, e.text), ` (${label("insightKind", e.kind)}, ${e.journey})`))) : null,
    ))));
}

/** burden is the table of each journey's navigation burden. */
function burden(projectId, rows) {
  const id = uid("burden");
  return h("section", { "aria-labelledby": id },
    h("h2", { id }, t("offering.burden")),
    rows.length === 0 ? h("p", {}, t("offering.none")) : h("div", { class: "table-scroll" }, h("table", {},
      h("thead", {}, h("tr", {},
        h("th", { scope: "col" }, t("project.journey")),
        h("th", { scope: "col" }, t("offering.doors")),
        h("th", { scope: "col" }, t("offering.neededLevel")),
        h("th", { scope: "col" }, t("offering.daysToHelp")))),
      h("tbody", {}, rows.map((b) => h("tr", {},
        h("th", { scope: "row" }, h("a", { href: journeyHref(projectId, b.journey) }, b.title || b.journey)),
        h("td", { class: "num" }, String(b.doorsFoundAlone)),
        h("td", {}, b.neededLevel ? label("level", b.neededLevel) : t("offering.noNeed")),
        h("td", { class: "num" }, b.daysToHelp == null ? (b.neededLevel ? t("offering.noHelp") : "–") : String(b.daysToHelp))))))));
}
