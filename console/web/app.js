// The router: #/search?..., #/profile/ID, #/review. Deep links open the
// same views from another tool. "/" focuses the search.
"use strict";
function route(hash) {
  if (hash !== undefined && location.hash !== hash) { location.hash = hash; return; }
  const view = document.getElementById("view");
  view.replaceChildren();
  applyStaticLabels();
  const hs = location.hash.replace(/^#/, "") || "/search";
  const [path, query] = hs.split("?");
  const parts = path.split("/").filter(Boolean);
  if (parts[0] === "profile" && parts[1]) renderProfile(view, decodeURIComponent(parts[1]));
  else if (parts[0] === "review") renderReview(view);
  else renderSearch(view, new URLSearchParams(query || ""));
}
window.addEventListener("hashchange", () => route());
document.getElementById("auth").addEventListener("submit", (e) => {
  e.preventDefault();
  setToken(document.getElementById("token").value.trim());
  route();
});
document.getElementById("lang").addEventListener("click", () => {
  setLang(lang === "fr" ? "en" : "fr");
  route();
});
document.addEventListener("keydown", (e) => {
  if (e.key === "/" && !["INPUT", "TEXTAREA"].includes(document.activeElement.tagName)) {
    e.preventDefault();
    if (!location.hash.startsWith("#/search")) location.hash = "#/search";
    else document.getElementById("q-name")?.focus();
  }
});
document.getElementById("token").value = token();
route();
