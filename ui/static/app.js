// Glapp's web page: hash routes (#/projects/demo/journeys/x) so that links, back and
// forward work; the header's tools; and the log-in flow. Each page lives in its own
// module and gets a context object; nothing else is shared between them.

import { ApiError, getJSON, token } from "./api.js";
import { h, replace } from "./dom.js";
import { label, lang, setLang, t } from "./i18n.js";
import { journeyView } from "./journey.js";
import { renderLogin } from "./login.js";
import { agendaView } from "./agenda.js";
import { chainView } from "./chain.js";
import { compareView, conformanceView } from "./compare.js";
import { goalsView } from "./goals.js";
import { offeringView } from "./offering.js";
import { proposalsView } from "./proposals.js";
import { clearMessages, notify, showError } from "./messages.js";
import { projectsView, projectView } from "./projects.js";
import { reportView } from "./report.js";

const LARGE_TEXT_KEY = "glapp.largeText";
const main = document.getElementById("main");

const routes = [
  { pattern: /^\/?$/, view: projectsView },
  { pattern: /^\/projects\/([^/]+)\/?$/, view: projectView },
  { pattern: /^\/projects\/([^/]+)\/journeys\/([^/]+)\/?$/, view: journeyView },
  { pattern: /^\/projects\/([^/]+)\/gaps\/?$/, view: reportView },
  { pattern: /^\/projects\/([^/]+)\/effect-chain\/?$/, view: chainView },
  { pattern: /^\/projects\/([^/]+)\/compare\/?$/, view: compareView },
  { pattern: /^\/projects\/([^/]+)\/journeys\/([^/]+)\/conformance\/?$/, view: conformanceView },
  { pattern: /^\/projects\/([^/]+)\/agenda\/?$/, view: agendaView },
  { pattern: /^\/projects\/([^/]+)\/goals\/?$/, view: goalsView },
  { pattern: /^\/projects\/([^/]+)\/proposals\/?$/, view: proposalsView },
  { pattern: /^\/projects\/([^/]+)\/offering\/?$/, view: offeringView },
];

/** app is the page's state: who the token is, and the page being shown. */
const app = {
  me: null, // the token's whoami, once checked
  navigation: null, // the AbortController of the page being shown
  lastPath: null, // the route path shown last, to tell a new page from new filters
};

function parseHash() {
  const raw = location.hash.replace(/^#/, "") || "/";
  const i = raw.indexOf("?");
  return i < 0 ? { path: raw, query: new URLSearchParams() } : { path: raw.slice(0, i), query: new URLSearchParams(raw.slice(i + 1)) };
}

function renderHeader() {
  document.getElementById("skip-link").textContent = t("app.skip");
  const nav = document.getElementById("site-nav");
  nav.setAttribute("aria-label", t("app.mainMenu"));
  const onList = parseHash().path.replace(/\/$/, "") === "";
  replace(nav, app.me ? h("a", { href: "#/", "aria-current": onList ? "page" : null }, t("app.projects")) : null);
  const large = document.documentElement.classList.contains("large-text");
  replace(document.getElementById("site-tools"),
    app.me ? h("span", { class: "role" }, t("app.role", { role: label("role", app.me.role) })) : null,
    h("button", {
      type: "button", class: "button header-button", lang: lang() === "sv" ? "en" : "sv", id: "lang-toggle",
      on: { click: switchLanguage },
    }, t("app.otherLanguage")),
    h("button", {
      type: "button", class: "button header-button", "aria-pressed": String(large), id: "large-text-toggle",
      on: { click: toggleLargeText },
    }, t("app.largeText")),
    app.me ? h("button", { type: "button", class: "button header-button", id: "logout", on: { click: logout } }, t("app.logout")) : null,
  );
}

async function switchLanguage() {
  setLang(lang() === "sv" ? "en" : "sv");
  await show(); // the same page, redrawn in the other language
  document.getElementById("lang-toggle")?.focus();
}

function toggleLargeText() {
  const on = document.documentElement.classList.toggle("large-text");
  localStorage.setItem(LARGE_TEXT_KEY, on ? "1" : "");
  document.getElementById("large-text-toggle").setAttribute("aria-pressed", String(on));
  window.dispatchEvent(new Event("glapp:textsize"));
}

function logout() {
  token.clear();
  app.me = null;
  history.replaceState(null, "", "#/");
  show().then(() => notify(t("msg.loggedOut")));
}

async function login(value) {
  token.set(value);
  app.me = null;
  await show();
}

function handleError(err) {
  if (err?.name === "AbortError") return;
  if (err instanceof ApiError && err.status === 401) {
    token.clear();
    app.me = null;
    app.lastPath = null;
    renderHeader();
    renderLogin(main, login);
    showError(new ApiError(401, { detail: t("msg.badToken") }));
    return;
  }
  showError(err);
}

/** show renders the page the hash names. */
async function show() {
  app.navigation?.abort();
  const navigation = new AbortController();
  app.navigation = navigation;
  clearMessages();
  document.title = "Glapp";
  renderHeader();
  if (!token.get()) {
    app.lastPath = null;
    renderLogin(main, login);
    return;
  }
  const { path, query } = parseHash();
  const samePage = app.lastPath === path;
  app.lastPath = path;
  main.setAttribute("aria-busy", "true");
  try {
    if (!app.me) {
      app.me = await getJSON("/whoami", { signal: navigation.signal });
      renderHeader();
    }
    const route = routes.find((r) => r.pattern.test(path));
    if (!route) {
      replace(main, h("h1", { tabindex: "-1" }, t("app.notFound")), h("p", {}, h("a", { href: "#/" }, t("app.backToProjects"))));
      main.querySelector("h1").focus();
      return;
    }
    const params = path.match(route.pattern).slice(1).map(decodeURIComponent);
    const ctx = {
      main, query, samePage, signal: navigation.signal, me: app.me,
      can: (perm) => (app.me.permissions || []).includes(perm),
      current: () => app.navigation === navigation,
      handleError, notify,
      setTitle: (s) => { document.title = `${s} – Glapp`; },
    };
    if (!samePage) replace(main, h("p", { class: "loading" }, t("app.loading")));
    await route.view(ctx, ...params);
    if (!samePage && app.navigation === navigation) main.querySelector("h1")?.focus();
  } catch (err) {
    if (app.navigation !== navigation || err?.name === "AbortError") return;
    if (!(err instanceof ApiError && err.status === 401)) {
      // The page could not be drawn: say so where it would have been, with a way back.
      replace(main, h("h1", { tabindex: "-1" }, t("msg.error")), h("p", {}, h("a", { href: "#/" }, t("app.backToProjects"))));
    }
    handleError(err);
  } finally {
    if (app.navigation === navigation) main.removeAttribute("aria-busy");
  }
}

function start() {
  setLang(lang());
  if (localStorage.getItem(LARGE_TEXT_KEY)) document.documentElement.classList.add("large-text");
  document.getElementById("skip-link").addEventListener("click", (e) => {
    e.preventDefault(); // the hash is the route; the skip link only moves focus
    main.focus();
  });
  window.addEventListener("hashchange", show);
  show();
}

start();
