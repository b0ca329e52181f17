// The page's addresses: hash routes, each part escaped.

const enc = encodeURIComponent;

/** projectHref is a project's page. */
export const projectHref = (p) => `#/projects/${enc(p)}`;

/** journeyHref is a journey's map, optionally with an element selected. */
export const journeyHref = (p, j, select) => `#/projects/${enc(p)}/journeys/${enc(j)}${select ? `?select=${enc(select)}` : ""}`;

/** reportHref is a project's gap report with the given filters. */
export function reportHref(p, filters = {}) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) if (v) q.set(k, String(v));
  const s = q.toString();
  return `#/projects/${enc(p)}/gaps${s ? `?${s}` : ""}`;
}

/** chainHref is a project's effect chain. */
export const chainHref = (p) => `#/projects/${enc(p)}/effect-chain`;

/** compareHref compares two journeys of a project. */
export const compareHref = (p, from, to) => `#/projects/${enc(p)}/compare?from=${enc(from)}&to=${enc(to)}`;

/** conformanceHref is a planned journey's conformance over its lived journeys. */
export const conformanceHref = (p, j) => `#/projects/${enc(p)}/journeys/${enc(j)}/conformance`;

/** goalsHref is a project's effect goals. */
export const goalsHref = (p) => `#/projects/${enc(p)}/goals`;

/** proposalsHref is a project's proposals, or only those addressing one finding. */
export const proposalsHref = (p, finding) => `#/projects/${enc(p)}/proposals${finding ? `?finding=${enc(finding)}` : ""}`;

/** agendaHref is a project's agenda: one actor's ({actor}), or every actor's from a cursor. */
export function agendaHref(p, params = {}) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, String(v));
  const s = q.toString();
  return `#/projects/${enc(p)}/agenda${s ? `?${s}` : ""}`;
}
/** offeringHref is a project's offering, optionally for one age group. */
export const offeringHref = (p, ageGroup) => `#/projects/${enc(p)}/offering${ageGroup ? `?ageGroup=${enc(ageGroup)}` : ""}`;
