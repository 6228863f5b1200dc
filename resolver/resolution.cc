#include "resolver/resolution.h"

#include <algorithm>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/container/node_hash_map.h"
#include "absl/strings/match.h"
#include "absl/strings/strip.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/util/message_differencer.h"
#include "resolver/clock.h"
#include "resolver/derived_views.h"
#include "resolver/link_constraints.h"
#include "resolver/matcher.h"
#include "resolver/profile_score.h"
#include "resolver/survivorship.h"
#include "store/keys.h"

namespace idres {
namespace {

constexpr absl::string_view kProfilePrefix = "p-";

// A profile the record may join, with the best evidence found for it.
struct Candidate {
  v1::Profile profile;
  ProfileScore score;
  v1::RecordRef best_record;
};

uint64_t Age(const std::string& profile_id) {
  return ProfileNumber(profile_id).value_or(UINT64_MAX);
}

v1::RecordRef RefOf(const v1::Record& record) {
  v1::RecordRef ref;
  ref.set_source(record.source());
  ref.set_source_id(record.source_id());
  return ref;
}

// Holds the state of one resolution; see ResolveInTxn for the rules.
class Resolution {
 public:
  Resolution(StoreTxn* txn, const MatchConfig& config, absl::Time now)
      : txn_(txn), config_(config), now_(ToTimestamp(now)) {}

  absl::StatusOr<ResolveResult> Run(const v1::Record& record,
                                    ExtractedFeatures ex);

 private:
  absl::StatusOr<const v1::StoredRecord*> Load(const v1::RecordRef& ref);
  // Returns the scored candidate profiles. Demotes in `f` (the caller's
  // working copy) the strong identifiers that are shared.
  absl::StatusOr<std::vector<Candidate>> FindCandidates(
      const std::vector<std::string>& keys, v1::RecordFeatures* f);
  // An identifier held by several profiles of which two conflict (two
  // people, e.g. a family e-mail) is shared: it becomes weak evidence.
  absl::Status DemoteSharedIdentifiers(
      const absl::flat_hash_map<std::string, std::vector<std::string>>&
          holders,
      const std::vector<Candidate>& candidates, v1::RecordFeatures* f);
  absl::StatusOr<bool> AnyConflict(
      const std::vector<std::string>& profile_ids,
      const absl::flat_hash_map<std::string, const v1::Profile*>& by_id);
  absl::Status Score(const v1::RecordFeatures& f, Candidate* c);
  // The profile's records' features, at most max_compared_records, not
  // counting the record being resolved.
  absl::StatusOr<std::vector<const v1::RecordFeatures*>> FeaturesOf(
      const v1::Profile& profile);
  // ProfilesConflict (profile_score.h) of two stored profiles.
  absl::StatusOr<bool> Clash(const v1::Profile& a, const v1::Profile& b);
  absl::Status Absorb(const v1::Profile& absorbed, v1::Profile* survivor);
  // True when `c` must stay apart from an accepted profile or from
  // `own_id` (the record's profile before an update) by a cannot-link.
  absl::StatusOr<bool> KeptApart(const v1::Profile& c,
                                 const std::vector<const Candidate*>& accepted,
                                 const std::string& own_id);
  // Rebuilds the profile's view and its derived rows after `result`.
  absl::Status Rebuild(v1::Profile* profile, const ResolveResult& result);

  StoreTxn* txn_;
  const MatchConfig& config_;
  google::protobuf::Timestamp now_;
  v1::RecordRef self_;
  std::string self_key_;
  // Records read in this resolution; node map so pointers stay valid.
  absl::node_hash_map<std::string, v1::StoredRecord> records_;
};

absl::StatusOr<const v1::StoredRecord*> Resolution::Load(
    const v1::RecordRef& ref) {
  std::string key = EncodeRecordKey(ref);
  auto it = records_.find(key);
  if (it != records_.end()) return &it->second;
  absl::StatusOr<std::optional<v1::StoredRecord>> r = txn_->GetRecord(ref);
  if (!r.ok()) return r.status();
  if (!r->has_value()) {
    return absl::DataLossError(absl::StrCat(
        "record ", ref.source(), ":", ref.source_id(),
        " is listed by a profile but missing"));
  }
  return &records_.emplace(key, **std::move(r)).first->second;
}

absl::StatusOr<std::vector<Candidate>> Resolution::FindCandidates(
    const std::vector<std::string>& keys, v1::RecordFeatures* f) {
  absl::flat_hash_set<std::string> ids;
  size_t name_profiles = 0;  // Distinct profiles under the full-name key.
  // Profiles holding each identifier key of the record.
  absl::flat_hash_map<std::string, std::vector<std::string>> holders;
  for (const std::string& key : keys) {
    absl::StatusOr<std::vector<MatchKeyEntry>> entries =
        txn_->FindMatchKey(key, config_.max_candidates_per_key + 1);
    if (!entries.ok()) return entries.status();
    const bool name_key = absl::StartsWith(key, "~n:");
    if (entries->size() > config_.max_candidates_per_key) {
      if (name_key) name_profiles = entries->size();
      continue;
    }
    absl::flat_hash_set<std::string> of_key;
    for (const MatchKeyEntry& e : *entries) {
      if (EncodeRecordKey(e.record) != self_key_) of_key.insert(e.profile_id);
    }
    if (name_key) name_profiles = of_key.size();
    if (!absl::StartsWith(key, "~")) {
      if (of_key.size() > config_.max_profiles_per_identifier) continue;
      if (of_key.size() > 1) {
        holders[key].assign(of_key.begin(), of_key.end());
      }
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
    absl::StatusOr<const v1::StoredRecord*> r = Load(ref);
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

absl::Status Resolution::Absorb(const v1::Profile& absorbed,
                                v1::Profile* survivor) {
  for (const v1::RecordRef& ref : absorbed.records()) {
    *survivor->add_records() = ref;
    if (EncodeRecordKey(ref) == self_key_) continue;  // Written by Run.
    absl::StatusOr<const v1::StoredRecord*> r = Load(ref);
    if (!r.ok()) return r.status();
    v1::StoredRecord moved = **r;
    moved.set_profile_id(survivor->profile_id());
    for (const std::string& key : MatchKeysOf(moved.features())) {
      txn_->PutMatchKey(key, MatchKeyEntry{ref, survivor->profile_id()});
    }
    txn_->PutRecord(moved);
    records_[EncodeRecordKey(ref)] = std::move(moved);
  }
  // Redirects stay one hop: everything the absorbed profile had absorbed
  // now points at the survivor too.
  txn_->PutRedirect(absorbed.profile_id(), survivor->profile_id());
  survivor->add_absorbed_ids(absorbed.profile_id());
  for (const std::string& old : absorbed.absorbed_ids()) {
    txn_->PutRedirect(old, survivor->profile_id());
    survivor->add_absorbed_ids(old);
  }
  txn_->DeleteProfile(absorbed.profile_id());
  return absl::OkStatus();
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

absl::Status Resolution::Rebuild(v1::Profile* profile,
                                 const ResolveResult& result) {
  ProfileChange change;
  for (const v1::RecordRef& ref : profile->records()) {
    absl::StatusOr<const v1::StoredRecord*> r = Load(ref);
    if (!r.ok()) return r.status();
    change.records.push_back(*r);
  }
  RebuildProfileView(change.records, config_.survivorship, profile);
  profile->set_version(profile->version() + 1);
  *profile->mutable_updated_at() = now_;
  txn_->PutProfile(*profile);
  change.profile = profile;
  change.absorbed_ids = result.absorbed_profile_ids;
  change.created = result.outcome == v1::OUTCOME_CREATED;
  change.cause = self_;
  change.at = now_;
  return ApplyProfileChange(txn_, change);
}

absl::StatusOr<ResolveResult> Resolution::Run(const v1::Record& record,
                                              ExtractedFeatures ex) {
  self_ = RefOf(record);
  self_key_ = EncodeRecordKey(self_);
  ResolveResult result;
  result.record = self_;
  result.warnings = ex.warnings;

  absl::StatusOr<std::optional<v1::StoredRecord>> existing =
      txn_->GetRecord(self_);
  if (!existing.ok()) return existing.status();
  if (existing->has_value() &&
      google::protobuf::util::MessageDifferencer::Equals(
          (*existing)->record(), record)) {
    result.profile_id = (*existing)->profile_id();
    result.outcome = v1::OUTCOME_UNCHANGED;
    return result;
  }
  result.replaced = existing->has_value();

  std::vector<std::string> keys = MatchKeysOf(ex.features);
  v1::RecordFeatures working = ex.features;
  absl::StatusOr<std::vector<Candidate>> found =
      FindCandidates(keys, &working);
  if (!found.ok()) return found.status();
  std::vector<Candidate> linked;
  std::vector<Candidate> possible;
  for (Candidate& c : *found) {
    if (IsProfileLink(c.score, config_)) {
      linked.push_back(std::move(c));
    } else if (c.score.combined.score >= config_.review_threshold) {
      possible.push_back(std::move(c));
    }
  }
  std::sort(linked.begin(), linked.end(),
            [](const Candidate& a, const Candidate& b) {
              if (a.score.combined.score != b.score.combined.score) {
                return a.score.combined.score > b.score.combined.score;
              }
              return Age(a.profile.profile_id()) < Age(b.profile.profile_id());
            });

  // Keep the best link and every other one compatible with those kept.
  std::vector<const Candidate*> accepted;
  for (const Candidate& c : linked) {
    bool compatible = true;
    for (const Candidate* a : accepted) {
      absl::StatusOr<bool> clash = Clash(a->profile, c.profile);
      if (!clash.ok()) return clash.status();
      compatible &= !*clash;
    }
    if (compatible) {
      absl::StatusOr<bool> apart = KeptApart(
          c.profile, accepted,
          existing->has_value() ? (*existing)->profile_id() : "");
      if (!apart.ok()) return apart.status();
      compatible = !*apart;
    }
    if (compatible) accepted.push_back(&c);
  }

  std::vector<v1::Profile> involved;
  for (const Candidate* c : accepted) involved.push_back(c->profile);
  if (existing->has_value()) {
    const std::string& old_id = (*existing)->profile_id();
    bool present = std::any_of(
        involved.begin(), involved.end(),
        [&](const v1::Profile& p) { return p.profile_id() == old_id; });
    if (!present) {
      absl::StatusOr<std::optional<v1::Profile>> old = txn_->GetProfile(old_id);
      if (!old.ok()) return old.status();
      if (!old->has_value()) {
        return absl::DataLossError(absl::StrCat(
            "record ", record.source(), ":", record.source_id(),
            " names profile ", old_id, " which does not exist"));
      }
      involved.push_back(**std::move(old));
    }
  }

  v1::Profile survivor;
  if (involved.empty()) {
    absl::StatusOr<uint64_t> n = txn_->NextCounter("profile");
    if (!n.ok()) return n.status();
    survivor.set_profile_id(absl::StrCat(kProfilePrefix, *n));
    *survivor.mutable_created_at() = now_;
    result.outcome = v1::OUTCOME_CREATED;
  } else {
    auto oldest = std::min_element(
        involved.begin(), involved.end(),
        [](const v1::Profile& a, const v1::Profile& b) {
          return Age(a.profile_id()) < Age(b.profile_id());
        });
    survivor = *oldest;
    result.outcome = v1::OUTCOME_LINKED;
    for (const v1::Profile& p : involved) {
      if (p.profile_id() == survivor.profile_id()) continue;
      absl::Status s = Absorb(p, &survivor);
      if (!s.ok()) return s;
      result.absorbed_profile_ids.push_back(p.profile_id());
      result.outcome = v1::OUTCOME_MERGED;
    }
  }

  // The record itself: new value, stale index keys out, current keys in.
  v1::StoredRecord stored;
  *stored.mutable_record() = record;
  *stored.mutable_features() = std::move(ex.features);
  stored.set_profile_id(survivor.profile_id());
  *stored.mutable_ingested_at() = now_;
  for (std::string& w : ex.warnings) stored.add_warnings(std::move(w));
  if (existing->has_value()) {
    stored.set_ingest_seq((*existing)->ingest_seq());
    for (const std::string& key : MatchKeysOf((*existing)->features())) {
      if (!std::binary_search(keys.begin(), keys.end(), key)) {
        txn_->DeleteMatchKey(key, self_);
      }
    }
  } else {
    absl::StatusOr<uint64_t> seq = txn_->NextCounter("record");
    if (!seq.ok()) return seq.status();
    stored.set_ingest_seq(*seq);
  }
  v1::LinkEvidence& link = *stored.mutable_link();
  *link.mutable_decided_at() = now_;
  if (accepted.empty()) {
    link.set_rule(existing->has_value() ? "kept" : "new_profile");
  } else {
    const Candidate& best = *accepted.front();
    link.set_rule("score");
    link.set_score(best.score.combined.score);
    *link.mutable_matched_record() = best.best_record;
    for (const v1::FieldComparison& f : best.score.combined.fields) {
      *link.add_comparisons() = f;
    }
  }
  for (const std::string& key : keys) {
    txn_->PutMatchKey(key, MatchKeyEntry{self_, survivor.profile_id()});
  }
  txn_->PutRecord(stored);
  records_[self_key_] = std::move(stored);

  bool listed = std::any_of(
      survivor.records().begin(), survivor.records().end(),
      [&](const v1::RecordRef& r) { return EncodeRecordKey(r) == self_key_; });
  if (!listed) *survivor.add_records() = self_;
  for (const Candidate& c : possible) {
    NotePossibleMatch(c.profile.profile_id(), c.score.combined.score, self_,
                      config_.max_possible_matches, &survivor);
  }
  absl::Status s = Rebuild(&survivor, result);
  if (!s.ok()) return s;
  result.profile_id = survivor.profile_id();
  return result;
}

}  // namespace

std::optional<uint64_t> ProfileNumber(absl::string_view profile_id) {
  uint64_t n = 0;
  if (!absl::ConsumePrefix(&profile_id, kProfilePrefix) ||
      !absl::SimpleAtoi(profile_id, &n)) {
    return std::nullopt;
  }
  return n;
}

absl::StatusOr<ResolveResult> ResolveInTxn(StoreTxn* txn,
                                           const v1::Record& record,
                                           ExtractedFeatures features,
                                           const MatchConfig& config,
                                           absl::Time now) {
  Resolution resolution(txn, config, now);
  return resolution.Run(record, std::move(features));
}

}  // namespace idres
