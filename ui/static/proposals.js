// The improvement proposals of a project, grouped by stage: each with the decisions that
// moved it (who, with what mandate, why) and the tests it went through. A finding's id in
// the address (?finding=fingerprint) shows only the proposals that address it.

import { getAll, getJSON, path } from "./api.js";
import { crumbs, h, replace, uid } from "./dom.js";
import { label, t } from "./i18n.js";
import { chainHref, projectHref, proposalsHref } from "./links.js";

/** stages lists the proposal stages in the order of their life, as the API names them. */
const stages = ["idea", "analysis", "test", "implementation", "adopted", "paused", "rejected"];

/** proposalsView shows the project's proposals by stage with decisions and tests. */
export async function proposalsView(ctx, projectId) {
  const opts = { signal: ctx.signal };
  const finding = ctx.query.get("finding") || "";
  const [project, all] = await Promise.all([
    getJSON(path`/projects/${projectId}`, opts),
    getAll(path`/projects/${projectId}/proposals`, opts),
  ]);
  const proposals = finding ? all.filter((p) => (p.addresses || []).includes(finding)) : all;
  // Decisions and tests: two small lists per proposal, fetched together.
  const details = await Promise.all(proposals.map((p) => Promise.all([
    getAll(path`/projects/${projectId}/proposals/${p.id}/decisions`, opts),
    getAll(path`/projects/${projectId}/proposals/${p.id}/tests`, opts),
  ])));
  if (!ctx.current()) return;
  const name = project.name || project.id;
  ctx.setTitle(`${t("proposals.title")}: ${name}`);
  const byId = new Map(proposals.map((p, i) => [p.id, { ...p, decisions: details[i][0], tests: details[i][1] }]));

  replace(ctx.main,
    crumbs(t("app.breadcrumb"), [
      { href: "#/", text: t("app.projects") },
      { href: projectHref(projectId), text: name },
      { text: t("proposals.title") },
    ]),
    h("h1", { tabindex: "-1" }, `${t("proposals.title")}: ${name}`),
    finding ? h("p", { class: "lead" }, t("proposals.forFinding", { n: proposals.length, finding }), " ",
      h("a", { href: proposalsHref(projectId) }, t("proposals.all"))) : null,
    h("p", {}, h("a", { href: chainHref(projectId) }, t("goals.toChain"))),
    proposals.length === 0 ? h("p", {}, t("proposals.none")) : null,
    stages.map((stage) => {
      const group = [...byId.values()].filter((p) => p.stage === stage);
      if (!group.length) return null;
      const id = uid("stage");
      return h("section", { "aria-labelledby": id },
        h("h2", { id }, `${label("stage", stage)} (${group.length})`),
        group.map((p) => proposalCard(p)),
      );
    }),
  );
}

function proposalCard(p) {
  const id = uid("proposal");
  return h("article", { class: "proposal box", "aria-labelledby": id, dataset: { proposal: p.id } },
    h("h3", { id }, p.title || p.id),
    p.description ? h("p", { class: "description" }, p.description) : null,
    h("p", { class: "meta" }, t("proposals.addresses", { n: (p.addresses || []).length, goals: (p.goals || []).length })),
    h("h4", {}, t("proposals.decisions")),
    p.decisions.length === 0 ? h("p", {}, t("proposals.noDecisions")) : h("ol", { class: "decision-list" }, p.decisions.map((d) => h("li", {},
      h("strong", {}, `${label("stage", d.from)} → ${label("stage", d.to)}: ${label("outcome", d.outcome)}`),
      ` (${(d.at || "").slice(0, 10)}) `,
      t("proposals.decidedBy", { by: d.decidedBy || "", mandate: d.mandate || "" }),
      d.rationale ? h("p", {}, d.rationale) : null,
    ))),
    h("h4", {}, t("proposals.tests")),
    p.tests.length === 0 ? h("p", {}, t("proposals.noTests")) : h("ul", { class: "test-list" }, p.tests.map((x) => h("li", {},
      h("strong", {}, `${label("testKind", x.kind)}, ${label("testStatus", x.status)}`),
      x.period ? ` (${x.period.from}–${x.period.to || ""})` : null,
      x.plan ? h("p", {}, x.plan) : null,
      x.result ? h("p", {}, `${t("proposals.result")}: ${x.result}`) : null,
    ))),
  );
}
