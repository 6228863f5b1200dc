// The checks `idres train` puts between what EM estimated and the weights
// it writes, so that training never makes resolution worse than the
// defaults: per level, support, plausibility and bounds, each with the
// reason a level kept or bounded its weight, and the roles the defaults
// give identifiers (a strong one links alone, a weak one never does).
// Pure and thread-safe.
#pragma once

#include <string>
#include <vector>

#include "match/match_config.h"
#include "match/matcher.h"

namespace idres {

// Levels with fewer expected matching pairs than this keep their default:
// a handful of pairs does not make a likelihood ratio.
inline constexpr double kMinExpectedMatches = 10.0;
// Levels seen fewer times than this among random pairs have u bounded
// from above only (the rule of three: u <= 3 / pairs).
inline constexpr double kMinRandomCount = 3.0;
// Fewer conflicting candidate pairs than this say nothing of what two
// different people share.
inline constexpr double kMinContextPairs = 30.0;
// An agreement shown by this share of conflicting candidate pairs (or
// more) is common between different people who meet as candidates (a
// household's address and landline): it never weighs more than its
// default.
inline constexpr double kMaxContextShare = 0.10;
// Trained weights stay inside these bounds.
inline constexpr double kMinTrainedWeight = -10.0;
inline constexpr double kMaxTrainedWeight = 20.0;

// What the data showed for one level.
struct LevelEvidence {
  WeightSetting setting = nullptr;
  bool estimated = false;  // An accepted EM session estimated it.
  double m = 0;            // P(level | same person), mean over sessions.
  double u = 0;            // P(level | different people), random pairs.
  double expected_matches = 0;  // Matching pairs at the level, per session.
  double random_count = 0;      // Random pairs showing the level.
  double random_applicable = 0;  // Random pairs where the comparison applies.
  // The level's share among the candidate pairs that conflict (two people
  // by the resolution's own rule: clearly different given names), from
  // sessions not blocked on the comparison; negative when fewer than
  // kMinContextPairs such pairs had the comparison, and for given names
  // (every conflicting pair differs there by definition).
  double context_u = -1;
};

// The weight written for one level and why.
struct GuardedWeight {
  double weight = 0;
  double estimate = 0;   // log2(m / u) before the checks; 0 if none.
  bool trained = false;  // False: the default was kept.
  // A disagreement held at its default although EM found it harder.
  bool held_soft = false;
  std::string note;      // Empty when the estimate was taken as it is.
};

// Returns the weights of comparison `levels` (one entry per level, in
// ComparisonLevels order) from their evidence, checking each level in
// turn. It keeps its default when no accepted session estimated it, when
// it has fewer than kMinExpectedMatches expected matches, when it is the
// given-name disagreement (the conflict rule decides it, not its
// weight), or when its sign contradicts its role (an agreement with m <
// u, a disagreement with m > u). u of a level seen fewer than
// kMinRandomCount times among random pairs is raised to 3 / pairs. An
// agreement weighs more than its default only when conflicting candidate
// pairs (two people by the resolution's own rule) show it less often than
// kMaxContextShare: without that evidence (given names, on which the
// conflict rule is defined; too few conflicting pairs) or against it (a
// household's address, landline and family name), it keeps the default.
// A name agreement (given, family) never weighs less than its default:
// the name frequency term lowers common names; a near name (close,
// phonetic, similar) never weighs more than its default: neighbours of
// common names (Schmitt, Schmidt) share it, which that term does not see.
// A disagreement is never harder than its default (one person often has
// another e-mail, moves, marries), unless the same field's best agreement
// rose above its default (the field then tells more both ways). Then the
// identifier roles of the defaults: strong_identifier keeps its default
// unless it still reaches base.link_threshold (a strong identifier links
// alone); weak_identifier unless it stays below base.review_threshold
// (alone it is not even a possible match); email_close and
// unique_identifier_close unless they stay below base.link_threshold.
// Last, agreement levels stay in their order: a level never outweighs
// the one above it.
std::vector<GuardedWeight> GuardComparison(
    const std::vector<LevelEvidence>& levels, const MatchConfig& base);

}  // namespace idres
