// What an agent does on a profile: why are these together (ExplainProfile,
// ExplainPair of two selected records), split the selected records out,
// merge with another profile, delete the selected records. Every change
// needs a reason, and the view is read again after it.
"use strict";
function actionsCard(profileId, records) {
  const out = h("div", {id: "action-result"});
  const reason = h("input", {id: "reason", size: 40});
  const mergeId = h("input", {id: "merge-id", size: 10});
  const picked = () => [...document.querySelectorAll("input.pick:checked")].map((el) => {
    const i = el.value.indexOf(":");
    return {source: el.value.slice(0, i), source_id: el.value.slice(i + 1)};
  });
  const needReason = () => {
    if (reason.value.trim()) return reason.value.trim();
    out.replaceChildren(h("p", {class: "error"}, t("action.need_reason")));
    reason.focus();
    return null;
  };
  const run = async (fn) => {
    try { await fn(); } catch (e) {
      out.replaceChildren(h("p", {class: "error"}, errorText(e)));
    }
  };
  const reload = (text, id) => { status(`${t("action.done")}: ${text}`); route(id); };
  const buttons = h("div", {class: "fields"},
    h("button", {type: "button", class: "secondary", id: "explain-profile",
      onclick: () => run(async () => out.replaceChildren(
        explanation(await governance("ExplainProfile", {profile_id: profileId}))))},
      t("action.explain_profile")),
    h("button", {type: "button", class: "secondary", id: "explain-pair",
      onclick: () => run(async () => {
        const p = picked();
        if (p.length !== 2) { out.replaceChildren(h("p", {class: "error"}, t("action.select_two"))); return; }
        out.replaceChildren(pairView(await governance("ExplainPair", {a: p[0], b: p[1]})));
      })}, t("action.explain_pair")),
    h("button", {type: "button", id: "split",
      onclick: () => run(async () => {
        const p = picked();
        if (!p.length) { out.replaceChildren(h("p", {class: "error"}, t("action.select_some"))); return; }
        const r = needReason();
        if (!r) return;
        const s = await governance("SplitProfile", {profile_id: profileId, records: p, reason: r});
        reload(`${s.profile_id} / ${s.new_profile_id}`, `#/profile/${s.profile_id}`);
      })}, t("action.split")),
    h("button", {type: "button", class: "danger", id: "delete",
      onclick: () => run(async () => {
        const p = picked();
        if (p.length !== 1) { out.replaceChildren(h("p", {class: "error"}, t("action.select_some"))); return; }
        const r = needReason();
        if (!r || !confirm(`${t("action.confirm_delete")} ${ref(p[0])}?`)) return;
        const d = await governance("DeleteRecord", {record: p[0], reason: r});
        reload(ref(p[0]), d.profile_deleted ? "#/search" : `#/profile/${(d.profile_ids_after || [profileId])[0]}`);
      })}, t("action.delete")));
  const merge = h("form", {class: "fields", onsubmit: (e) => { e.preventDefault(); run(async () => {
      const r = needReason();
      if (!r) return;
      const m = await governance("MergeProfiles", {profile_ids: [profileId, mergeId.value.trim()], reason: r});
      reload(m.profile_id, `#/profile/${m.profile_id}`);
    }); }},
    h("label", {for: "merge-id"}, t("action.merge_id"), mergeId),
    h("button", {type: "submit", id: "merge"}, t("action.merge")));
  return card(t("profile.actions"),
    h("div", {class: "fields"}, h("label", {for: "reason"}, t("action.reason"), reason)),
    buttons, merge, out);
}

function comparisons(list) {
  return h("table", {class: "comparisons"}, (list || []).map((c) => h("tr", {},
    h("td", {}, c.field), h("td", {}, c.level),
    h("td", {}, Number(c.weight || 0).toFixed(1)))));
}

function pairView(r) {
  return h("div", {id: "pair"},
    h("p", {}, h("strong", {}, r.verdict || ""), h("span", {class: "muted"},
      ` ${ref(r.a)} (${r.profile_id_a}) · ${ref(r.b)} (${r.profile_id_b}) · ` +
      `${Number(r.score || 0).toFixed(1)} / ${r.link_threshold}`)),
    comparisons(r.comparisons));
}

function explanation(r) {
  return h("div", {id: "explanation"}, h("h3", {}, t("profile.explain")),
    (r.records || []).map((x) => h("div", {},
      h("strong", {}, ref(x.record)), " ",
      h("span", {class: "tag"}, (x.link || {}).rule || ""),
      h("span", {class: "muted"}, ` ${ref((x.link || {}).matched_record)} ` +
        `${Number((x.link || {}).score || 0).toFixed(1)}`),
      comparisons((x.link || {}).comparisons))));
}
