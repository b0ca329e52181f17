// The log-in form: the token goes to sessionStorage only, and is checked against
// GET /api/v1/whoami before the page trusts it.

import { h, replace, uid } from "./dom.js";
import { t } from "./i18n.js";

/** renderLogin shows the form in main and calls onToken with what the user typed. */
export function renderLogin(main, onToken) {
  const inputId = uid("token");
  const hintId = uid("token-hint");
  const errorId = uid("token-error");
  const input = h("input", {
    id: inputId, name: "token", type: "password", autocomplete: "off", spellcheck: "false",
    required: true, "aria-describedby": hintId,
  });
  const error = h("p", { id: errorId, class: "field-error", hidden: true });
  const form = h("form", { class: "login box", novalidate: true },
    h("h1", { tabindex: "-1" }, t("login.title")),
    h("p", { id: hintId }, t("login.intro")),
    h("div", { class: "field" },
      h("label", { for: inputId }, t("login.label")),
      input,
      error,
    ),
    h("button", { type: "submit", class: "button primary" }, t("login.submit")),
  );
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const value = input.value.trim();
    if (!value) {
      error.textContent = t("login.required");
      error.hidden = false;
      input.setAttribute("aria-invalid", "true");
      input.setAttribute("aria-describedby", `${hintId} ${errorId}`);
      input.focus();
      return;
    }
    onToken(value);
  });
  replace(main, form);
  input.focus();
}
