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
#include "training/comparison_levels.h"
#include "training/expected_change.h"
#include "training/weight_estimation.h"
#include "store/profile_store.h"

namespace idres {

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
  double estimate = 0;   // log2(m / u) as EM found it, before the checks.
  double weight = 0;     // The weight written: trained, bounded or kept.
  double default_weight = 0;
  bool trained = false;  // False when the default was kept.
  std::string note;      // Why it was kept or bounded (guard_rails.h).
};

// One EM session: the pairs sharing one kind of blocking key.
struct SessionReport {
  std::string name;  // "birth date", "names", "family and place", ...
  size_t pairs = 0;  // Pairs EM saw: the candidate pairs that may link.
  // Pairs left out of EM because their given names conflict (resolution
  // never links them); they show what two different people share.
  size_t conflicting_pairs = 0;
  double lambda = 0;  // Share of matches EM found among `pairs`.
  int iterations = 0;
  bool converged = false;
  bool used = false;
  std::string note;  // Why it was not used.
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
  std::vector<SessionReport> sessions;
  std::vector<LevelEstimate> levels;
  size_t levels_trained = 0;  // Levels whose weight is not the default.
  // What the trained weights would change on the store's blocked pairs
  // (expected_change.h).
  ExpectedChange change;
};

// Reads every record of `view` and estimates the match weights: u from
// random pairs, m by EM over the pairs sharing a blocking key, one
// session per kind of key (birth date, names, family name and place,
// identifiers) so that each comparison is learnt from the sessions not
// blocked on it. Pairs whose given names conflict are left out of EM
// (resolution never links them) and measure what different people share
// (LevelEvidence::context_u). A session is used only when EM converged
// on at least 200 pairs with a share of matches strictly between 0.001 and
// 0.999. Every level then goes through the guard rails of guard_rails.h;
// levels they reject keep `base`'s weights, with the reason in the
// report. Fills `change` with what the result would change on the
// store's blocked pairs. Returns FailedPrecondition for fewer than 2
// records, or when no session could be used (nothing to learn from), or
// the view's error. Holds every record's features in memory.
absl::StatusOr<TrainingReport> TrainMatchWeights(
    StoreView* view, const MatchConfig& base, const TrainingOptions& options);

}  // namespace idres
