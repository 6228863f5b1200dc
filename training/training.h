// resolver/training.h
// `idres train`: estimates the match weights of a MatchConfig from the
// records of a store, without labels (Fellegi-Sunter, as Splink does).
// Thread-compatible: one training at a time per StoreView.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "idres/storage/storage.pb.h"
#include "match/match_config.h"
#include "match/matcher.h"
#include "training/weight_estimation.h"
#include "store/profile_store.h"

namespace idres {

// The comparisons training estimates, in LevelVector order.
enum TrainedComparison {
  kIdentifierComparison,
  kGivenComparison,
  kFamilyComparison,
  kBirthDateComparison,
  kStreetComparison,
  kPostalCodeComparison,
  kCityComparison,
  kGenderComparison,
  kTrainedComparisonCount
};

// Returns the settings of comparison `k`'s levels, best first; a level's
// index in this list is its index in a LevelVector.
const std::vector<WeightSetting>& ComparisonLevels(TrainedComparison k);

// Returns the comparison vector of records `a` and `b` from `pair`, their
// comparison by CompareRecords. Identifiers take the best level of any
// type, or "differs" when both records carry a type but share no value;
// postal code, city and gender fall to their "differs" (or "same")
// level when both records have the field and no other level applies;
// swapped names leave given and family at -1.
LevelVector ClassifyPair(const PairComparison& pair,
                         const storage::RecordFeatures& a,
                         const storage::RecordFeatures& b);

struct TrainingOptions {
  // Random record pairs sampled to estimate u.
  size_t random_pairs = 300000;
  // At most this many blocked pairs per estimation session.
  size_t max_session_pairs = 400000;
  uint64_t seed = 1;
};

// The estimate for one level.
struct LevelEstimate {
  std::string setting;  // Name in the settings file.
  double m = 0;
  double u = 0;
  double weight = 0;     // The weight written: trained or kept.
  bool trained = false;  // False when the data could not support it.
};

// What TrainMatchWeights found.
struct TrainingReport {
  // The base config with the trained weights and thresholds.
  MatchConfig config;
  size_t records = 0;
  size_t random_pairs = 0;
  size_t blocked_pairs = 0;
  // Estimated chance that two random records are one person, or 0 when
  // the data does not allow the estimate (no birth dates).
  double random_match_probability = 0;
  std::vector<LevelEstimate> levels;
};

// Reads every record of `view` and estimates the match weights: u from
// random pairs, m by EM over the pairs sharing a blocking key, one
// session per kind of key (birth date, names, family name and place,
// identifiers) so that each comparison is learnt from the sessions not
// blocked on it. Levels the data cannot support keep `base`'s weights.
// Returns FailedPrecondition for fewer than 2 records, or the view's
// error. Holds every record's features in memory.
absl::StatusOr<TrainingReport> TrainMatchWeights(
    StoreView* view, const MatchConfig& base, const TrainingOptions& options);

}  // namespace idres
