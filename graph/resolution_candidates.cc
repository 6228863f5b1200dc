#include <algorithm>
#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "graph/link_constraints.h"
#include "match/matcher.h"
#include "match/profile_score.h"
#include "graph/resolution_internal.h"
#include "store/record_ref.h"

namespace idres {
namespace resolution_internal {

absl::StatusOr<std::vector<Candidate>> Resolution::FindCandidates(
    const std::vector<std::string>& keys, storage::RecordFeatures* f) {
  absl::flat_hash_set<std::string> ids;
  // Distinct profiles under the spelled full-name key: the namesakes.
  size_t name_profiles = 0;
  // Profiles holding each identifier key of the record.
  absl::flat_hash_map<std::string, std::vector<std::string>> holders;
  std::vector<size_t> limits;
  for (const std::string& key : keys) {
    // One more than the cap, to tell an over-common key.
    limits.push_back((absl::StartsWith(key, "~d:")
                          ? config_.max_candidates_per_date_key
                          : config_.max_candidates_per_key) + 1);
  }
  absl::StatusOr<std::vector<MatchKeyProfiles>> found =
      txn_->FindMatchKeyProfiles(keys, limits, self_);
  if (!found.ok()) return found.status();
  for (size_t i = 0; i < keys.size(); ++i) {
    const std::string& key = keys[i];
    std::vector<std::string>& of_key = (*found)[i].profile_ids;
    const bool name_key = absl::StartsWith(key, kSpelledNameKeyPrefix);
    if ((*found)[i].entries >= limits[i]) {
      if (name_key) name_profiles = (*found)[i].entries;
      continue;
    }
    if (name_key) {
      name_profiles = of_key.size();
      continue;  // Counts namesakes only; ~n: finds them as candidates.
    }
    if (!absl::StartsWith(key, "~")) {
      if (of_key.size() > config_.max_profiles_per_identifier) continue;
      if (of_key.size() > 1) holders[key] = of_key;
    }
    ids.insert(of_key.begin(), of_key.end());
  }
  std::vector<Candidate> out;
  out.reserve(ids.size());
  for (const std::string& id : ids) {
    Candidate& c = out.emplace_back();
    c.profile_id = id;
    storage::MatchView* view =
        google::protobuf::Arena::CreateMessage<storage::MatchView>(&arena_);
    c.view = view;
    absl::StatusOr<bool> found = txn_->ReadMatchViewInto(id, view);
    if (!found.ok()) return found.status();
    if (!*found) {
      return absl::DataLossError(absl::StrCat(
          "index names profile ", id, " which has no match view"));
    }
  }
  DemoteSharedIdentifiers(holders, out, f);
  for (Candidate& c : out) {
    Score(*f, &c);
    AdjustForNameFrequency(name_profiles, config_, &c.score);
  }
  return out;
}

absl::Status Resolution::LoadLinkedProfiles(std::vector<Candidate>* linked) {
  for (Candidate& c : *linked) {
    absl::StatusOr<std::optional<v1::Profile>> p =
        txn_->GetProfile(c.profile_id);
    if (!p.ok()) return p.status();
    if (!p->has_value()) {
      return absl::DataLossError(absl::StrCat(
          "profile ", c.profile_id, " has a match view but does not exist"));
    }
    c.profile = **std::move(p);
  }
  return absl::OkStatus();
}

void Resolution::DemoteSharedIdentifiers(
    const absl::flat_hash_map<std::string, std::vector<std::string>>& holders,
    const std::vector<Candidate>& candidates, storage::RecordFeatures* f) {
  absl::flat_hash_map<std::string, const storage::MatchView*> by_id;
  for (const Candidate& c : candidates) by_id[c.profile_id] = c.view;
  for (storage::NormalizedIdentifier& id : *f->mutable_identifiers()) {
    if (id.strength() != storage::IDENTIFIER_STRENGTH_STRONG) continue;
    std::string key = IdentifierMatchKey(id.type(), id.value());
    auto it = holders.find(key);
    if (it == holders.end()) continue;
    if (AnyConflict(it->second, by_id)) {
      id.set_strength(storage::IDENTIFIER_STRENGTH_WEAK);
    }
  }
}

bool Resolution::AnyConflict(
    const std::vector<std::string>& profile_ids,
    const absl::flat_hash_map<std::string, const storage::MatchView*>& by_id) {
  for (size_t i = 0; i < profile_ids.size(); ++i) {
    for (size_t j = i + 1; j < profile_ids.size(); ++j) {
      auto a = by_id.find(profile_ids[i]);
      auto b = by_id.find(profile_ids[j]);
      if (a == by_id.end() || b == by_id.end()) continue;
      if (Clash(*a->second, *b->second)) return true;
    }
  }
  return false;
}

void Resolution::Score(const storage::RecordFeatures& f, Candidate* c) {
  c->score = ScoreAgainstProfile(f, FeaturesOf(*c->view), config_);
  // FeaturesOf skips only the record itself, so indexes map back.
  int index = c->score.best_record;
  for (const v1::RecordRef& ref : c->view->refs()) {
    if (RecordKeyOf(ref) == self_key_) continue;
    if (index-- == 0) {
      c->best_record = ref;
      break;
    }
  }
}

std::vector<const storage::RecordFeatures*> Resolution::FeaturesOf(
    const storage::MatchView& view) {
  std::vector<const storage::RecordFeatures*> out;
  for (int i = 0; i < view.refs_size() && i < view.features_size(); ++i) {
    if (RecordKeyOf(view.refs(i)) == self_key_) continue;
    if (out.size() >= config_.max_compared_records) break;
    out.push_back(&view.features(i));
  }
  return out;
}

bool Resolution::Clash(const storage::MatchView& a, const storage::MatchView& b) {
  return ProfilesConflict(FeaturesOf(a), FeaturesOf(b), config_);
}

absl::StatusOr<bool> Resolution::KeptApart(
    const v1::Profile& c, const std::vector<const Candidate*>& accepted,
    const std::string& own_id) {
  for (const Candidate* a : accepted) {
    absl::StatusOr<bool> apart = ProfilesCannotLink(txn_, a->profile, c);
    if (!apart.ok() || *apart) return apart;
  }
  if (own_id.empty() || own_id == c.profile_id()) return false;
  absl::StatusOr<std::optional<v1::Profile>> own = txn_->GetProfile(own_id);
  if (!own.ok()) return own.status();
  if (!own->has_value()) return false;
  return ProfilesCannotLink(txn_, **own, c);
}

}  // namespace resolution_internal
}  // namespace idres
