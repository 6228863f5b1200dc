#include "governance/explain.h"

#include <optional>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "graph/link_constraints.h"
#include "match/matcher.h"
#include "graph/profile_lookup.h"
#include "match/profile_score.h"

namespace idres {
namespace {

absl::StatusOr<storage::StoredRecord> LoadRecord(StoreView* view,
                                            const v1::RecordRef& ref) {
  absl::StatusOr<std::optional<storage::StoredRecord>> r = view->GetRecord(ref);
  if (!r.ok()) return r.status();
  if (!r->has_value()) {
    return absl::NotFoundError(
        absl::StrCat("record ", RecordLabel(ref), ": unknown"));
  }
  return **std::move(r);
}

std::string Who(const v1::LinkConstraint& c) {
  return absl::StrCat(c.actor(), c.reason().empty() ? "" : ": ", c.reason());
}

std::string Score(double score, double threshold, bool at_least) {
  return absl::StrFormat("score %.1f %s the link threshold %.1f", score,
                         at_least ? "reaches" : "is below", threshold);
}

// Why a pair that reaches the threshold without a conflict does not link
// (AccountsKeepApart, match/matcher.h).
constexpr char kAccountsApart[] =
    "names and place alone against two different account numbers (two "
    "accounts): a possible match for review";

std::string Verdict(const v1::ExplainPairResponse& r) {
  const bool accounts_apart = !r.link() && !r.conflict() &&
                              r.score() >= r.link_threshold();
  const bool constrained = r.has_constraint();
  const bool must =
      constrained && r.constraint().kind() == v1::CONSTRAINT_KIND_MUST_LINK;
  const bool cannot =
      constrained && r.constraint().kind() == v1::CONSTRAINT_KIND_CANNOT_LINK;
  if (r.same_profile()) {
    if (must) return "together: must-link set by " + Who(r.constraint());
    if (r.link()) {
      return "together: they link, " +
             Score(r.score(), r.link_threshold(), true);
    }
    return absl::StrCat("together through other records of ", r.profile_id_a(),
                        ", not directly: ",
                        r.conflict()       ? "their given names conflict"
                        : accounts_apart ? kAccountsApart
                                         : Score(r.score(), r.link_threshold(),
                                                 false));
  }
  if (cannot) return "apart: cannot-link set by " + Who(r.constraint());
  if (!r.profile_constraints().empty()) {
    const v1::LinkConstraint& c = r.profile_constraints(0);
    return absl::StrCat("apart: their profiles hold cannot-linked records ",
                        RecordLabel(c.a()), " and ", RecordLabel(c.b()), " (",
                        Who(c), ")");
  }
  if (r.conflict()) {
    return "apart: conflict, clearly different given names and no shared "
           "unique identifier veto any link";
  }
  if (accounts_apart) return absl::StrCat("apart: ", kAccountsApart);
  if (!r.link()) {
    return "apart: " + Score(r.score(), r.link_threshold(), false);
  }
  return absl::StrCat(
      "apart, although they link now (",
      Score(r.score(), r.link_threshold(), true),
      "): a record of one profile conflicts with the other, or the link "
      "appeared after they were resolved");
}

}  // namespace

absl::StatusOr<v1::ExplainProfileResponse> ExplainProfile(
    StoreView* view, absl::string_view profile_id, const MatchConfig& config) {
  absl::StatusOr<ProfileLookup> lookup = LookupProfileById(view, profile_id);
  if (!lookup.ok()) return lookup.status();
  v1::ExplainProfileResponse out;
  out.set_redirected(lookup->redirected);
  out.set_link_threshold(config.link_threshold);
  std::vector<storage::StoredRecord> records;
  for (const v1::RecordRef& ref : lookup->profile.records()) {
    absl::StatusOr<storage::StoredRecord> r = LoadRecord(view, ref);
    if (!r.ok()) {
      return absl::DataLossError(absl::StrCat("profile ",
                                              lookup->profile.profile_id(),
                                              ": ", r.status().message()));
    }
    records.push_back(*std::move(r));
  }
  for (size_t i = 0; i < records.size(); ++i) {
    const v1::RecordRef& ref = lookup->profile.records(static_cast<int>(i));
    v1::RecordExplanation& e = *out.add_records();
    *e.mutable_record() = ref;
    e.set_ingest_seq(records[i].ingest_seq());
    *e.mutable_ingested_at() = records[i].ingested_at();
    *e.mutable_link() = records[i].link();
    std::vector<const storage::RecordFeatures*> others;
    std::vector<int> index;  // Into records, for best_record.
    for (size_t j = 0; j < records.size(); ++j) {
      if (j == i || others.size() >= config.max_compared_records) continue;
      others.push_back(&records[j].features());
      index.push_back(static_cast<int>(j));
    }
    if (!others.empty()) {
      ProfileScore score =
          ScoreAgainstProfile(records[i].features(), others, config);
      e.set_current_score(score.combined.score);
      for (const v1::FieldComparison& f : score.combined.fields) {
        *e.add_current_comparisons() = f;
      }
      *e.mutable_current_best_record() =
          lookup->profile.records(index[score.best_record]);
      e.set_current_conflict(score.conflict);
      e.set_current_link(IsProfileLink(score, config));
    }
    absl::Status s =
        view->ForEachConstraintOf(ref, [&](const v1::LinkConstraint& c) {
          *e.add_constraints() = c;
          return true;
        });
    if (!s.ok()) return s;
  }
  *out.mutable_profile() = std::move(lookup->profile);
  return out;
}

absl::StatusOr<v1::ExplainPairResponse> ExplainPair(StoreView* view,
                                                    const v1::RecordRef& a,
                                                    const v1::RecordRef& b,
                                                    const MatchConfig& config) {
  absl::StatusOr<storage::StoredRecord> ra = LoadRecord(view, a);
  if (!ra.ok()) return ra.status();
  absl::StatusOr<storage::StoredRecord> rb = LoadRecord(view, b);
  if (!rb.ok()) return rb.status();
  v1::ExplainPairResponse out;
  *out.mutable_a() = a;
  *out.mutable_b() = b;
  out.set_profile_id_a(ra->profile_id());
  out.set_profile_id_b(rb->profile_id());
  out.set_same_profile(ra->profile_id() == rb->profile_id());
  PairComparison pair = CompareRecords(ra->features(), rb->features(), config);
  out.set_score(pair.score);
  for (const v1::FieldComparison& f : pair.fields) *out.add_comparisons() = f;
  out.set_link_threshold(config.link_threshold);
  out.set_conflict(pair.conflict);
  out.set_link(IsLink(pair, config));
  absl::StatusOr<std::optional<v1::LinkConstraint>> c =
      FindConstraint(view, a, b);
  if (!c.ok()) return c.status();
  if (c->has_value()) *out.mutable_constraint() = **c;
  if (!out.same_profile()) {
    absl::StatusOr<std::optional<v1::Profile>> pa =
        view->GetProfile(ra->profile_id());
    if (!pa.ok()) return pa.status();
    absl::StatusOr<std::optional<v1::Profile>> pb =
        view->GetProfile(rb->profile_id());
    if (!pb.ok()) return pb.status();
    if (pa->has_value() && pb->has_value()) {
      absl::StatusOr<std::vector<v1::LinkConstraint>> apart =
          ConstraintsBetween(view, **pa, **pb, v1::CONSTRAINT_KIND_CANNOT_LINK);
      if (!apart.ok()) return apart.status();
      for (v1::LinkConstraint& x : *apart) {
        *out.add_profile_constraints() = std::move(x);
      }
    }
  }
  out.set_verdict(Verdict(out));
  return out;
}

}  // namespace idres
