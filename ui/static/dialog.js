// A modal dialog that asks for one required text (a dismissal's reason, a proposal). The
// native <dialog> keeps focus inside it and closes on Escape.

import { clear, h, replace, uid } from "./dom.js";
import { t } from "./i18n.js";

/** askText resolves to the text the user gave, or null when they cancelled. */
export function askText({ title, label, value = "" }) {
  const dialog = document.getElementById("dialog");
  const opener = document.activeElement;
  return new Promise((resolve) => {
    let result = null;
    const inputId = uid("dialog-text");
    const errorId = uid("dialog-error");
    const textarea = h("textarea", { id: inputId, name: "text", rows: "4", required: true });
    textarea.value = value || "";
    const error = h("p", { id: errorId, class: "field-error", hidden: true }, t("dialog.required"));
    const form = h("form", { class: "dialog-form", novalidate: true },
      h("h2", { id: "dialog-title" }, title),
      h("div", { class: "field" }, h("label", { for: inputId }, label), textarea, error),
      h("div", { class: "button-row" },
        h("button", { type: "submit", class: "button primary" }, t("dialog.save")),
        h("button", { type: "button", class: "button", on: { click: () => dialog.close() } }, t("dialog.cancel")),
      ),
    );
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      const text = textarea.value.trim();
      if (!text) {
        error.hidden = false;
        textarea.setAttribute("aria-invalid", "true");
        textarea.setAttribute("aria-describedby", errorId);
        textarea.focus();
        return;
      }
      result = text;
      dialog.close();
    });
    dialog.addEventListener("close", () => {
      clear(dialog);
      if (result === null && opener instanceof HTMLElement && opener.isConnected) opener.focus();
      resolve(result);
    }, { once: true });
    replace(dialog, form);
    dialog.showModal();
    textarea.focus();
  });
}
