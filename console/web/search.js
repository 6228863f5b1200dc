// Search as you type: #/search?name=...&phone=...&email=...&customer_id=
// ...&city=...; ranked hits with what matched, each a link to its profile.
"use strict";
const SEARCH_FIELDS = ["name", "phone", "email", "customer_id", "city"];
let searchSeq = 0;  // Only the latest query's answer is shown.

function renderSearch(view, params) {
  const results = h("div", {id: "hits"});
  const inputs = {};
  const form = h("form", {class: "fields", role: "search",
                          onsubmit: (e) => { e.preventDefault(); run(); }});
  for (const f of SEARCH_FIELDS) {
    inputs[f] = h("input", {id: `q-${f}`, name: f, value: params.get(f) || "",
                            autocomplete: "off", oninput: () => schedule()});
    form.append(h("label", {for: `q-${f}`}, t(`search.${f}`), inputs[f]));
  }
  view.append(card(t("search.title"), form, results));
  let timer = null;
  function schedule() { clearTimeout(timer); timer = setTimeout(run, 200); }
  async function run() {
    const q = {};
    for (const f of SEARCH_FIELDS) {
      const v = inputs[f].value.trim();
      if (v) q[f] = v;
    }
    const hash = "#/search?" + new URLSearchParams(q).toString();
    if (location.hash !== hash) history.replaceState(null, "", hash);
    const seq = ++searchSeq;
    if (!q.name && !q.phone && !q.email && !q.customer_id) {
      results.replaceChildren(h("p", {class: "muted"}, t("search.hint")));
      return;
    }
    try {
      const r = await identity("SearchProfiles", {...q, limit: 20});
      if (seq !== searchSeq) return;
      results.replaceChildren(hitList(r.hits || []));
    } catch (e) {
      if (seq !== searchSeq) return;
      results.replaceChildren(h("p", {class: "error"}, errorText(e)));
    }
  }
  inputs.name.focus();
  run();
}

function hitList(hits) {
  if (!hits.length) return h("p", {id: "no-hits"}, t("search.none"));
  return h("ul", {class: "hits"}, hits.map((hit) => {
    const g = hit.golden || {};
    return h("li", {class: "hit"},
      h("a", {href: `#/profile/${encodeURIComponent(hit.profile_id)}`},
        personName(g.name) || hit.profile_id),
      " ", h("span", {class: "muted"}, hit.profile_id),
      h("div", {class: "muted"},
        [g.birth_date, address(g.address), (g.emails || [])[0],
         (g.phones || [])[0]].filter(Boolean).join(" · ")),
      h("div", {}, `${t("search.matched")}: `,
        (hit.matched_fields || []).map((f) => h("span", {class: "tag"}, f)),
        h("span", {class: "muted"}, ` ${Number(hit.score || 0).toFixed(2)}`)));
  }));
}
