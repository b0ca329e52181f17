// The message area under the header: errors in an assertive live region, confirmations in
// a polite one, so that screen readers announce both and sighted users see them.

import { clear, h, replace } from "./dom.js";
import { t } from "./i18n.js";

const alertRegion = () => document.getElementById("alert");
const statusRegion = () => document.getElementById("status");

/** showError shows an error: the problem's detail and each of its errors[].detail. */
export function showError(err) {
  const details = typeof err.details === "object" ? err.details : [];
  const box = h("div", { class: "message message-error" },
    h("p", { class: "message-title" }, t("msg.error")),
    h("p", { text: err.message || String(err) }),
    details.length ? h("ul", {}, details.map((d) => h("li", { text: d }))) : null,
    h("button", { type: "button", class: "button small message-close", on: { click: () => clear(alertRegion()) } }, t("msg.close")),
  );
  replace(alertRegion(), box);
}

/** notify shows a short confirmation, for a few seconds. */
export function notify(text) {
  const region = statusRegion();
  const message = h("p", { class: "message message-ok", text });
  replace(region, message);
  setTimeout(() => message.remove(), 8000);
}

/** clearMessages empties both regions, as a new page starts. */
export function clearMessages() {
  clear(alertRegion());
  clear(statusRegion());
}
