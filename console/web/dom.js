// h(tag, attrs, ...children): builds an element. Text is always set as
// text, never parsed as HTML: customer data cannot inject markup.
"use strict";
function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else if (k === "class") el.className = v;
    else el.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}
function card(title, ...body) {
  return h("section", {class: "card"}, h("h2", {}, title), ...body);
}
function ref(r) { return r ? `${r.source}:${r.source_id}` : ""; }
function personName(n) {
  if (!n) return "";
  return n.full || [n.given, n.family].filter(Boolean).join(" ");
}
function address(a) {
  if (!a) return "";
  return [a.line1, a.line2, [a.postal_code, a.city].filter(Boolean).join(" "),
          a.country].filter(Boolean).join(", ");
}
function when(ts) { return ts ? ts.replace("T", " ").replace(/\.\d+Z$|Z$/, " UTC") : ""; }
function enumName(v, prefix) {
  return (v || "").replace(prefix, "").toLowerCase().replace(/_/g, " ");
}
function status(text, isError) {
  const el = document.getElementById("status");
  el.className = isError ? "error" : "ok";
  el.textContent = text || "";
  if (text && !isError) setTimeout(() => { if (el.textContent === text) el.textContent = ""; }, 4000);
}
