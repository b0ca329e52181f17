// The effect goals of a project: each goal with its measures, their values now and a small
// timeline of baseline, observations and target. The values come from the effect chain,
// which computes every measure as GET of a measure does, in one request.

import { getJSON, path } from "./api.js";
import { crumbs, h, replace, uid } from "./dom.js";
import { measureItem } from "./chain.js";
import { label, t } from "./i18n.js";
import { chainHref, projectHref } from "./links.js";

/** goalsView lists the project's goals with their measures and timelines. */
export async function goalsView(ctx, projectId) {
  const opts = { signal: ctx.signal };
  const [project, chain] = await Promise.all([
    getJSON(path`/projects/${projectId}`, opts),
    getJSON(path`/projects/${projectId}/effect-chain`, { ...opts, query: { from: "goals" } }),
  ]);
  if (!ctx.current()) return;
  const name = project.name || project.id;
  ctx.setTitle(`${t("goals.title")}: ${name}`);
  const goals = chain.goals || [];
  const titles = new Map(goals.map((g) => [g.goal.id, g.goal.title || g.goal.id]));
  replace(ctx.main,
    crumbs(t("app.breadcrumb"), [
      { href: "#/", text: t("app.projects") },
      { href: projectHref(projectId), text: name },
      { text: t("goals.title") },
    ]),
    h("h1", { tabindex: "-1" }, `${t("goals.title")}: ${name}`),
    h("p", {}, h("a", { href: chainHref(projectId) }, t("goals.toChain"))),
    goals.length === 0 ? h("p", {}, t("chain.noGoals")) : goals.map((g) => {
      const id = uid("goal");
      const measures = g.measures || [];
      return h("section", { class: "chain-goal box", "aria-labelledby": id, dataset: { goal: g.goal.id } },
        h("h2", { id }, g.goal.title || g.goal.id),
        h("p", { class: "meta" }, label("perspective", g.goal.perspective),
          g.goal.parent ? ` · ${t("goals.partOf", { goal: titles.get(g.goal.parent) || g.goal.parent })}` : null),
        g.goal.description ? h("p", { class: "description" }, g.goal.description) : null,
        h("h3", {}, t("chain.measures")),
        measures.length === 0 ? h("p", {}, t("chain.noMeasures")) : h("ul", { class: "measure-list" }, measures.map(measureItem)),
      );
    }),
  );
}
