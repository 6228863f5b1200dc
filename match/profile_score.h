// resolver/profile_score.h
// Scores one record against the records of a candidate profile: the
// record-to-profile evidence that a link decision rests on. Pure and
// thread-safe.
#pragma once

#include <vector>

#include "absl/strings/string_view.h"
#include "idres/v1/profile.pb.h"
#include "idres/storage/storage.pb.h"
#include "match/match_config.h"
#include "match/matcher.h"

namespace idres {

// The evidence for one record against one profile.
struct ProfileScore {
  // Per field, the best level found among the profile's records, so a
  // profile whose records each confirm a different field of the record
  // adds the fields up; `score` is their sum. A person has one value of a
  // field at a time but may have had several (moves, two e-mails), so
  // the best value seen is the one that speaks for the person.
  PairComparison combined;
  // Index in `records` of the record with the best pair score, or -1 when
  // `records` is empty.
  int best_record = -1;
  // True when the record's given name matches no given name of the
  // profile (see ProfilesConflict) and no record shares a unique id.
  bool conflict = false;
};

// Returns true when the records of `a` and of `b` look like different
// people: given names were compared, no pair of them is compatible (see
// PairComparison) and no pair shares a unique identifier. A profile whose
// records carry several spellings of a name accepts each of them.
bool ProfilesConflict(const std::vector<const storage::RecordFeatures*>& a,
                      const std::vector<const storage::RecordFeatures*>& b,
                      const MatchConfig& config);

// Compares `record` with each of `records` (the profile's, none of them
// null and none the record itself) and combines the comparisons.
ProfileScore ScoreAgainstProfile(
    const storage::RecordFeatures& record,
    const std::vector<const storage::RecordFeatures*>& records,
    const MatchConfig& config);

// Lowers `score` by weights.name_frequency * log2(profiles_with_name) when
// its given name matches exactly or as a nickname and its family name
// exactly (or both are swapped), not when either is only close (a typo),
// and adds a "name_frequency" field saying so. `profiles_with_name` counts
// the distinct profiles whose first given and family name tokens are
// spelled as the record's (the ~x: key of MatchKeysOf).
void AdjustForNameFrequency(size_t profiles_with_name,
                            const MatchConfig& config, ProfileScore* score);

// Returns true when `score` is enough to link the record to the profile:
// no conflict, a combined score of at least config.link_threshold, and
// not AccountsKeepApart (matcher.h) for the combined evidence: an account
// the profile shares with the record is a "same" entry there.
bool IsProfileLink(const ProfileScore& score, const MatchConfig& config);

// Records on `profile` that profile `other_id` may be the same person
// (`score` of `record` against it, in the review band). Keeps one entry
// per other profile, the best scoring, sorted best first and at most
// `max_entries` long; ignores `other_id` equal to the profile's own id.
void NotePossibleMatch(absl::string_view other_id, double score,
                       const v1::RecordRef& record, size_t max_entries,
                       v1::Profile* profile);

}  // namespace idres
