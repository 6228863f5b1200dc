// Internal to resolver/: the state of one resolution, shared by
// resolution.cc (deciding and writing) and resolution_candidates.cc
// (finding and scoring candidates). Thread-compatible: one per record.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "google/protobuf/arena.h"
#include "graph/clock.h"
#include "match/profile_score.h"
#include "graph/record_cache.h"
#include "store/record_ref.h"
#include "graph/resolution.h"

namespace idres {
namespace resolution_internal {

// A profile the record may join, with the best evidence found for it.
struct Candidate {
  std::string profile_id;
  const storage::MatchView* view = nullptr;  // What it was scored by; on arena_.
  v1::Profile profile;   // Read only once it links (LoadLinkedProfiles).
  ProfileScore score;
  v1::RecordRef best_record;
};

// Holds the state of one resolution; see ResolveInTxn for the rules.
class Resolution {
 public:
  Resolution(StoreTxn* txn, const MatchConfig& config, absl::Time now)
      : txn_(txn),
        config_(config),
        now_(ToTimestamp(now)),
        cache_(txn),
        arena_(ArenaOptions()) {}

  absl::StatusOr<ResolveResult> Run(const v1::Record& record,
                                    ExtractedFeatures ex);

 private:
  // Returns the scored candidate profiles, read from their match views.
  // Demotes in `f` (the caller's working copy) the strong identifiers that
  // are shared.
  absl::StatusOr<std::vector<Candidate>> FindCandidates(
      const std::vector<std::string>& keys, storage::RecordFeatures* f);
  // An identifier held by several profiles of which two conflict (two
  // people, e.g. a family e-mail) is shared: it becomes weak evidence.
  void DemoteSharedIdentifiers(
      const absl::flat_hash_map<std::string, std::vector<std::string>>&
          holders,
      const std::vector<Candidate>& candidates, storage::RecordFeatures* f);
  bool AnyConflict(
      const std::vector<std::string>& profile_ids,
      const absl::flat_hash_map<std::string, const storage::MatchView*>& by_id);
  void Score(const storage::RecordFeatures& f, Candidate* c);
  // The profile's records' features, at most max_compared_records, not
  // counting the record being resolved.
  std::vector<const storage::RecordFeatures*> FeaturesOf(const storage::MatchView& view);
  // ProfilesConflict (profile_score.h) of two profiles' views.
  bool Clash(const storage::MatchView& a, const storage::MatchView& b);
  // Reads the profile of each candidate in `linked`.
  absl::Status LoadLinkedProfiles(std::vector<Candidate>* linked);
  absl::Status Absorb(const v1::Profile& absorbed, v1::Profile* survivor);
  // True when `c` must stay apart from an accepted profile or from
  // `own_id` (the record's profile before an update) by a cannot-link.
  absl::StatusOr<bool> KeptApart(const v1::Profile& c,
                                 const std::vector<const Candidate*>& accepted,
                                 const std::string& own_id);
  // Returns the linked candidates (best first) that may join: each one
  // compatible with those accepted before it and not kept apart by a
  // cannot-link. `own_id` is the profile the record already sits in.
  absl::StatusOr<std::vector<const Candidate*>> Accept(
      const std::vector<Candidate>& linked, const std::string& own_id);
  // Returns the profile the record goes to: a new one when `involved` is
  // empty, else the oldest, having absorbed the others. Sets the outcome.
  absl::StatusOr<v1::Profile> MakeSurvivor(std::vector<v1::Profile> involved,
                                           ResolveResult* result);
  // Stages the record (with its evidence from `best`, if any) and its index
  // keys under `profile_id`, removing the keys it no longer has.
  absl::Status WriteRecord(const v1::Record& record, ExtractedFeatures ex,
                           const std::optional<storage::StoredRecord>& existing,
                           const std::vector<std::string>& keys,
                           const Candidate* best,
                           const std::string& profile_id);
  // Rebuilds the profile's view and its derived rows after `result`.
  absl::Status Rebuild(v1::Profile* profile, const ResolveResult& result);

  StoreTxn* txn_;
  const MatchConfig& config_;
  google::protobuf::Timestamp now_;
  v1::RecordRef self_;
  std::string self_key_;
  RecordCache cache_;  // Records read in this resolution.
  // Holds the candidates' match views: parsed without a malloc per string
  // and freed at once (a record may have dozens of candidates).
  google::protobuf::Arena arena_;

  static google::protobuf::ArenaOptions ArenaOptions() {
    google::protobuf::ArenaOptions options;
    options.start_block_size = 16 << 10;
    options.max_block_size = 256 << 10;
    return options;
  }
};

}  // namespace resolution_internal
}  // namespace idres
