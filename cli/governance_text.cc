#include "cli/governance_text.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "google/protobuf/util/time_util.h"
#include "cli/output.h"

namespace idres {
namespace {

using google::protobuf::util::TimeUtil;

std::string Label(const v1::RecordRef& r) {
  return absl::StrCat(r.source(), ":", r.source_id());
}

std::string Fields(
    const google::protobuf::RepeatedPtrField<v1::FieldComparison>& fields) {
  std::vector<std::string> out;
  for (const v1::FieldComparison& f : fields) {
    out.push_back(
        absl::StrFormat("%s %s %+.1f", f.field(), f.level(), f.weight()));
  }
  return absl::StrJoin(out, ", ");
}

std::string Constraint(const v1::LinkConstraint& c, const v1::RecordRef& self) {
  const bool a_is_self =
      c.a().source() == self.source() && c.a().source_id() == self.source_id();
  return absl::StrCat(
      c.kind() == v1::CONSTRAINT_KIND_MUST_LINK ? "must-link" : "cannot-link",
      " with ", Label(a_is_self ? c.b() : c.a()), " (", c.actor(), ": ",
      c.reason(), ", audit #", c.audit_sequence(), ")");
}

std::string Joined(const v1::LinkEvidence& link) {
  std::string out = absl::StrCat(link.rule());
  if (link.has_matched_record()) {
    absl::StrAppend(&out, " with ", Label(link.matched_record()));
  }
  if (link.rule() == "score") {
    absl::StrAppendFormat(&out, ", score %.1f: %s", link.score(),
                          Fields(link.comparisons()));
  }
  if (link.has_decided_at()) {
    absl::StrAppend(&out, " (", TimeUtil::ToString(link.decided_at()), ")");
  }
  return out;
}

const char* ActionName(v1::AuditAction a) {
  switch (a) {
    case v1::AUDIT_ACTION_AUTO_MERGE:
      return "auto-merge";
    case v1::AUDIT_ACTION_AUTO_SPLIT:
      return "auto-split";
    case v1::AUDIT_ACTION_MANUAL_MERGE:
      return "merge";
    case v1::AUDIT_ACTION_MANUAL_SPLIT:
      return "split";
    case v1::AUDIT_ACTION_DELETE_RECORD:
      return "delete-record";
    case v1::AUDIT_ACTION_REMOVE_CONSTRAINT:
      return "remove-constraint";
    case v1::AUDIT_ACTION_REVIEW_SAME_PERSON:
      return "review same-person";
    case v1::AUDIT_ACTION_REVIEW_DIFFERENT_PEOPLE:
      return "review different-people";
    default:
      return "unknown";
  }
}

}  // namespace

std::string FormatExplainProfile(const v1::ExplainProfileResponse& raw_r) {
  const v1::ExplainProfileResponse r = Escaped(raw_r);
  const v1::Profile& p = r.profile();
  std::string out =
      absl::StrFormat("profile %s%s: %d records, link threshold %.1f\n",
                      p.profile_id(), r.redirected() ? " (redirected)" : "",
                      p.records_size(), r.link_threshold());
  absl::StrAppend(&out, "golden view:\n");
  for (const v1::FieldProvenance& f : p.golden().provenance()) {
    absl::StrAppend(&out, "  ", f.field(), " from ", Label(f.record()), " (",
                    f.rule(), ", seen ", TimeUtil::ToString(f.observed_at()),
                    ")\n");
  }
  absl::StrAppend(&out, "records:\n");
  for (const v1::RecordExplanation& e : r.records()) {
    absl::StrAppend(&out, "  ", Label(e.record()), " (ingest #", e.ingest_seq(),
                    ")\n    joined: ", Joined(e.link()), "\n");
    if (e.has_current_best_record()) {
      absl::StrAppendFormat(
          &out, "    now: score %.1f against the others, best %s: %s\n",
          e.current_score(), Label(e.current_best_record()),
          e.current_conflict() ? "conflict (given names differ)"
          : e.current_link()   ? "links"
                               : "below the threshold alone");
      absl::StrAppend(&out, "         ", Fields(e.current_comparisons()), "\n");
    }
    for (const v1::LinkConstraint& c : e.constraints()) {
      absl::StrAppend(&out, "    ", Constraint(c, e.record()), "\n");
    }
  }
  return out;
}

std::string FormatExplainPair(const v1::ExplainPairResponse& raw_r) {
  const v1::ExplainPairResponse r = Escaped(raw_r);
  std::string out =
      absl::StrCat(Label(r.a()), " (", r.profile_id_a(), ") and ", Label(r.b()),
                   " (", r.profile_id_b(), "): ", r.verdict(), "\n");
  absl::StrAppendFormat(&out, "  score %.1f, threshold %.1f%s\n", r.score(),
                        r.link_threshold(), r.conflict() ? ", conflict" : "");
  for (const v1::FieldComparison& f : r.comparisons()) {
    absl::StrAppendFormat(&out, "  %-14s %-22s %+.1f\n", f.field(), f.level(),
                          f.weight());
  }
  if (r.has_constraint()) {
    absl::StrAppend(&out, "  ", Constraint(r.constraint(), r.a()), "\n");
  }
  return out;
}

std::string FormatMerge(const v1::MergeProfilesResponse& raw_r) {
  const v1::MergeProfilesResponse r = Escaped(raw_r);
  return absl::StrCat("merged ", absl::StrJoin(r.absorbed_profile_ids(), ", "),
                      " into ", r.profile_id(), " (audit #", r.audit_sequence(),
                      "; ", r.constraints_added(), " must-links added, ",
                      r.constraints_removed(), " cannot-links removed)\n");
}

std::string FormatSplit(const v1::SplitProfileResponse& raw_r,
                        const v1::SplitProfileRequest& raw_request) {
  const v1::SplitProfileResponse r = Escaped(raw_r);
  const v1::SplitProfileRequest request = Escaped(raw_request);
  std::vector<std::string> records;
  for (const v1::RecordRef& ref : request.records())
    records.push_back(Label(ref));
  std::string out = absl::StrCat(
      "split ", r.profile_id(), ": ", absl::StrJoin(records, ", "), " now in ",
      r.new_profile_id(), " (audit #", r.audit_sequence(), "; ",
      r.constraints_added(), " constraints added, ", r.constraints_removed(),
      " must-links removed)\n");
  for (const std::string& id : r.moved_redirects()) {
    absl::StrAppend(&out, "  ", id, " now redirects to ", r.new_profile_id(),
                    "\n");
  }
  return out;
}

std::string FormatDelete(const v1::DeleteRecordResponse& raw_r,
                         const v1::DeleteRecordRequest& raw_request) {
  const v1::DeleteRecordResponse r = Escaped(raw_r);
  const v1::DeleteRecordRequest request = Escaped(raw_request);
  if (r.profile_deleted()) {
    return absl::StrCat("deleted ", Label(request.record()), "; profile ",
                        r.profile_id(),
                        " deleted with it (its last record; "
                        "audit #",
                        r.audit_sequence(), ")\n");
  }
  return absl::StrCat("deleted ", Label(request.record()), " from ",
                      r.profile_id(), "; its other records now form ",
                      absl::StrJoin(r.profile_ids_after(), ", "), " (audit #",
                      r.audit_sequence(), ")\n");
}

std::string FormatAudit(const v1::ListAuditResponse& raw_r) {
  const v1::ListAuditResponse r = Escaped(raw_r);
  std::string out =
      absl::StrCat("audit of ", absl::StrJoin(r.profile_ids(), ", "), ": ",
                   r.entries_size(), " entries\n");
  for (const v1::AuditEntry& e : r.entries()) {
    std::vector<std::string> records;
    for (const v1::RecordRef& ref : e.records()) records.push_back(Label(ref));
    absl::StrAppend(&out, "#", e.sequence(), " ", TimeUtil::ToString(e.at()),
                    " ", ActionName(e.action()), " by ", e.actor(), ": ",
                    absl::StrJoin(e.profile_ids_before(), ","), " -> ",
                    e.profile_ids_after().empty()
                        ? "(deleted)"
                        : absl::StrJoin(e.profile_ids_after(), ","));
    if (!records.empty()) {
      absl::StrAppend(&out, " records ", absl::StrJoin(records, ","));
    }
    if (!e.reason().empty()) absl::StrAppend(&out, " \"", e.reason(), "\"");
    absl::StrAppend(&out, "\n");
  }
  return out;
}

std::string FormatReviewQueue(const v1::ListPossibleMatchesResponse& raw_r) {
  const v1::ListPossibleMatchesResponse r = Escaped(raw_r);
  std::string out;
  if (r.items().empty()) absl::StrAppend(&out, "no pending possible match\n");
  for (const v1::PossibleMatchItem& item : r.items()) {
    const v1::ExplainPairResponse& c = item.comparison();
    absl::StrAppendFormat(&out, "%s ~ %s  score %.1f (noted on %s)\n",
                          item.profile_id_a(), item.profile_id_b(),
                          item.score(), item.noted_on());
    absl::StrAppendFormat(&out, "  %s and %s: pair score %.1f%s; %s\n",
                          Label(c.a()), Label(c.b()), c.score(),
                          c.conflict() ? ", conflict" : "", c.verdict());
    absl::StrAppend(&out, "  ", Fields(c.comparisons()), "\n");
  }
  if (!r.next_page_token().empty()) {
    absl::StrAppend(&out, "more: --page-token ", r.next_page_token(), "\n");
  }
  return out;
}

std::string FormatReviewDecision(
    const v1::ResolvePossibleMatchResponse& raw_r,
    const v1::ResolvePossibleMatchRequest& raw_q) {
  const v1::ResolvePossibleMatchResponse r = Escaped(raw_r);
  const v1::ResolvePossibleMatchRequest q = Escaped(raw_q);
  if (r.decision() == v1::REVIEW_DECISION_SAME_PERSON) {
    return absl::StrCat("same person: merged ",
                        absl::StrJoin(r.absorbed_profile_ids(), ", "),
                        " into ", r.profile_id(), " (audit #",
                        r.audit_sequence(), "; ", r.constraints_added(),
                        " must-links added)\n");
  }
  return absl::StrCat("different people: ", q.profile_a(), " and ",
                      q.profile_b(), " kept apart (audit #",
                      r.audit_sequence(), "; ", r.constraints_added(),
                      " cannot-links added)\n");
}

}  // namespace idres
