#include "resolver/matcher.h"

#include <algorithm>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "resolver/nicknames.h"
#include "resolver/normalize.h"
#include "resolver/phonetic.h"
#include "resolver/similarity.h"

namespace idres {
namespace {

// Names at least this close by Jaro-Winkler are typo-level variants.
constexpr double kCloseNames = 0.9;

// Ordered from best to worst so that std::min picks the best level.
enum class NameLevel { kExact, kVariant, kClose, kInitial, kDifferent };

const char* LevelName(NameLevel level) {
  switch (level) {
    case NameLevel::kExact: return "exact";
    case NameLevel::kVariant: return "nickname";
    case NameLevel::kClose: return "close";
    case NameLevel::kInitial: return "initial";
    case NameLevel::kDifferent: return "different";
  }
  return "different";
}

NameLevel CompareTokens(absl::string_view a, absl::string_view b) {
  if (a == b) return NameLevel::kExact;
  if (AreNameVariants(a, b)) return NameLevel::kVariant;
  if (JaroWinkler(a, b) >= kCloseNames) return NameLevel::kClose;
  std::string pa = PhoneticKey(a);
  if (!pa.empty() && pa == PhoneticKey(b)) return NameLevel::kClose;
  if (IsInitialOf(a, b) || IsInitialOf(b, a)) return NameLevel::kInitial;
  return NameLevel::kDifferent;
}

// The best level over all token pairs: "jean pierre" vs "pierre" is exact,
// and so is "jeanpierre" vs "jean pierre".
NameLevel CompareNames(absl::string_view a, absl::string_view b) {
  if (absl::StrReplaceAll(a, {{" ", ""}}) ==
      absl::StrReplaceAll(b, {{" ", ""}})) {
    return NameLevel::kExact;
  }
  NameLevel best = NameLevel::kDifferent;
  for (absl::string_view ta : absl::StrSplit(a, ' ', absl::SkipEmpty())) {
    for (absl::string_view tb : absl::StrSplit(b, ' ', absl::SkipEmpty())) {
      best = std::min(best, CompareTokens(ta, tb));
    }
  }
  return best;
}

void Add(PairComparison* out, absl::string_view field,
         absl::string_view level, double weight) {
  v1::FieldComparison& f = out->fields.emplace_back();
  f.set_field(std::string(field));
  f.set_level(std::string(level));
  f.set_weight(weight);
  out->score += weight;
}

void CompareIdentifiers(const v1::RecordFeatures& a,
                        const v1::RecordFeatures& b, const MatchConfig& config,
                        PairComparison* out) {
  // Types present on both sides, and whether they share a value.
  std::vector<std::pair<std::string, v1::IdentifierStrength>> shared;
  std::vector<std::string> both;
  for (const v1::NormalizedIdentifier& x : a.identifiers()) {
    if (x.strength() == v1::IDENTIFIER_STRENGTH_IGNORED) continue;
    for (const v1::NormalizedIdentifier& y : b.identifiers()) {
      if (y.strength() == v1::IDENTIFIER_STRENGTH_IGNORED) continue;
      if (x.type() != y.type()) continue;
      both.push_back(x.type());
      if (x.value() == y.value()) {
        // Strength depends on type and value only, so x's is y's.
        shared.emplace_back(x.type(), x.strength());
      }
    }
  }
  std::sort(shared.begin(), shared.end());
  shared.erase(std::unique(shared.begin(), shared.end(),
                           [](const auto& l, const auto& r) {
                             return l.first == r.first;
                           }),
               shared.end());
  for (const auto& [type, strength] : shared) {
    bool strong = strength == v1::IDENTIFIER_STRENGTH_STRONG;
    out->shares_strong_identifier |= strong;
    Add(out, type, strong ? "same" : "same_weak",
        strong ? config.weights.strong_identifier
               : config.weights.weak_identifier);
  }
  std::sort(both.begin(), both.end());
  both.erase(std::unique(both.begin(), both.end()), both.end());
  for (const std::string& type : both) {
    bool has_shared = std::any_of(shared.begin(), shared.end(),
                                  [&](const auto& s) { return s.first == type; });
    if (has_shared || !config.unique_per_person.contains(type)) continue;
    Add(out, type, "different", config.weights.unique_identifier_differs);
  }
}

void CompareNameFields(const v1::RecordFeatures& a,
                       const v1::RecordFeatures& b, const MatchWeights& w,
                       PairComparison* out) {
  // Given and family names written the wrong way round.
  if (!a.given().empty() && !a.family().empty() && a.given() != a.family() &&
      a.given() == b.family() && a.family() == b.given()) {
    Add(out, "name", "swapped", w.given_exact + w.family_exact);
    return;
  }
  if (!a.given().empty() && !b.given().empty()) {
    NameLevel level = CompareNames(a.given(), b.given());
    static constexpr double MatchWeights::*kGiven[] = {
        &MatchWeights::given_exact, &MatchWeights::given_variant,
        &MatchWeights::given_close, &MatchWeights::given_initial,
        &MatchWeights::given_differs};
    Add(out, "given", LevelName(level), w.*kGiven[static_cast<int>(level)]);
    if (level == NameLevel::kDifferent) out->conflict = true;
  }
  if (!a.family().empty() && !b.family().empty()) {
    NameLevel level = CompareNames(a.family(), b.family());
    double weight = level == NameLevel::kExact ? w.family_exact
                    : level == NameLevel::kDifferent ||
                            level == NameLevel::kInitial
                        ? w.family_differs
                        : w.family_close;
    Add(out, "family", LevelName(level), weight);
  }
}

void CompareBirthDates(const v1::RecordFeatures& a,
                       const v1::RecordFeatures& b, const MatchWeights& w,
                       PairComparison* out) {
  if (a.birth_date().empty() || b.birth_date().empty()) return;
  if (a.birth_date() == b.birth_date()) {
    Add(out, "birth_date", "exact", w.birth_date_exact);
    return;
  }
  std::optional<CivilDate> x = ParseIsoDate(a.birth_date());
  std::optional<CivilDate> y = ParseIsoDate(b.birth_date());
  if (x.has_value() && y.has_value()) {
    bool swapped = x->day == y->month && x->month == y->day &&
                   x->year == y->year;
    int parts_differing = (x->year != y->year) + (x->month != y->month) +
                          (x->day != y->day);
    if (swapped || parts_differing == 1) {
      Add(out, "birth_date", swapped ? "day_month_swapped" : "one_part_differs",
          w.birth_date_close);
      return;
    }
  }
  Add(out, "birth_date", "different", w.birth_date_differs);
  out->conflict = true;
}

void CompareLocality(const v1::RecordFeatures& a, const v1::RecordFeatures& b,
                     const MatchWeights& w, PairComparison* out) {
  if (!a.street().empty() && a.street() == b.street()) {
    Add(out, "street", "exact", w.street_exact);
  }
  if (!a.postal_code().empty() && a.postal_code() == b.postal_code()) {
    Add(out, "postal_code", "exact", w.postal_code_exact);
  } else if (!a.city().empty() && a.city() == b.city()) {
    Add(out, "city", "exact", w.city_exact);
  }
  if (!a.gender().empty() && !b.gender().empty() && a.gender() != b.gender()) {
    Add(out, "gender", "different", w.gender_differs);
  }
}

}  // namespace

PairComparison CompareRecords(const v1::RecordFeatures& a,
                              const v1::RecordFeatures& b,
                              const MatchConfig& config) {
  PairComparison out;
  CompareIdentifiers(a, b, config, &out);
  CompareNameFields(a, b, config.weights, &out);
  CompareBirthDates(a, b, config.weights, &out);
  CompareLocality(a, b, config.weights, &out);
  return out;
}

bool IsLink(const PairComparison& comparison, const MatchConfig& config) {
  return !comparison.conflict && comparison.score >= config.link_threshold;
}

}  // namespace idres
