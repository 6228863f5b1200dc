#include "governance/review_queue.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "governance/explain.h"
#include "graph/link_constraints.h"
#include "graph/profile_ids.h"
#include "match/matcher.h"
#include "store/record_ref.h"

namespace idres {
namespace {

// True when `x` ranks before `y` as the best of a pair's possible matches.
bool Better(const PendingMatch& x, const PendingMatch& y) {
  if (x.match.score() != y.match.score()) {
    return x.match.score() > y.match.score();
  }
  if (x.holder != y.holder) return OlderProfile(x.holder, y.holder);
  return OlderProfile(x.match.profile_id(), y.match.profile_id());
}

// Adds to `best` the possible matches of `holder` that lead to `other`.
absl::Status Collect(StoreView* view, const v1::Profile& holder,
                     const std::string& other,
                     std::optional<PendingMatch>* best) {
  for (const v1::PossibleMatch& m : holder.possible_matches()) {
    absl::StatusOr<std::optional<std::string>> live =
        LiveProfileId(view, m.profile_id());
    if (!live.ok()) return live.status();
    if (!live->has_value() || **live != other) continue;
    PendingMatch p{holder.profile_id(), other, m};
    if (!best->has_value() || Better(p, **best)) *best = std::move(p);
  }
  return absl::OkStatus();
}

// The record of `other` that compares best with `record`, or nullopt when
// its match view is missing or empty.
absl::StatusOr<std::optional<v1::RecordRef>> ClosestRecord(
    StoreView* view, const storage::StoredRecord& record,
    absl::string_view other, const MatchConfig& config) {
  storage::MatchView match_view;
  absl::StatusOr<bool> found = view->ReadMatchViewInto(other, &match_view);
  if (!found.ok()) return found.status();
  std::optional<v1::RecordRef> out;
  double best = 0;
  const int n = std::min(match_view.refs_size(), match_view.features_size());
  for (int i = 0; i < n; ++i) {
    double score =
        CompareRecords(record.features(), match_view.features(i), config)
            .score;
    if (!out.has_value() || score > best) {
      out = match_view.refs(i);
      best = score;
    }
  }
  return out;
}

// Builds the queue's page: one row at a time, cheapest checks first.
class QueuePage {
 public:
  QueuePage(StoreView* view, size_t page_size, const MatchConfig& config)
      : view_(view), page_size_(page_size), config_(config) {}

  absl::StatusOr<v1::ListPossibleMatchesResponse> Run(
      absl::string_view position) {
    std::string last;
    bool more = false;
    absl::Status inner;
    absl::Status s = view_->ForEachPossibleMatch(
        position, [&](absl::string_view at,
                      const storage::PossibleMatchRow& row) {
          if (static_cast<size_t>(out_.items_size()) >= page_size_ ||
              scanned_ >= kMaxReviewRowsPerCall) {
            more = true;
            return false;
          }
          ++scanned_;
          last = std::string(at);
          inner = Consider(row);
          return inner.ok();
        });
    if (s.ok()) s = inner;
    if (!s.ok()) return s;
    if (more) out_.set_next_page_token(EncodeReviewPageToken(last));
    return std::move(out_);
  }

 private:
  // Lists `row` when it is the live, undecided, best possible match of
  // its pair.
  absl::Status Consider(const storage::PossibleMatchRow& row) {
    absl::StatusOr<std::optional<v1::Profile>> holder =
        view_->GetProfile(row.profile_id());
    if (!holder.ok()) return holder.status();
    if (!holder->has_value()) return absl::OkStatus();
    absl::StatusOr<std::optional<std::string>> other_id =
        LiveProfileId(view_, row.match().profile_id());
    if (!other_id.ok()) return other_id.status();
    if (!other_id->has_value() || **other_id == row.profile_id()) {
      return absl::OkStatus();
    }
    absl::StatusOr<std::optional<v1::Profile>> other =
        view_->GetProfile(**other_id);
    if (!other.ok()) return other.status();
    if (!other->has_value()) return absl::OkStatus();
    absl::StatusOr<std::optional<PendingMatch>> best =
        BestPendingMatch(view_, **holder, **other);
    if (!best.ok()) return best.status();
    // The best is held as the row is, or the row is stale or a duplicate.
    if (!best->has_value() || (*best)->holder != row.profile_id() ||
        (*best)->match.profile_id() != row.match().profile_id() ||
        (*best)->match.score() != row.match().score()) {
      return absl::OkStatus();
    }
    absl::StatusOr<bool> decided = PairDecided(view_, **holder, **other);
    if (!decided.ok()) return decided.status();
    if (*decided) return absl::OkStatus();
    return Add(**best);
  }

  absl::Status Add(const PendingMatch& pending) {
    absl::StatusOr<std::optional<storage::StoredRecord>> record =
        view_->GetRecord(pending.match.record());
    if (!record.ok()) return record.status();
    if (!record->has_value() || (*record)->profile_id() != pending.holder) {
      return absl::OkStatus();  // The record that scored has left.
    }
    absl::StatusOr<std::optional<v1::RecordRef>> closest =
        ClosestRecord(view_, **record, pending.other, config_);
    if (!closest.ok()) return closest.status();
    if (!closest->has_value()) return absl::OkStatus();
    // Oriented as the pair is: comparison.a is a record of profile_id_a.
    const bool holder_older = OlderProfile(pending.holder, pending.other);
    const v1::RecordRef& scored = pending.match.record();
    absl::StatusOr<v1::ExplainPairResponse> pair =
        holder_older ? ExplainPair(view_, scored, **closest, config_)
                     : ExplainPair(view_, **closest, scored, config_);
    if (!pair.ok()) return pair.status();
    v1::PossibleMatchItem& item = *out_.add_items();
    item.set_profile_id_a(holder_older ? pending.holder : pending.other);
    item.set_profile_id_b(holder_older ? pending.other : pending.holder);
    item.set_score(pending.match.score());
    item.set_noted_on(pending.holder);
    *item.mutable_comparison() = *std::move(pair);
    return absl::OkStatus();
  }

  StoreView* view_;
  const size_t page_size_;
  const MatchConfig& config_;
  size_t scanned_ = 0;
  v1::ListPossibleMatchesResponse out_;
};

}  // namespace

absl::StatusOr<std::optional<std::string>> LiveProfileId(
    StoreView* view, absl::string_view profile_id) {
  absl::StatusOr<std::optional<v1::Profile>> p = view->GetProfile(profile_id);
  if (!p.ok()) return p.status();
  if (p->has_value()) return std::string(profile_id);
  absl::StatusOr<std::optional<std::string>> to = view->GetRedirect(profile_id);
  if (!to.ok()) return to.status();
  return *std::move(to);
}

absl::StatusOr<std::optional<PendingMatch>> BestPendingMatch(
    StoreView* view, const v1::Profile& a, const v1::Profile& b) {
  std::optional<PendingMatch> best;
  absl::Status s = Collect(view, a, b.profile_id(), &best);
  if (s.ok()) s = Collect(view, b, a.profile_id(), &best);
  if (!s.ok()) return s;
  return best;
}

absl::StatusOr<bool> PairDecided(StoreView* view, const v1::Profile& a,
                                 const v1::Profile& b) {
  const bool a_smaller = a.records_size() <= b.records_size();
  const v1::Profile& scan = a_smaller ? a : b;
  absl::flat_hash_set<std::string> other;
  for (const v1::RecordRef& r : (a_smaller ? b : a).records()) {
    other.insert(RecordKeyOf(r));
  }
  bool decided = false;
  for (const v1::RecordRef& ref : scan.records()) {
    absl::Status s =
        view->ForEachConstraintOf(ref, [&](const v1::LinkConstraint& c) {
          decided = other.contains(RecordKeyOf(OtherEnd(c, ref)));
          return !decided;
        });
    if (!s.ok()) return s;
    if (decided) return true;
  }
  return false;
}

absl::StatusOr<v1::ListPossibleMatchesResponse> ListPossibleMatches(
    StoreView* view, absl::string_view position, size_t page_size,
    const MatchConfig& config) {
  QueuePage page(view, page_size, config);
  return page.Run(position);
}

}  // namespace idres
