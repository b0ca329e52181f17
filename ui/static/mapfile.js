// The journey map as a file: the server's SVG saved as it is, the same drawn into a PNG in
// the browser, and the map printed on A3 landscape with its numbered findings.

import { download, getText, saveBlob } from "./api.js";

/** saveSvg saves the map exactly as the API draws it: its own style sheet, its legend. */
export function saveSvg(diagramPath, lang, filename) {
  return download(diagramPath, { format: "svg", lang }, filename, "image/svg+xml");
}

/**
 * savePng draws the server's SVG on a canvas at twice its size (sharp on a projector and
 * in a slide) and saves that. The SVG is loaded as an image from a data: URL, which the
 * page's content security policy allows and which leaves the canvas readable.
 */
export async function savePng(diagramPath, lang, filename) {
  const text = await getText(diagramPath, { query: { format: "svg", lang }, accept: "image/svg+xml" });
  // The size from the viewBox, read as text: parsing the SVG into a document here would
  // meet its <style>, which the page's policy refuses (and logs).
  const vb = /<svg[^>]*\sviewBox="[\d.]+ [\d.]+ ([\d.]+) ([\d.]+)"/.exec(text);
  const scale = 2;
  const width = Math.round((vb ? parseFloat(vb[1]) : 1190.55) * scale);
  const height = Math.round((vb ? parseFloat(vb[2]) : 841.89) * scale);
  const img = new Image(width, height);
  img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`;
  await img.decode();
  const canvas = document.createElement("canvas");
  canvas.width = width;
  canvas.height = height;
  const g = canvas.getContext("2d");
  g.fillStyle = "#fff";
  g.fillRect(0, 0, width, height);
  g.drawImage(img, 0, 0, width, height);
  const blob = await new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error("PNG"))), "image/png"));
  saveBlob(blob, filename);
}

/**
 * printCrop makes the map in the page print as the map and its key only: the numbered
 * findings the SVG lists under the key are printed from the page instead, with where each
 * sits. It returns a function that undoes the crop. app.css sets A3 landscape.
 */
export function printCrop(svg) {
  const first = svg?.querySelector(".legend-entry");
  if (!svg || !first) return () => {};
  const before = svg.getAttribute("viewBox");
  const vb = svg.viewBox.baseVal;
  const heads = svg.querySelectorAll(".legend > text.head");
  const cut = heads.length > 1 ? heads[1].getBBox().y - 8 : first.getBBox().y - 8;
  svg.setAttribute("viewBox", `${vb.x} ${vb.y} ${vb.width} ${Math.max(cut - vb.y, 1)}`);
  svg.classList.add("is-print-cropped");
  return () => {
    svg.setAttribute("viewBox", before);
    svg.classList.remove("is-print-cropped");
  };
}
