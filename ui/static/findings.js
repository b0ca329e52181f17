// How a finding looks wherever it is shown (the journey's side panel, the project report):
// severity in words and colour, the rule, the explanation, why it has its severity, the
// evidence, and the triage decision with buttons for tokens that may triage.

import { getJSON, path, send } from "./api.js";
import { askText } from "./dialog.js";
import { h } from "./dom.js";
import { label, pick, t } from "./i18n.js";

let rulesPromise = null;

/** loadRules returns the gap rules as a Map from rule to its info; fetched once. */
export function loadRules() {
  rulesPromise ??= getJSON("/rules").then((list) => new Map(list.map((r) => [r.rule, r]))).catch((err) => {
    rulesPromise = null;
    throw err;
  });
  return rulesPromise;
}

/** ruleLabel returns a rule's label in the page's language. */
export function ruleLabel(rules, rule) {
  const info = rules?.get(rule);
  return info ? pick(info.label) : rule;
}

/** severityBadge shows a severity as text on its colour. */
export function severityBadge(severity) {
  return h("span", { class: `badge sev-${severity}` }, label("severity", severity));
}

/** actorsOf says whom a finding is about: "from → to", or one actor. */
function actorsOf(f) {
  if (f.actors) return `${f.actors.from?.name ?? ""} → ${f.actors.to?.name ?? ""}`;
  return f.actor?.name ?? "";
}

/** evidenceList shows a finding's or an element's insights. */
export function evidenceList(items) {
  return h("ul", { class: "evidence" }, items.map((e) => h("li", { class: `insight status-${e.status}` },
    h("blockquote", { text: e.text }),
    h("p", { class: "meta" }, [
      label("insightKind", e.kind),
      label("insightStatus", e.status),
      e.sentiment !== undefined && e.sentiment !== null ? t("evidence.sentiment", { sentiment: signed(e.sentiment) }) : null,
      e.source ? t("evidence.source", { source: e.source }) : null,
    ].filter(Boolean).join(" · ")),
  )));
}

/** signed writes a number with its sign, as the reports do: +1, 0, −2. */
export function signed(n) {
  return n > 0 ? `+${n}` : n < 0 ? `−${-n}` : "0";
}

/**
 * findingCard renders one finding. opts:
 *   rules: Map from loadRules; level: heading level of the card (3 or 4);
 *   journey: {title, href} to name the journey and link to it, or null;
 *   triage: {projectId, notify, handleError, onChanged(fingerprint)} when the token may triage;
 *   proposals: {count, href} to link to the proposals that address the finding, or null.
 */
export function findingCard(f, opts) {
  const headingLevel = `h${opts.level || 4}`;
  const meta = [
    opts.journey ? h("span", {}, `${t("finding.journey")}: `, h("a", { href: opts.journey.href }, opts.journey.title)) : null,
    f.stage ? h("span", {}, `${t("finding.stage")}: ${f.stage}`) : null,
    actorsOf(f) ? h("span", {}, actorsOf(f)) : null,
  ].filter(Boolean);
  const card = h("article", { class: `finding-card sev-border-${f.severity}`, dataset: { fingerprint: f.fingerprint } },
    h("div", { class: "finding-head" },
      severityBadge(f.severity),
      h(headingLevel, { class: "finding-title" }, ruleLabel(opts.rules, f.rule)),
      f.triage ? h("span", { class: `badge triage triage-${f.triage.status}` }, label("triage", f.triage.status)) : null,
    ),
    meta.length ? h("p", { class: "meta finding-meta" }, meta.flatMap((m, i) => (i ? [" · ", m] : [m]))) : null,
    h("p", { class: "explanation", text: f.explanation }),
    f.severityReason ? h("p", { class: "meta severity-reason" }, `${t("finding.why")}: ${f.severityReason}`) : null,
    f.triage?.reason || f.triage?.proposal || f.triage?.note ? h("p", { class: "triage-text" },
      f.triage.reason ? `${t("finding.triage")} (${t("finding.reason")}): ${f.triage.reason}` : `${t("finding.triage")} (${t("finding.note")}): ${f.triage.proposal || f.triage.note}`) : null,
    h("div", { class: "evidence-block" },
      h("p", { class: "evidence-label" }, `${t("finding.evidence")} (${evidenceCount(f)})`),
      (f.evidence || []).length ? evidenceList(f.evidence) : h("p", { class: "meta" }, t("finding.noEvidence")),
      evidenceCount(f) > (f.evidence || []).length
        ? h("p", { class: "meta" }, t("finding.moreEvidence", { shown: f.evidence.length, count: evidenceCount(f) })) : null,
    ),
    opts.proposals?.count ? h("p", { class: "finding-proposals" },
      h("a", { href: opts.proposals.href }, t("finding.proposals", { n: opts.proposals.count }))) : null,
    opts.triage ? triageButtons(f, opts.triage) : null,
  );
  return card;
}

/** evidenceCount is how many insights back a finding; it quotes only the strongest few. */
function evidenceCount(f) {
  return f.evidenceCount ?? (f.evidence || []).length;
}

function triageButtons(f, opts) {
  const current = f.triage?.status;
  const button = (text, onClick) => h("button", { type: "button", class: "button small", on: { click: onClick } }, text);
  return h("div", { class: "button-row triage-actions", role: "group", "aria-label": t("finding.actions") },
    current !== "confirmed" ? button(t("finding.confirm"), () => decide(f, "confirmed", opts)) : null,
    button(t("finding.dismiss"), () => decide(f, "dismissed", opts)),
    button(t("finding.address"), () => decide(f, "addressed", opts)),
    current ? button(t("finding.undo"), () => undo(f, opts)) : null,
  );
}

async function decide(f, status, opts) {
  const body = { status };
  if (status === "dismissed") {
    const reason = await askText({ title: t("dialog.dismissTitle"), label: t("dialog.reason"), value: f.triage?.reason });
    if (reason === null) return;
    body.reason = reason;
  }
  if (status === "addressed") {
    // Triage names an existing proposal by id (docs/model.md, Triage).
    const proposal = await askText({ title: t("dialog.addressTitle"), label: t("dialog.note"), value: f.triage?.proposal });
    if (proposal === null) return;
    body.proposal = proposal.trim();
  }
  try {
    await send("PUT", path`/projects/${opts.projectId}/findings/${f.fingerprint}`, body);
    await opts.onChanged(f.fingerprint);
    opts.notify(t("finding.saved", { status: label("triage", status) }));
  } catch (err) {
    opts.handleError(err);
  }
}

async function undo(f, opts) {
  try {
    await send("DELETE", path`/projects/${opts.projectId}/findings/${f.fingerprint}`);
    await opts.onChanged(f.fingerprint);
    opts.notify(t("finding.undone"));
  } catch (err) {
    opts.handleError(err);
  }
}

/** focusFinding moves focus to the first button (or the card) of a re-rendered finding. */
export function focusFinding(root, fingerprint) {
  const card = root.querySelector(`[data-fingerprint="${CSS.escape(fingerprint)}"]`);
  if (!card) return;
  const target = card.querySelector("button") || card;
  if (target === card) card.setAttribute("tabindex", "-1");
  target.focus();
}
