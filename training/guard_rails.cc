#include "training/guard_rails.h"

#include <algorithm>
#include <cmath>

#include "absl/strings/str_format.h"
#include "match/match_settings_text.h"
#include "training/comparison_levels.h"

namespace idres {
namespace {

using M = MatchWeights;

GuardedWeight Kept(double default_weight, std::string note,
                   double estimate = 0) {
  GuardedWeight g;
  g.weight = default_weight;
  g.estimate = estimate;
  g.note = std::move(note);
  return g;
}

bool IsNameLevel(WeightSetting s) {
  for (TrainedComparison k : {kGivenComparison, kFamilyComparison}) {
    const std::vector<WeightSetting>& levels = ComparisonLevels(k);
    if (std::find(levels.begin(), levels.end(), s) != levels.end()) {
      return true;
    }
  }
  return false;
}

// The checks of one level on its own (see GuardComparison).
GuardedWeight GuardLevel(const LevelEvidence& e, double default_weight) {
  if (!e.estimated) return Kept(default_weight, "no session estimates it");
  if (e.expected_matches < kMinExpectedMatches) {
    return Kept(default_weight,
                absl::StrFormat("%.1f expected matching pairs, fewer than %.0f",
                                e.expected_matches, kMinExpectedMatches));
  }
  if (e.setting == &M::given_differs) {
    return Kept(default_weight, "decided by the given-name conflict rule");
  }
  GuardedWeight g;
  std::string note;
  double u = e.u;
  if (e.random_count < kMinRandomCount && e.random_applicable > 0) {
    u = std::max(u, kMinRandomCount / e.random_applicable);
    note = absl::StrFormat("u bounded by %.0f / %.0f random pairs; ",
                           kMinRandomCount, e.random_applicable);
  }
  g.estimate = std::clamp(std::log2(e.m / u), kMinTrainedWeight,
                          kMaxTrainedWeight);
  const LevelRole role = RoleOf(e.setting);
  if (role == LevelRole::kAgreement && g.estimate < 0) {
    return Kept(default_weight, "m below u for an agreement level",
                g.estimate);
  }
  if (role == LevelRole::kDisagreement && g.estimate > 0) {
    return Kept(default_weight, "m above u for a disagreement", g.estimate);
  }
  g.weight = g.estimate;
  g.trained = true;
  if (role == LevelRole::kAgreement && g.weight > default_weight) {
    if (e.context_u < 0) {
      return Kept(default_weight,
                  "no evidence of what two people meeting as candidates "
                  "share: at most the default",
                  g.estimate);
    }
    if (e.context_u >= kMaxContextShare) {
      return Kept(default_weight,
                  absl::StrFormat("%.0f%% of conflicting candidate pairs "
                                  "(two people) share it: at most the default",
                                  100 * e.context_u),
                  g.estimate);
    }
  }
  const bool exact_name =
      e.setting == &M::given_exact || e.setting == &M::family_exact;
  if (IsNameLevel(e.setting) && !exact_name &&
      role != LevelRole::kDisagreement && g.weight > default_weight) {
    return Kept(default_weight,
                "a near name is shared by the neighbours of common names "
                "(Schmitt, Schmidt), which the name frequency term does "
                "not see: at most the default",
                g.estimate);
  }
  if (role == LevelRole::kAgreement && g.weight < default_weight &&
      IsNameLevel(e.setting)) {
    return Kept(default_weight,
                "the name frequency term lowers common names, not this: at "
                "least the default",
                g.estimate);
  }
  if (role == LevelRole::kDisagreement && g.weight < default_weight) {
    // GuardComparison lets it harden when the field's agreement rose.
    g.weight = default_weight;
    g.trained = false;
    g.held_soft = true;
    note += "no harder than the default (one person often differs here) "
            "while the field's agreement keeps its default; ";
  }
  if (!note.empty()) note.resize(note.size() - 2);
  g.note = std::move(note);
  return g;
}

// The identifier roles of the defaults (see GuardComparison).
void KeepIdentifierRole(WeightSetting s, const MatchConfig& base,
                        GuardedWeight* g) {
  const double d = base.weights.*s;
  auto keep = [&](const char* why) {
    if (g->weight == d) return;
    g->weight = d;
    g->trained = false;
    g->note = why;
  };
  if (s == &M::strong_identifier && g->weight < base.link_threshold) {
    keep("below the link threshold: a strong identifier links alone");
  } else if (s == &M::weak_identifier &&
             g->weight >= base.review_threshold) {
    keep("at or above the review threshold: a weak identifier is never "
         "evidence enough alone");
  } else if ((s == &M::email_close || s == &M::unique_identifier_close) &&
             g->weight >= base.link_threshold) {
    keep("at or above the link threshold: a near identifier never links "
         "alone");
  }
}

}  // namespace

std::vector<GuardedWeight> GuardComparison(
    const std::vector<LevelEvidence>& levels, const MatchConfig& base) {
  std::vector<GuardedWeight> out;
  for (const LevelEvidence& e : levels) {
    out.push_back(GuardLevel(e, base.weights.*e.setting));
  }
  // A field whose agreement became more telling also tells more when it
  // differs: its disagreements may then be as hard as EM found them.
  const size_t best = 0;  // Every comparison lists its best agreement first.
  if (!levels.empty() && out[best].trained &&
      out[best].weight > base.weights.*levels[best].setting) {
    for (size_t l = 0; l < levels.size(); ++l) {
      GuardedWeight& g = out[l];
      if (!g.held_soft) continue;
      g.weight = g.estimate;
      g.trained = true;
      g.note = "harder than the default, as the field's agreement rose";
    }
  }
  for (size_t l = 0; l < levels.size(); ++l) {
    KeepIdentifierRole(levels[l].setting, base, &out[l]);
  }
  // Agreement levels, best first, never outweigh the one above them.
  const GuardedWeight* above = nullptr;
  for (size_t l = 0; l < levels.size(); ++l) {
    if (RoleOf(levels[l].setting) != LevelRole::kAgreement) continue;
    GuardedWeight& g = out[l];
    if (above != nullptr && g.weight > above->weight) {
      g.weight = above->weight;
      g.note += std::string(g.note.empty() ? "" : "; ") +
                "kept below the level above it";
    }
    above = &g;
  }
  return out;
}

}  // namespace idres
