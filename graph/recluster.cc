#include "graph/recluster.h"

#include <algorithm>
#include <set>
#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/container/node_hash_map.h"
#include "absl/strings/str_cat.h"
#include "views/derived_views.h"
#include "graph/link_constraints.h"
#include "graph/profile_ids.h"
#include "graph/record_index.h"
#include "views/profile_context.h"
#include "match/profile_score.h"
#include "store/record_ref.h"
#include "views/survivorship.h"

namespace idres {
namespace {

// The state of one ClusterRecords run.
class Clustering {
 public:
  Clustering(const std::vector<const storage::StoredRecord*>& records,
             const std::vector<v1::LinkConstraint>& constraints,
             const MatchConfig& config)
      : records_(records), config_(config), group_of_(records.size(), -1) {
    absl::flat_hash_map<std::string, int> index;
    for (size_t i = 0; i < records.size(); ++i) {
      index[RecordKeyOf(RefOf(*records[i]))] = static_cast<int>(i);
    }
    for (const v1::LinkConstraint& c : constraints) {
      auto a = index.find(RecordKeyOf(c.a()));
      auto b = index.find(RecordKeyOf(c.b()));
      if (a == index.end() || b == index.end()) continue;
      bool must = c.kind() == v1::CONSTRAINT_KIND_MUST_LINK;
      (must ? must_ : cannot_).insert({a->second, b->second});
      (must ? must_ : cannot_).insert({b->second, a->second});
    }
  }

  // Places record `i`; returns why it joined.
  v1::LinkEvidence Place(int i);

  std::vector<std::vector<int>> Groups() const {
    std::vector<std::vector<int>> out;
    for (const std::vector<int>& g : groups_) {
      if (!g.empty()) out.push_back(g);
    }
    return out;
  }

 private:
  std::vector<const storage::RecordFeatures*> FeaturesOf(const std::vector<int>& g) {
    std::vector<const storage::RecordFeatures*> out;
    for (int j : g) {
      if (out.size() >= config_.max_compared_records) break;
      out.push_back(&records_[j]->features());
    }
    return out;
  }
  bool Apart(const std::vector<int>& a, const std::vector<int>& b) const {
    for (int x : a) {
      for (int y : b) {
        if (cannot_.contains({x, y})) return true;
      }
    }
    return false;
  }

  const std::vector<const storage::StoredRecord*>& records_;
  const MatchConfig& config_;
  std::vector<int> group_of_;
  std::vector<std::vector<int>> groups_;
  std::set<std::pair<int, int>> must_, cannot_;
};

v1::LinkEvidence Clustering::Place(int i) {
  v1::LinkEvidence ev;
  std::vector<int> joined;  // Group indexes, forced ones first.
  for (const auto& [x, y] : must_) {
    if (x != i || group_of_[y] < 0) continue;
    if (std::find(joined.begin(), joined.end(), group_of_[y]) == joined.end()) {
      joined.push_back(group_of_[y]);
      ev.set_rule("must_link");
      *ev.mutable_matched_record() = RefOf(*records_[y]);
    }
  }
  std::vector<int> members;
  for (int g : joined)
    members.insert(members.end(), groups_[g].begin(), groups_[g].end());
  std::vector<std::pair<ProfileScore, int>> linked;
  for (size_t g = 0; g < groups_.size(); ++g) {
    if (groups_[g].empty() ||
        std::find(joined.begin(), joined.end(), g) != joined.end()) {
      continue;
    }
    std::vector<const storage::RecordFeatures*> f = FeaturesOf(groups_[g]);
    ProfileScore score =
        ScoreAgainstProfile(records_[i]->features(), f, config_);
    if (IsProfileLink(score, config_)) linked.emplace_back(std::move(score), g);
  }
  std::stable_sort(linked.begin(), linked.end(),
                   [](const auto& a, const auto& b) {
                     return a.first.combined.score > b.first.combined.score;
                   });
  for (const auto& [score, g] : linked) {
    if (Apart({i}, groups_[g]) || Apart(members, groups_[g])) continue;
    if (!members.empty() && ProfilesConflict(FeaturesOf(members),
                                             FeaturesOf(groups_[g]), config_)) {
      continue;
    }
    if (joined.empty()) {
      ev.set_rule("score");
      ev.set_score(score.combined.score);
      *ev.mutable_matched_record() =
          RefOf(*records_[groups_[g][score.best_record]]);
      for (const v1::FieldComparison& f : score.combined.fields) {
        *ev.add_comparisons() = f;
      }
    }
    joined.push_back(g);
    members.insert(members.end(), groups_[g].begin(), groups_[g].end());
  }
  if (joined.empty()) {
    ev.set_rule("new_profile");
    group_of_[i] = static_cast<int>(groups_.size());
    groups_.push_back({i});
    return ev;
  }
  // Merge into the group created first, which holds the oldest record.
  int into = *std::min_element(joined.begin(), joined.end());
  for (int g : joined) {
    if (g == into) continue;
    for (int j : groups_[g]) {
      group_of_[j] = into;
      groups_[into].push_back(j);
    }
    groups_[g].clear();
  }
  group_of_[i] = into;
  groups_[into].push_back(i);
  return ev;
}

// Loads the records of every part, keyed by record key.
absl::StatusOr<absl::node_hash_map<std::string, storage::StoredRecord>> LoadParts(
    StoreView* view, const RepartitionPlan& plan) {
  absl::node_hash_map<std::string, storage::StoredRecord> out;
  for (const ProfilePart& part : plan.parts) {
    for (const v1::RecordRef& ref : part.records) {
      absl::StatusOr<std::optional<storage::StoredRecord>> r = view->GetRecord(ref);
      if (!r.ok()) return r.status();
      if (!r->has_value()) {
        return absl::DataLossError(
            absl::StrCat("record ", RecordLabel(ref), ": missing"));
      }
      out[RecordKeyOf(ref)] = **std::move(r);
    }
  }
  return out;
}

// Moves the interactions of `from` that came through a record of part i
// (i >= 1) to ids[i]; returns each part's interactions after the move.
absl::StatusOr<std::vector<std::vector<v1::Interaction>>> MoveInteractions(
    StoreTxn* txn, const std::string& from,
    const absl::flat_hash_map<std::string, size_t>& part_of,
    const std::vector<std::string>& ids) {
  std::vector<v1::Interaction> all;
  absl::Status s = txn->ForEachInteraction(from, [&](const v1::Interaction& i) {
    all.push_back(i);
    return true;
  });
  if (!s.ok()) return s;
  std::vector<std::vector<v1::Interaction>> out(ids.size());
  for (v1::Interaction& i : all) {
    size_t part = 0;
    if (i.has_via_record()) {
      auto it = part_of.find(RecordKeyOf(i.via_record()));
      if (it != part_of.end()) part = it->second;
    }
    if (part != 0) {
      txn->DeleteInteraction(from, i.interaction_id());
      i.set_profile_id(ids[part]);
      txn->PutInteraction(i);
    }
    out[part].push_back(std::move(i));
  }
  return out;
}

// Rebuilds what a context derives from interactions; keeps the rest
// (consents, search terms to replace).
void RefoldContext(const std::vector<v1::Interaction>& interactions,
                   v1::ProfileContext* context) {
  context->clear_recent_interactions();
  context->clear_facts();
  context->clear_cases();
  for (const v1::Interaction& i : interactions) FoldInteraction(i, context);
}

}  // namespace

std::vector<std::vector<int>> ClusterRecords(
    const std::vector<const storage::StoredRecord*>& records,
    const std::vector<v1::LinkConstraint>& constraints,
    const MatchConfig& config, const google::protobuf::Timestamp& at,
    std::vector<v1::LinkEvidence>* evidence) {
  std::vector<int> order(records.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int>(i);
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
    return records[a]->ingest_seq() < records[b]->ingest_seq();
  });
  Clustering clustering(records, constraints, config);
  evidence->assign(records.size(), v1::LinkEvidence());
  for (int i : order) {
    (*evidence)[i] = clustering.Place(i);
    *(*evidence)[i].mutable_decided_at() = at;
  }
  // Groups are created in ingest order and merge into the earliest, so
  // each group's creation order is the order of its oldest record.
  std::vector<std::vector<int>> groups = clustering.Groups();
  for (std::vector<int>& g : groups) {
    std::sort(g.begin(), g.end());  // The profile's listing order.
  }
  std::stable_sort(groups.begin(), groups.end(),
                   [&](const std::vector<int>& a, const std::vector<int>& b) {
                     auto oldest = [&](const std::vector<int>& g) {
                       uint64_t m = UINT64_MAX;
                       for (int j : g)
                         m = std::min(m, records[j]->ingest_seq());
                       return m;
                     };
                     return oldest(a) < oldest(b);
                   });
  return groups;
}

absl::StatusOr<std::vector<std::string>> ReclusterProfile(
    StoreTxn* txn, const v1::Profile& profile, const v1::RecordRef& cause,
    const google::protobuf::Timestamp& at, bool always_write,
    const MatchConfig& config) {
  std::vector<storage::StoredRecord> stored;
  std::vector<v1::RecordRef> refs(profile.records().begin(),
                                  profile.records().end());
  for (const v1::RecordRef& ref : refs) {
    absl::StatusOr<std::optional<storage::StoredRecord>> r = txn->GetRecord(ref);
    if (!r.ok()) return r.status();
    if (!r->has_value()) {
      return absl::DataLossError(absl::StrCat("profile ", profile.profile_id(),
                                              ": lists missing record ",
                                              RecordLabel(ref)));
    }
    stored.push_back(**std::move(r));
  }
  std::vector<const storage::StoredRecord*> ptrs;
  for (const storage::StoredRecord& r : stored) ptrs.push_back(&r);
  absl::StatusOr<std::vector<v1::LinkConstraint>> constraints =
      ConstraintsWithin(txn, refs);
  if (!constraints.ok()) return constraints.status();
  std::vector<v1::LinkEvidence> evidence;
  std::vector<std::vector<int>> groups =
      ClusterRecords(ptrs, *constraints, config, at, &evidence);
  if (groups.size() <= 1 && !always_write)
    return std::vector<std::string>{profile.profile_id()};
  RepartitionPlan plan;
  plan.rule = "recluster";
  plan.cause = cause;
  plan.at = at;
  for (const std::vector<int>& g : groups) {
    ProfilePart& part = plan.parts.emplace_back();
    for (int i : g) part.records.push_back(refs[i]);
  }
  for (size_t i = 0; i < refs.size(); ++i) {
    plan.evidence[RecordKeyOf(refs[i])] = evidence[i];
  }
  return ApplyRepartition(txn, profile, plan, config);
}

absl::StatusOr<std::vector<std::string>> ApplyRepartition(
    StoreTxn* txn, const v1::Profile& profile, const RepartitionPlan& plan,
    const MatchConfig& config) {
  std::vector<std::string> ids = {profile.profile_id()};
  absl::flat_hash_map<std::string, size_t> part_of;
  for (size_t p = 0; p < plan.parts.size(); ++p) {
    if (p > 0) {
      absl::StatusOr<std::string> id = MintProfileId(txn);
      if (!id.ok()) return id.status();
      ids.push_back(*std::move(id));
    }
    for (const v1::RecordRef& ref : plan.parts[p].records) {
      part_of[RecordKeyOf(ref)] = p;
    }
  }
  absl::StatusOr<absl::node_hash_map<std::string, storage::StoredRecord>> stored =
      LoadParts(txn, plan);
  if (!stored.ok()) return stored.status();
  // Records: new profile id and index entries when moved; fresh evidence
  // when moved or when the record they matched is no longer beside them.
  for (auto& [key, r] : *stored) {
    size_t p = part_of[key];
    const bool moved = p != 0;
    auto matched = part_of.find(RecordKeyOf(r.link().matched_record()));
    const bool stale = r.link().has_matched_record() &&
                       (matched == part_of.end() || matched->second != p);
    if (!moved && !stale) continue;
    auto ev = plan.evidence.find(key);
    if (ev != plan.evidence.end()) {
      *r.mutable_link() = ev->second;
    } else {
      r.clear_link();
      r.mutable_link()->set_rule(plan.rule);
      *r.mutable_link()->mutable_decided_at() = plan.at;
    }
    r.set_profile_id(ids[p]);
    if (moved) IndexRecord(txn, r);
    txn->PutRecord(r);
  }
  absl::StatusOr<std::vector<std::vector<v1::Interaction>>> interactions =
      MoveInteractions(txn, profile.profile_id(), part_of, ids);
  if (!interactions.ok()) return interactions.status();
  absl::StatusOr<std::optional<v1::ProfileContext>> old_context =
      txn->GetContext(profile.profile_id());
  if (!old_context.ok()) return old_context.status();

  absl::flat_hash_set<std::string> moved_ids;
  for (const ProfilePart& part : plan.parts) {
    moved_ids.insert(part.absorbed_ids.begin(), part.absorbed_ids.end());
  }
  for (size_t p = 0; p < plan.parts.size(); ++p) {
    v1::Profile out;
    v1::ProfileContext context;
    ProfileChange change;
    if (p == 0) {
      out = profile;
      out.clear_absorbed_ids();
      for (const std::string& a : profile.absorbed_ids()) {
        if (!moved_ids.contains(a)) out.add_absorbed_ids(a);
      }
      context = old_context->value_or(v1::ProfileContext());
      change.split_off_ids.assign(ids.begin() + 1, ids.end());
    } else {
      out.set_profile_id(ids[p]);
      *out.mutable_created_at() = plan.at;
      change.created = true;
      change.split_from = profile.profile_id();
    }
    for (const std::string& a : plan.parts[p].absorbed_ids) {
      if (p == 0) continue;
      out.add_absorbed_ids(a);
      txn->PutRedirect(a, ids[p]);
    }
    context.set_profile_id(ids[p]);
    if (plan.parts.size() > 1) RefoldContext((*interactions)[p], &context);
    out.clear_records();
    for (const v1::RecordRef& ref : plan.parts[p].records) {
      *out.add_records() = ref;
      change.records.push_back(&stored->at(RecordKeyOf(ref)));
    }
    RebuildProfileView(change.records, config.survivorship, &out);
    out.set_version(out.version() + 1);
    *out.mutable_updated_at() = plan.at;
    txn->PutProfile(out);
    txn->PutContext(context);
    change.profile = &out;
    change.cause = plan.cause;
    change.at = plan.at;
    absl::Status s = ApplyProfileChange(txn, change);
    if (!s.ok()) return s;
  }
  return ids;
}

}  // namespace idres
