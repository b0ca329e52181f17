// The agenda per actor: what to bring to the meeting with one organisation. Its questions
// (the unknowns of the steps and hand-overs it takes part in), the hypotheses to confirm or
// reject, and the findings to discuss, each linked to its element in the map. Printable:
// the print style keeps the check boxes and puts each actor on a page of its own.

import { download, getAll, getJSON, path } from "./api.js";
import { crumbs, h, replace, uid } from "./dom.js";
import { loadRules, ruleLabel, severityBadge } from "./findings.js";
import { label, lang, pick, t } from "./i18n.js";
import { agendaHref, journeyHref, projectHref } from "./links.js";

/** agendaView shows the agenda of the actor in the address (?actor=), or of every actor. */
export async function agendaView(ctx, projectId) {
  const actor = ctx.query.get("actor") || "";
  const cursor = ctx.query.get("cursor") || "";
  const opts = { signal: ctx.signal };
  const agendaPath = path`/projects/${projectId}/agenda`;
  const query = actor ? { actor } : { limit: 50, ...(cursor ? { cursor } : {}) };
  const [project, actors, journeys, rules, agenda] = await Promise.all([
    getJSON(path`/projects/${projectId}`, opts),
    getAll(path`/projects/${projectId}/actors`, opts),
    getAll(path`/projects/${projectId}/journeys`, opts),
    loadRules(),
    getJSON(agendaPath, { ...opts, query }),
  ]);
  if (!ctx.current()) return;
  const name = project.name || project.id;
  const titles = new Map(journeys.map((j) => [j.id, j.title || j.id]));
  const sections = agenda.sections || [];
  const whom = actor && sections.length ? sections[0].actor.name || actor : name;
  ctx.setTitle(`${t("agenda.title")}: ${whom}`);

  const chooser = actorChooser(projectId, actors, actor);
  const save = () => {
    const file = `glapp-${projectId}-agenda${actor ? `-${actor}` : ""}.md`;
    download(agendaPath, { ...query, format: "md", lang: lang() }, file, "text/markdown")
      .then(() => ctx.notify(t("report.downloaded", { file })), ctx.handleError);
  };
  replace(ctx.main,
    crumbs(t("app.breadcrumb"), [
      { href: "#/", text: t("app.projects") },
      { href: projectHref(projectId), text: name },
      { text: t("agenda.title") },
    ]),
    h("h1", { tabindex: "-1" }, `${t("agenda.title")}: ${whom}`),
    h("p", { class: "lead" }, t("agenda.intro")),
    chooser,
    h("p", { class: "button-row" },
      h("button", { type: "button", class: "button primary", id: "agenda-print", on: { click: () => window.print() } }, t("agenda.print")),
      h("button", { type: "button", class: "button", on: { click: save } }, t("report.md"))),
    sections.length === 0 ? h("p", {}, t("agenda.noActors")) : null,
    sections.map((s) => section(projectId, s, titles, rules)),
    agenda.next ? h("p", {}, h("a", { href: agendaHref(projectId, { cursor: agenda.next }) }, t("agenda.more"))) : null,
    h("p", { class: "meta agenda-how" }, t("agenda.how")),
  );
}

/** actorChooser is a form that opens one actor's agenda, or every actor's. */
function actorChooser(projectId, actors, selected) {
  const id = uid("agenda-actor");
  const sorted = [...actors].sort((a, b) => (a.name || a.id).localeCompare(b.name || b.id, lang()));
  const form = h("form", { class: "filters box agenda-chooser" },
    h("div", { class: "field" },
      h("label", { for: id }, t("agenda.actor")),
      h("select", { id, name: "actor" },
        h("option", { value: "" }, t("agenda.everyActor")),
        sorted.map((a) => h("option", { value: a.id, selected: a.id === selected }, a.name || a.id)))),
    h("button", { type: "submit", class: "button" }, t("agenda.show")),
  );
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    location.hash = agendaHref(projectId, { actor: new FormData(form).get("actor") || "" });
  });
  return form;
}

function section(projectId, s, titles, rules) {
  const headingId = uid("agenda");
  const journeyLink = (item) => (item.journey
    ? h("a", { href: journeyHref(projectId, item.journey, item.kind === "finding" ? selectOf(item) : item.id) }, titles.get(item.journey) || item.journey)
    : null);
  return h("section", { class: "agenda-section box", "aria-labelledby": headingId, dataset: { actor: s.actor.id } },
    h("h2", { id: headingId }, s.actor.name || s.actor.id),
    h("p", { class: "agenda-contact" }, h("strong", {}, `${t("agenda.contact")}: `), s.actor.contact || t("agenda.noContact")),

    h("h3", {}, `${t("agenda.questions")} (${s.questions.length})`),
    s.questions.length === 0 ? h("p", {}, t("agenda.noQuestions")) : h("ul", { class: "agenda-list" }, s.questions.map((q) => h("li", { dataset: { element: q.id, field: q.field } },
      h("span", { class: "agenda-box", "aria-hidden": "true" }),
      h("span", {}, h("strong", {}, pick(q.question)),
        h("span", { class: "meta" }, " ", pick(q.name), ` (${(q.roles || []).map((r) => label("agendaRole", r)).join(", ")}) – `, journeyLink(q)))))),

    h("h3", {}, `${t("agenda.hypotheses")} (${s.hypotheses.length})`),
    s.hypotheses.length === 0 ? h("p", {}, t("agenda.noHypotheses")) : h("ul", { class: "agenda-list" }, s.hypotheses.map((x) => h("li", { dataset: { insight: x.id } },
      h("span", { class: "agenda-box", "aria-hidden": "true" }),
      h("span", {}, h("q", {}, x.text),
        h("span", { class: "meta" }, " ", x.kind === "evidence" ? t("agenda.imported") : t("agenda.insight"), ` ${x.id}`,
          x.source ? ` · ${t("agenda.source")}: ${[x.source.id, x.source.kind ? label("sourceKind", x.source.kind) : "", x.source.date || ""].filter(Boolean).join(", ")}` : "",
          x.journey ? " – " : "", journeyLink(x)))))),

    h("h3", {}, `${t("agenda.findings")} (${s.findings.length})`),
    s.findings.length === 0 ? h("p", {}, t("agenda.noFindings")) : h("ul", { class: "agenda-list" }, s.findings.map((f) => h("li", { dataset: { fingerprint: f.fingerprint } },
      h("span", { class: "agenda-box", "aria-hidden": "true" }),
      h("span", {}, severityBadge(f.severity), " ", h("strong", {}, ruleLabel(rules, f.rule)), ": ", pick(f.explanation),
        h("span", { class: "meta" }, " – ", journeyLink(f)))))),
  );
}

/** selectOf picks the element a finding's link opens in the map. */
function selectOf(f) {
  return (f.subject || []).find((x) => x !== f.journey) || "";
}
