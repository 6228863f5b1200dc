// The comparisons and levels `idres train` estimates: which MatchWeights
// setting each level of each comparison reads, the comparison vector of
// a pair of records, and what each level says (agreement or disagreement)
// for the guard rails. Pure and thread-safe.
#pragma once

#include <vector>

#include "idres/storage/storage.pb.h"
#include "match/matcher.h"
#include "training/weight_estimation.h"

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

// Returns the number of levels of each comparison, in LevelVector order.
std::vector<int> LevelSizes();

// Returns the comparison vector of records `a` and `b` from `pair`, their
// comparison by CompareRecords. Identifiers take the best level of any
// type, or "differs" when both records carry a type but share no value;
// postal code, city and gender fall to their "differs" (or "same")
// level when both records have the field and no other level applies;
// swapped names leave given and family at -1.
LevelVector ClassifyPair(const PairComparison& pair,
                         const storage::RecordFeatures& a,
                         const storage::RecordFeatures& b);

// What a level says about a pair, which bounds the sign of its weight.
enum class LevelRole {
  kAgreement,     // The values agree (exactly or nearly): weight >= 0.
  kDisagreement,  // They differ: weight <= 0.
  kPartial,       // Part agrees, part not (same year only): either sign.
};

// Returns the role of `setting`, a level of some ComparisonLevels list.
LevelRole RoleOf(WeightSetting setting);

}  // namespace idres
