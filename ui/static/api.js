// The page's only way to the HTTP API: every request carries the bearer token and the
// page's language, and every error answer becomes an ApiError holding the problem+json.

import { lang, t } from "./i18n.js";

const TOKEN_KEY = "glapp.token";

/** token keeps the bearer token in sessionStorage only: it is gone with the tab. */
export const token = {
  get: () => sessionStorage.getItem(TOKEN_KEY) || "",
  set: (v) => sessionStorage.setItem(TOKEN_KEY, v),
  clear: () => sessionStorage.removeItem(TOKEN_KEY),
};

/** ApiError is an error answer: status, and the RFC 9457 problem the server sent. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }

  /** details lists the detail of each violation in errors[], if any. */
  get details() {
    return (this.problem.errors || []).map((e) => e.detail).filter(Boolean);
  }
}

/** path builds an API path, escaping every interpolated value: path`/projects/${id}`. */
export function path(strings, ...values) {
  return strings.reduce((out, s, i) => out + s + (i < values.length ? encodeURIComponent(values[i]) : ""), "");
}

async function request(method, p, { query, body, accept = "application/json", signal } = {}) {
  const url = new URL("/api/v1" + p, location.origin);
  for (const [k, v] of Object.entries(query || {})) {
    if (v !== undefined && v !== null && v !== "" && v !== false) url.searchParams.set(k, String(v));
  }
  const headers = { Accept: accept, "Accept-Language": lang() };
  const tok = token.get();
  if (tok) headers.Authorization = `Bearer ${tok}`;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  let res;
  try {
    res = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal });
  } catch (err) {
    if (err.name === "AbortError") throw err;
    throw new ApiError(0, { detail: t("msg.network") });
  }
  if (!res.ok) {
    let problem = { title: res.statusText, status: res.status };
    if ((res.headers.get("Content-Type") || "").includes("json")) {
      problem = await res.json().catch(() => problem);
    }
    throw new ApiError(res.status, problem);
  }
  return res;
}

/** getJSON GETs p and decodes the JSON answer. */
export async function getJSON(p, opts = {}) {
  const res = await request("GET", p, opts);
  return res.json();
}

/** getText GETs p and returns the body as text (for SVG). */
export async function getText(p, opts = {}) {
  const res = await request("GET", p, opts);
  return res.text();
}

/** send makes a write (PUT, POST, PATCH, DELETE) and returns the decoded answer, if any. */
export async function send(method, p, body) {
  const res = await request(method, p, { body });
  return res.status === 204 ? null : res.json();
}

/** getAll follows a list's `next` cursor and returns every item. */
export async function getAll(p, opts = {}) {
  const items = [];
  let cursor = "";
  do {
    const page = await getJSON(p, { ...opts, query: { ...opts.query, limit: 500, cursor } });
    items.push(...(page.items || []));
    cursor = page.next || "";
  } while (cursor);
  return items;
}

/**
 * download fetches p with the token (a plain link could not send it) and saves the answer
 * as filename through a Blob URL.
 */
export async function download(p, query, filename, accept) {
  const res = await request("GET", p, { query, accept });
  saveBlob(await res.blob(), filename);
}

/** saveBlob saves blob as filename, as a download the browser asks about or keeps. */
export function saveBlob(blob, filename) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}
