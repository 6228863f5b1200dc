#include <algorithm>
#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "resolver/link_constraints.h"
#include "resolver/matcher.h"
#include "resolver/profile_score.h"
#include "resolver/resolution_internal.h"
#include "store/keys.h"

namespace idres {
namespace resolution_internal {

absl::StatusOr<std::vector<Candidate>> Resolution::FindCandidates(
    const std::vector<std::string>& keys, v1::RecordFeatures* f) {
  absl::flat_hash_set<std::string> ids;
  size_t name_profiles = 0;  // Distinct profiles under the full-name key.
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
      txn_->FindMatchKeyProfiles(keys, limits, self_key_);
  if (!found.ok()) return found.status();
  for (size_t i = 0; i < keys.size(); ++i) {
    const std::string& key = keys[i];
    std::vector<std::string>& of_key = (*found)[i].profile_ids;
    const bool name_key = absl::StartsWith(key, "~n:");
    if ((*found)[i].entries >= limits[i]) {
      if (name_key) name_profiles = (*found)[i].entries;
      continue;
    }
    if (name_key) name_profiles = of_key.size();
    if (!absl::StartsWith(key, "~")) {
      if (of_key.size() > config_.max_profiles_per_identifier) continue;
      if (of_key.size() > 1) holders[key] = of_key;
    }
    ids.insert(of_key.begin(), of_key.end());
  }
  std::vector<Candidate> out;
  for (const std::string& id : ids) {
    absl::StatusOr<std::optional<v1::Profile>> p = txn_->GetProfile(id);
    if (!p.ok()) return p.status();
    if (!p->has_value()) {
      return absl::DataLossError(
          absl::StrCat("index names profile ", id, " which does not exist"));
    }
    out.emplace_back().profile = **std::move(p);
  }
  absl::Status s = DemoteSharedIdentifiers(holders, out, f);
  if (!s.ok()) return s;
  for (Candidate& c : out) {
    s = Score(*f, &c);
    if (!s.ok()) return s;
    AdjustForNameFrequency(name_profiles, config_, &c.score);
  }
  return out;
}

absl::Status Resolution::DemoteSharedIdentifiers(
    const absl::flat_hash_map<std::string, std::vector<std::string>>& holders,
    const std::vector<Candidate>& candidates, v1::RecordFeatures* f) {
  absl::flat_hash_map<std::string, const v1::Profile*> by_id;
  for (const Candidate& c : candidates) {
    by_id[c.profile.profile_id()] = &c.profile;
  }
  for (v1::NormalizedIdentifier& id : *f->mutable_identifiers()) {
    if (id.strength() != v1::IDENTIFIER_STRENGTH_STRONG) continue;
    std::string key = IdentifierMatchKey(id.type(), id.value());
    auto it = holders.find(key);
    if (it == holders.end()) continue;
    absl::StatusOr<bool> shared = AnyConflict(it->second, by_id);
    if (!shared.ok()) return shared.status();
    if (*shared) id.set_strength(v1::IDENTIFIER_STRENGTH_WEAK);
  }
  return absl::OkStatus();
}

absl::StatusOr<bool> Resolution::AnyConflict(
    const std::vector<std::string>& profile_ids,
    const absl::flat_hash_map<std::string, const v1::Profile*>& by_id) {
  for (size_t i = 0; i < profile_ids.size(); ++i) {
    for (size_t j = i + 1; j < profile_ids.size(); ++j) {
      auto a = by_id.find(profile_ids[i]);
      auto b = by_id.find(profile_ids[j]);
      if (a == by_id.end() || b == by_id.end()) continue;
      absl::StatusOr<bool> clash = Clash(*a->second, *b->second);
      if (!clash.ok() || *clash) return clash;
    }
  }
  return false;
}

absl::Status Resolution::Score(const v1::RecordFeatures& f, Candidate* c) {
  absl::StatusOr<std::vector<const v1::RecordFeatures*>> features =
      FeaturesOf(c->profile);
  if (!features.ok()) return features.status();
  c->score = ScoreAgainstProfile(f, *features, config_);
  // FeaturesOf skips only the record itself, so indexes map back.
  int index = c->score.best_record;
  for (const v1::RecordRef& ref : c->profile.records()) {
    if (EncodeRecordKey(ref) == self_key_) continue;
    if (index-- == 0) {
      c->best_record = ref;
      break;
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<const v1::RecordFeatures*>>
Resolution::FeaturesOf(const v1::Profile& profile) {
  std::vector<const v1::RecordFeatures*> out;
  for (const v1::RecordRef& ref : profile.records()) {
    if (EncodeRecordKey(ref) == self_key_) continue;
    if (out.size() >= config_.max_compared_records) break;
    absl::StatusOr<const v1::StoredRecord*> r = cache_.Load(ref);
    if (!r.ok()) return r.status();
    out.push_back(&(*r)->features());
  }
  return out;
}

absl::StatusOr<bool> Resolution::Clash(const v1::Profile& a,
                                       const v1::Profile& b) {
  absl::StatusOr<std::vector<const v1::RecordFeatures*>> fa = FeaturesOf(a);
  if (!fa.ok()) return fa.status();
  absl::StatusOr<std::vector<const v1::RecordFeatures*>> fb = FeaturesOf(b);
  if (!fb.ok()) return fb.status();
  return ProfilesConflict(*fa, *fb, config_);
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
