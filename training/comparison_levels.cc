#include "training/comparison_levels.h"

#include <algorithm>

namespace idres {
namespace {

using M = MatchWeights;

int IndexOf(TrainedComparison k, WeightSetting setting) {
  const std::vector<WeightSetting>& levels = ComparisonLevels(k);
  auto it = std::find(levels.begin(), levels.end(), setting);
  return it == levels.end() ? -1 : static_cast<int>(it - levels.begin());
}

TrainedComparison ComparisonOfField(absl::string_view field) {
  if (field == "given") return kGivenComparison;
  if (field == "family") return kFamilyComparison;
  if (field == "birth_date") return kBirthDateComparison;
  if (field == "street") return kStreetComparison;
  if (field == "postal_code") return kPostalCodeComparison;
  if (field == "city") return kCityComparison;
  if (field == "gender") return kGenderComparison;
  return kIdentifierComparison;
}

bool ShareIdentifierType(const storage::RecordFeatures& a,
                         const storage::RecordFeatures& b) {
  for (const storage::NormalizedIdentifier& x : a.identifiers()) {
    if (x.strength() == storage::IDENTIFIER_STRENGTH_IGNORED) continue;
    for (const storage::NormalizedIdentifier& y : b.identifiers()) {
      if (y.strength() != storage::IDENTIFIER_STRENGTH_IGNORED &&
          x.type() == y.type()) {
        return true;
      }
    }
  }
  return false;
}

// Sets the "else" level of comparison `k` when both records have the
// field and no entry gave it a level.
void FillElse(TrainedComparison k, bool both_present, WeightSetting setting,
              LevelVector* out) {
  if ((*out)[k] < 0 && both_present) (*out)[k] = IndexOf(k, setting);
}

}  // namespace

const std::vector<WeightSetting>& ComparisonLevels(TrainedComparison k) {
  static const auto* kLevels = new std::vector<std::vector<WeightSetting>>{
      {&M::strong_identifier, &M::unique_identifier_differs, &M::email_close,
       &M::unique_identifier_close, &M::weak_identifier,
       &M::identifier_differs},
      {&M::given_exact, &M::given_variant, &M::given_close, &M::given_phonetic,
       &M::given_similar, &M::given_initial, &M::given_differs},
      {&M::family_exact, &M::family_close, &M::family_phonetic,
       &M::family_similar, &M::family_differs},
      {&M::birth_date_exact, &M::birth_date_typo, &M::birth_date_swapped,
       &M::birth_date_close,
       &M::birth_date_same_year, &M::birth_date_differs},
      {&M::street_exact, &M::street_name_only, &M::street_differs},
      {&M::postal_code_exact, &M::postal_code_close, &M::postal_code_area,
       &M::postal_code_differs},
      {&M::city_exact, &M::city_close, &M::city_differs},
      {&M::gender_same, &M::gender_differs},
  };
  return (*kLevels)[k];
}

LevelVector ClassifyPair(const PairComparison& pair,
                         const storage::RecordFeatures& a,
                         const storage::RecordFeatures& b) {
  LevelVector out(kTrainedComparisonCount, -1);
  for (size_t i = 0; i < pair.fields.size(); ++i) {
    if (pair.settings[i] == nullptr) continue;  // Swapped names, fixed 0.
    TrainedComparison k = ComparisonOfField(pair.fields[i].field());
    int level = IndexOf(k, pair.settings[i]);
    if (level >= 0 && (out[k] < 0 || level < out[k])) out[k] = level;
  }
  FillElse(kIdentifierComparison, ShareIdentifierType(a, b),
           &M::identifier_differs, &out);
  FillElse(kPostalCodeComparison,
           !a.postal_code().empty() && !b.postal_code().empty(),
           &M::postal_code_differs, &out);
  FillElse(kCityComparison, !a.city().empty() && !b.city().empty(),
           &M::city_differs, &out);
  FillElse(kGenderComparison, !a.gender().empty() && !b.gender().empty(),
           &M::gender_same, &out);
  return out;
}

std::vector<int> LevelSizes() {
  std::vector<int> out;
  for (int k = 0; k < kTrainedComparisonCount; ++k) {
    out.push_back(static_cast<int>(
        ComparisonLevels(static_cast<TrainedComparison>(k)).size()));
  }
  return out;
}

LevelRole RoleOf(WeightSetting s) {
  static const auto* kDisagreements = new std::vector<WeightSetting>{
      &M::unique_identifier_differs, &M::identifier_differs,
      &M::given_differs,             &M::family_differs,
      &M::birth_date_differs,        &M::street_differs,
      &M::postal_code_differs,       &M::city_differs,
      &M::gender_differs};
  static const auto* kPartials = new std::vector<WeightSetting>{
      &M::unique_identifier_close, &M::given_similar, &M::given_initial,
      &M::family_similar,          &M::birth_date_close,
      &M::birth_date_same_year,    &M::postal_code_area,
      &M::gender_same};
  auto in = [s](const std::vector<WeightSetting>* list) {
    return std::find(list->begin(), list->end(), s) != list->end();
  };
  if (in(kDisagreements)) return LevelRole::kDisagreement;
  if (in(kPartials)) return LevelRole::kPartial;
  return LevelRole::kAgreement;
}

}  // namespace idres
