// The customer view, #/profile/ID: golden view with the source of each
// field, identifiers, records grouped by channel, the interaction
// timeline with its facts, open cases, consents, possible matches, the
// actions (actions.js) and the audit trail.
"use strict";
async function renderProfile(view, profileId) {
  view.append(h("p", {class: "muted"}, "…"));
  let ctx, prof;
  try {
    [ctx, prof] = await Promise.all([
      identity("GetContext", {target: {profile_id: profileId}, max_interactions: 50}),
      identity("GetProfile", {profile_id: profileId, include_records: true,
                              records_page_size: 1000})]);
  } catch (e) {
    view.replaceChildren(card(profileId, h("p", {class: "error"}, errorText(e))));
    return;
  }
  const c = ctx.context || {};
  const p = prof.profile || {};
  const records = prof.records || [];
  view.replaceChildren(
    h("h1", {id: "profile-title"}, personName((c.golden || {}).name) || c.profile_id,
      " ", h("span", {class: "muted"}, c.profile_id),
      ctx.redirected ? h("span", {class: "muted"},
        ` (${profileId} ${t("profile.redirected")} ${c.profile_id})`) : ""),
    h("div", {class: "grid"},
      goldenCard(c.golden || {}),
      h("div", {}, casesCard(c.cases || []), consentsCard(c.consents || []),
        factsCard(c.facts || []))),
    timelineCard(c.recent_interactions || []),
    recordsCard(records),
    identifiersCard(c.identifiers || []),
    possibleCard(p.possible_matches || []),
    actionsCard(c.profile_id, records),
    auditCard(c.profile_id));
}

function goldenCard(g) {
  const prov = {};
  for (const pv of g.provenance || []) prov[pv.field] = pv;
  const rows = [
    ["name", personName(g.name)], ["birth_date", g.birth_date],
    ["gender", g.gender], ["address", address(g.address)],
    ["emails", (g.emails || []).join(", ")], ["phones", (g.phones || []).join(", ")],
    ["organization", g.organization]].filter(([, v]) => v);
  return card(t("profile.golden"), h("table", {id: "golden"}, rows.map(([f, v]) =>
    h("tr", {}, h("th", {}, t(`field.${f}`)), h("td", {}, v),
      h("td", {class: "muted"}, prov[f] ? `${t("profile.source")} ${ref(prov[f].record)}` +
        ` (${prov[f].rule})` : "")))));
}

function identifiersCard(ids) {
  return card(t("profile.identifiers"), h("table", {}, ids.map((i) =>
    h("tr", {}, h("th", {}, i.type), h("td", {}, i.value),
      h("td", {class: "muted"}, ref(i.record), i.brand ? ` · ${i.brand}` : "")))));
}

function casesCard(cases) {
  const open = cases.filter((k) => k.status !== "CASE_STATUS_RESOLVED");
  return card(t("profile.cases"), open.length ? h("ul", {id: "cases"}, open.map((k) =>
    h("li", {}, h("strong", {}, k.case_id), " ",
      h("span", {class: "tag"}, enumName(k.status, "CASE_STATUS_")),
      ` ${k.last_channel || ""}: ${k.last_summary || ""}`))) :
    h("p", {class: "muted"}, t("profile.none")));
}

function consentsCard(consents) {
  return card(t("profile.consents"), consents.length ? h("ul", {id: "consents"},
    consents.map((k) => h("li", {}, h("strong", {}, k.purpose), " ",
      k.granted ? t("profile.granted") : t("profile.withdrawn"),
      h("span", {class: "muted"}, ` ${when(k.at)} ${k.source || ""}`)))) :
    h("p", {class: "muted"}, t("profile.none")));
}

function factsCard(facts) {
  return card(t("profile.facts"), facts.length ? h("table", {id: "facts"},
    facts.map((f) => h("tr", {}, h("th", {}, f.key), h("td", {}, f.value),
      h("td", {class: "muted"}, `${f.channel || ""} ${when(f.at)}`)))) :
    h("p", {class: "muted"}, t("profile.none")));
}

function timelineCard(items) {
  return card(t("profile.timeline"), items.length ? h("ul", {class: "timeline", id: "timeline"},
    items.map((i) => h("li", {},
      h("span", {class: "muted"}, when(i.at)), " ",
      h("span", {class: "tag"}, i.channel), h("strong", {}, i.actor || ""), " ",
      i.summary || "",
      i.intent ? h("span", {class: "tag"}, i.intent) : "",
      i.case_id ? h("span", {class: "muted"}, ` ${i.case_id} ${enumName(i.case_status, "CASE_STATUS_")}`) : "",
      Object.entries(i.facts || {}).map(([k, v]) => h("div", {class: "muted"}, `${k} = ${v}`))))) :
    h("p", {class: "muted"}, t("profile.none")));
}

function recordsCard(records) {
  const bySource = {};
  for (const rv of records) (bySource[rv.record.source] ||= []).push(rv);
  const body = Object.entries(bySource).map(([source, rvs]) => h("div", {},
    h("h3", {}, source),
    h("table", {}, rvs.map((rv) => {
      const r = rv.record;
      const key = ref(r);
      return h("tr", {"data-record": key},
        h("td", {}, h("input", {type: "checkbox", class: "pick", value: key,
                                "aria-label": key})),
        h("td", {}, key), h("td", {}, personName(r.name)),
        h("td", {}, r.birth_date || ""), h("td", {}, address(r.address)),
        h("td", {}, (r.identifiers || []).map((i) => `${i.type}: ${i.value}`).join(", ")),
        h("td", {class: "muted"}, rv.link ? `${rv.link.rule} ${rv.link.score ? Number(rv.link.score).toFixed(1) : ""}` : ""));
    }))));
  return card(t("profile.records"), ...body);
}

function possibleCard(matches) {
  if (!matches.length) return "";
  return card(t("profile.possible"), h("ul", {}, matches.map((m) => h("li", {},
    h("a", {href: `#/profile/${encodeURIComponent(m.profile_id)}`}, m.profile_id),
    h("span", {class: "muted"}, ` ${Number(m.score || 0).toFixed(1)} · ${ref(m.record)}`)))));
}

function auditCard(profileId) {
  const body = h("div", {id: "audit"}, "…");
  governance("ListAudit", {profile_id: profileId}).then((r) => {
    const entries = r.entries || [];
    body.replaceChildren(entries.length ? h("table", {}, entries.map((e) => h("tr", {},
      h("td", {class: "muted"}, when(e.at)),
      h("td", {}, enumName(e.action, "AUDIT_ACTION_")), h("td", {}, e.actor || ""),
      h("td", {}, e.reason || ""),
      h("td", {class: "muted"}, (e.profile_ids_before || []).join(", ") + " → " +
        (e.profile_ids_after || []).join(", "))))) :
      h("p", {class: "muted"}, t("audit.none")));
  }).catch((e) => body.replaceChildren(h("p", {class: "muted"},
    e.code === "PERMISSION_DENIED" ? t("audit.denied") : errorText(e))));
  return card(t("profile.audit"), body);
}
