// Small helpers for building the page with DOM calls. Text from the API is only ever set
// as text (textContent or attribute values), never parsed as HTML.

/**
 * h creates an element. attrs: plain attributes, plus `class`, `text` (textContent),
 * `on` ({event: handler}) and boolean attributes given as true/false. Children may be
 * nodes, strings, numbers, arrays or null/undefined/false (skipped).
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "text") el.textContent = String(v);
    else if (k === "on") for (const [ev, fn] of Object.entries(v)) el.addEventListener(ev, fn);
    else if (k === "class") el.className = Array.isArray(v) ? v.filter(Boolean).join(" ") : v;
    else if (k === "dataset") Object.assign(el.dataset, v);
    else el.setAttribute(k, v === true ? "" : String(v));
  }
  append(el, children);
  return el;
}

/** append adds children (nodes, strings, arrays; null and false are skipped) to el. */
export function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

/** clear removes every child of el and returns it. */
export function clear(el) {
  el.replaceChildren();
  return el;
}

/** replace sets el's children to the given ones (as append takes them) and returns el. */
export function replace(el, ...children) {
  return append(clear(el), children);
}

/** uid returns an id that is unique on the page, for label and aria references. */
let counter = 0;
export function uid(prefix = "id") {
  counter += 1;
  return `${prefix}-${counter}`;
}

/**
 * crumbs renders a breadcrumb trail: items are {href, text}; the last one is the current
 * page and has no link.
 */
export function crumbs(navLabel, items) {
  return h("nav", { class: "crumbs", "aria-label": navLabel },
    h("ol", {}, items.map((it, i) => h("li", {},
      i === items.length - 1 ? h("span", { "aria-current": "page" }, it.text) : h("a", { href: it.href }, it.text)))),
  );
}
