// The review queue, #/review: pairs of profiles that may be one person,
// best first, with the comparison behind each; an agent decides.
"use strict";
async function renderReview(view) {
  const list = h("div", {id: "review"});
  const reason = h("input", {id: "review-reason", size: 40});
  view.append(card(t("review.title"),
    h("div", {class: "fields"}, h("label", {for: "review-reason"}, t("action.reason"), reason)),
    list));
  let pageToken = "";
  async function more() {
    try {
      const r = await governance("ListPossibleMatches", {page_size: 20, page_token: pageToken});
      pageToken = r.next_page_token || "";
      const items = r.items || [];
      if (!items.length && !list.childElementCount) {
        list.append(h("p", {class: "muted"}, t("review.empty")));
      }
      for (const it of items) list.append(item(it));
      list.querySelector("button.more")?.remove();
      if (pageToken) list.append(h("button", {type: "button", class: "secondary more", onclick: more}, t("review.more")));
    } catch (e) {
      list.append(h("p", {class: "error"}, errorText(e)));
    }
  }
  function item(it) {
    const row = h("div", {class: "card review-item"});
    const decide = (decision) => async () => {
      if (!reason.value.trim()) { status(t("action.need_reason"), true); reason.focus(); return; }
      try {
        await governance("ResolvePossibleMatch", {profile_a: it.profile_id_a,
          profile_b: it.profile_id_b, decision, reason: reason.value.trim()});
        row.replaceChildren(h("p", {class: "ok"}, `${t("action.done")}: ${it.profile_id_a} · ${it.profile_id_b}`));
      } catch (e) { status(errorText(e), true); }
    };
    row.append(
      h("p", {}, h("a", {href: `#/profile/${it.profile_id_a}`}, it.profile_id_a), " · ",
        h("a", {href: `#/profile/${it.profile_id_b}`}, it.profile_id_b),
        h("span", {class: "muted"}, ` ${t("review.score")} ${Number(it.score || 0).toFixed(1)}`)),
      it.comparison ? pairView(it.comparison) : "",
      h("div", {class: "fields"},
        h("button", {type: "button", onclick: decide("REVIEW_DECISION_SAME_PERSON")}, t("review.same")),
        h("button", {type: "button", class: "secondary", onclick: decide("REVIEW_DECISION_DIFFERENT_PEOPLE")}, t("review.different"))));
    return row;
  }
  more();
}
