#include "match/matcher.h"

#include <algorithm>
#include <string>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "match/birth_date_match.h"
#include "match/comparison_fields.h"
#include "match/identifier_compare.h"
#include "normalize/nicknames.h"
#include "normalize/normalize.h"
#include "normalize/phonetic.h"
#include "normalize/similarity.h"

namespace idres {
namespace {

using match_internal::Add;
using match_internal::AddFixed;
using match_internal::AddUnlessZero;
using match_internal::CompareIdentifiers;

// Jaro-Winkler bound of the "close" name level.
constexpr double kCloseNames = 0.92;
// Tokens shorter than this are too short for edit-distance levels: "marc"
// and "marie" are two edits apart.
constexpr size_t kMinEditLength = 4;
constexpr size_t kMinTwoEditLength = 6;
// Street names less close than this are different streets, not typos.
constexpr double kCloseStreets = 0.85;

// Ordered from best to worst so that std::min picks the best level.
enum class NameLevel {
  kExact,
  kVariant,
  kClose,
  kPhonetic,
  kSimilar,
  kInitial,
  kDifferent
};

const char* LevelName(NameLevel level) {
  switch (level) {
    case NameLevel::kExact: return "exact";
    case NameLevel::kVariant: return "nickname";
    case NameLevel::kClose: return "close";
    case NameLevel::kPhonetic: return "phonetic";
    case NameLevel::kSimilar: return "similar";
    case NameLevel::kInitial: return "initial";
    case NameLevel::kDifferent: return "different";
  }
  return "different";
}

// True when `a` and `b` are the masculine and feminine forms of one given
// name: one is the other plus a feminine ending (Louis / Louise, Samir /
// Samira, Jean / Jeanne, Daniel / Danielle, Paul / Pauline, Henri /
// Henriette), or they differ only in a final "o" / "a" (Mario / Maria).
// The nickname table is asked first (Ann / Anne, Susan / Susanne are one
// name). Such names are one
// letter or two apart, so the edit levels would call them close, but they
// are two people as often as not: a brother and a sister, twins.
bool AreGenderForms(absl::string_view a, absl::string_view b) {
  if (a.size() > b.size()) std::swap(a, b);
  constexpr size_t kMinStem = 3;
  if (a.size() < kMinStem) return false;
  if (a.size() == b.size()) {
    if (a.size() < kMinStem + 1 || a.substr(0, a.size() - 1) !=
                                       b.substr(0, b.size() - 1)) {
      return false;
    }
    char x = a.back(), y = b.back();
    return (x == 'o' && y == 'a') || (x == 'a' && y == 'o');
  }
  if (!absl::StartsWith(b, a)) return false;
  absl::string_view ending = b.substr(a.size());
  // A lone "e" or "a" only after a consonant: "lotti" / "lottie" and
  // "amelie" / "ameliee" are typos, "samir" / "samira" two people.
  if (ending == "e" || ending == "a") {
    return !absl::StrContains("aeiouy", a.back());
  }
  for (absl::string_view feminine : {"ne", "le", "te", "ine", "ette"}) {
    if (ending == feminine) return true;
  }
  return false;
}

// `gender_forms_differ`: masculine and feminine forms of a name (see
// AreGenderForms) are different names; false when the records say they
// are of one gender (then the pair is a typo).
NameLevel CompareTokens(absl::string_view a, absl::string_view b,
                        bool gender_forms_differ) {
  if (a == b) return NameLevel::kExact;
  if (IsInitialOf(a, b) || IsInitialOf(b, a)) return NameLevel::kInitial;
  // After the nickname table, which knows Ann / Anne as one name.
  if (AreNameVariants(a, b)) return NameLevel::kVariant;
  if (gender_forms_differ && AreGenderForms(a, b)) {
    return NameLevel::kDifferent;
  }
  const bool long_enough = std::min(a.size(), b.size()) >= kMinEditLength;
  const double jw = JaroWinkler(a, b);
  if (jw >= kCloseNames || (long_enough && WithinEditDistance(a, b, 1))) {
    return NameLevel::kClose;
  }
  std::string pa = PhoneticKey(a);
  if (!pa.empty() && pa == PhoneticKey(b)) return NameLevel::kPhonetic;
  if (std::min(a.size(), b.size()) >= kMinTwoEditLength &&
      WithinEditDistance(a, b, 2)) {
    return NameLevel::kSimilar;
  }
  return NameLevel::kDifferent;
}

// True when `abbrev`, one token, is the initials of the two or more tokens
// of `name`: "jp" for "jean pierre".
bool IsInitialsOf(absl::string_view abbrev, absl::string_view name) {
  if (abbrev.size() < 2 || abbrev.find(' ') != abbrev.npos) return false;
  std::string initials;
  for (absl::string_view t : absl::StrSplit(name, ' ', absl::SkipEmpty())) {
    initials.push_back(t[0]);
  }
  return initials.size() >= 2 && initials == abbrev;
}

// True when `a` and `b` are the same once spaces are dropped ("jeanpierre"
// and "jean pierre"), without building either.
bool EqualWithoutSpaces(absl::string_view a, absl::string_view b) {
  size_t i = 0, j = 0;
  while (true) {
    while (i < a.size() && a[i] == ' ') ++i;
    while (j < b.size() && b[j] == ' ') ++j;
    if (i == a.size() || j == b.size()) return i == a.size() && j == b.size();
    if (a[i++] != b[j++]) return false;
  }
}

// The best level over all token pairs: "jean pierre" vs "pierre" is exact,
// and so is "jeanpierre" vs "jean pierre"; "jp" is a variant of it.
// `gender_forms_differ`: see CompareTokens; only for given names.
NameLevel CompareNames(absl::string_view a, absl::string_view b,
                       bool gender_forms_differ = false) {
  if (a.empty() || b.empty()) return NameLevel::kDifferent;
  if (EqualWithoutSpaces(a, b)) return NameLevel::kExact;
  if (IsInitialsOf(a, b) || IsInitialsOf(b, a)) return NameLevel::kVariant;
  NameLevel best = NameLevel::kDifferent;
  for (absl::string_view ta : absl::StrSplit(a, ' ', absl::SkipEmpty())) {
    for (absl::string_view tb : absl::StrSplit(b, ' ', absl::SkipEmpty())) {
      best = std::min(best, CompareTokens(ta, tb, gender_forms_differ));
    }
  }
  return best;
}

WeightSetting GivenSetting(NameLevel level) {
  static constexpr WeightSetting kGiven[] = {
      &MatchWeights::given_exact,    &MatchWeights::given_variant,
      &MatchWeights::given_close,    &MatchWeights::given_phonetic,
      &MatchWeights::given_similar,  &MatchWeights::given_initial,
      &MatchWeights::given_differs};
  return kGiven[static_cast<int>(level)];
}

WeightSetting FamilySetting(NameLevel level) {
  static constexpr WeightSetting kFamily[] = {
      &MatchWeights::family_exact,    &MatchWeights::family_close,
      &MatchWeights::family_close,    &MatchWeights::family_phonetic,
      &MatchWeights::family_similar,  &MatchWeights::family_differs,
      &MatchWeights::family_differs};
  return kFamily[static_cast<int>(level)];
}

double GivenWeight(NameLevel level, const MatchWeights& w) {
  return w.*GivenSetting(level);
}

double FamilyWeight(NameLevel level, const MatchWeights& w) {
  return w.*FamilySetting(level);
}

bool Good(NameLevel level) { return level <= NameLevel::kPhonetic; }

// A name written in one field only ("Samuel", with no family or no given
// name) does not say whether it is a given or a family name: sources put
// a lone name in either field. True when one record's name has one part
// that matches the other record's name in the other field only, at a good
// level: then it counts as a family name at the lower of the level's given
// and family weights, less the swapped penalty, as a lone name is weaker
// evidence than a name in its field. False leaves the comparison to the
// field-by-field rules.
bool CompareLoneName(const storage::RecordFeatures& a, const storage::RecordFeatures& b,
                     const MatchWeights& w, PairComparison* out) {
  auto one_part = [](const storage::RecordFeatures& r) {
    return r.given().empty() != r.family().empty();
  };
  if (!one_part(a) && !one_part(b)) return false;
  if ((a.given().empty() && a.family().empty()) ||
      (b.given().empty() && b.family().empty())) {
    return false;
  }
  const storage::RecordFeatures& one = one_part(a) ? a : b;
  const storage::RecordFeatures& other = one_part(a) ? b : a;
  const bool lone_given = !one.given().empty();
  const std::string& name = lone_given ? one.given() : one.family();
  if (Good(CompareNames(name, lone_given ? other.given() : other.family()))) {
    return false;
  }
  NameLevel cross = CompareNames(name, lone_given ? other.family()
                                                  : other.given());
  if (!Good(cross)) return false;
  double weight = std::min(GivenWeight(cross, w), FamilyWeight(cross, w));
  AddFixed(out, "family", absl::StrCat("lone_name_", LevelName(cross)),
           weight - w.swapped_penalty);
  return true;
}

// `level` of names x and y, or, when it is not good, the better good
// level of x against the other names (full-name tokens) of y's record or
// of y against x's: a middle name one source uses as the name ("Fred
// Champion Crespigny" / "Champion Crespigny").
NameLevel WithOtherNames(NameLevel level, absl::string_view x,
                         absl::string_view x_other, absl::string_view y,
                         absl::string_view y_other, bool gender_forms_differ) {
  if (Good(level) || x.empty() || y.empty()) return level;
  NameLevel via = std::min(CompareNames(x, y_other, gender_forms_differ),
                           CompareNames(y, x_other, gender_forms_differ));
  return Good(via) ? std::min(level, via) : level;
}

// True when the given name of `x` is written in the family field of `y`
// and the other two names do not say two people: `x` has no family name,
// or it is at least similar to `y`'s given name. "Clement Garnier" against
// "Garnier / Aurelie" (a full name written family first) is Garnier twice
// but Clement against Aurelie: two people of one family.
bool HalfSwapped(const storage::RecordFeatures& x,
                 const storage::RecordFeatures& y, bool gender_forms_differ) {
  if (!Good(CompareNames(x.given(), y.family(), gender_forms_differ))) {
    return false;
  }
  return x.family().empty() ||
         CompareNames(x.family(), y.given(), gender_forms_differ) !=
             NameLevel::kDifferent;
}

void CompareNameFields(const storage::RecordFeatures& a,
                       const storage::RecordFeatures& b, const MatchWeights& w,
                       PairComparison* out) {
  if (CompareLoneName(a, b, w, out)) return;
  const bool one_gender = !a.gender().empty() && a.gender() == b.gender();
  NameLevel given = WithOtherNames(
      CompareNames(a.given(), b.given(), !one_gender), a.given(),
      a.other_names(), b.given(), b.other_names(), !one_gender);
  // Not the family name: middle names are often a family name too (a
  // mother's), so "Henry Wright Wood" would meet "Henry Wright".
  NameLevel family = CompareNames(a.family(), b.family());
  // Given and family names written the wrong way round.
  if (!Good(given) || !Good(family)) {
    NameLevel cross_given = CompareNames(a.given(), b.family(), !one_gender);
    NameLevel cross_family = CompareNames(a.family(), b.given(), !one_gender);
    if (Good(cross_given) && Good(cross_family)) {
      out->given_compared = out->given_compatible = true;
      // Either cross pair may be the given name: average both readings so
      // that comparing a with b equals comparing b with a.
      double given = (GivenWeight(cross_given, w) +
                      GivenWeight(cross_family, w)) / 2;
      double family = (FamilyWeight(cross_given, w) +
                       FamilyWeight(cross_family, w)) / 2;
      AddFixed(out, "given", "swapped", given - w.swapped_penalty);
      AddFixed(out, "family", "swapped", family - w.swapped_penalty);
      return;
    }
  }
  if (!a.given().empty() && !b.given().empty()) {
    Add(out, "given", LevelName(given), w, GivenSetting(given));
    out->given_compared = true;
    out->given_compatible = given != NameLevel::kDifferent ||
                            HalfSwapped(a, b, !one_gender) ||
                            HalfSwapped(b, a, !one_gender);
  }
  if (!a.family().empty() && !b.family().empty()) {
    Add(out, "family", LevelName(family), w, FamilySetting(family));
    out->same_name = out->given_compared && given <= NameLevel::kVariant &&
                     family == NameLevel::kExact;
  }
}

// Dates that differ in the year and in another part, a generation apart:
// no typo makes them, a father and a son of one name have them.
bool DatesCompatible(const BirthDateLevel& level, const MatchConfig& config) {
  return config.birth_year_conflict_gap <= 0 ||
         level.year_gap < config.birth_year_conflict_gap;
}

void AddBirthDate(const storage::RecordFeatures& a, const storage::RecordFeatures& b,
                  const MatchConfig& config, PairComparison* out) {
  std::optional<BirthDateLevel> level = CompareBirthDates(a, b);
  if (!level.has_value()) return;
  Add(out, "birth_date", level->name, config.weights, level->setting);
  out->birth_date_compared = true;
  out->birth_date_compatible = DatesCompatible(*level, config);
}

// True when two postal codes of 5+ characters are equal but for their
// last three: the same outward code (UK) or departement (FR).
bool SameArea(absl::string_view a, absl::string_view b) {
  constexpr size_t kLocalPart = 3;
  if (a.size() < 5 || b.size() < 5) return false;
  return a.substr(0, a.size() - kLocalPart) ==
         b.substr(0, b.size() - kLocalPart);
}

void CompareLocality(const storage::RecordFeatures& a, const storage::RecordFeatures& b,
                     const MatchWeights& w, PairComparison* out) {
  if (!a.street_name().empty() && a.street_name() == b.street_name()) {
    bool same_number = !a.street_number().empty() &&
                       a.street_number() == b.street_number();
    Add(out, "street", same_number ? "exact" : "same_street", w,
        same_number ? &MatchWeights::street_exact
                    : &MatchWeights::street_name_only);
  } else if (!a.street_name().empty() && !b.street_name().empty() &&
             !a.street_number().empty() && !b.street_number().empty() &&
             a.street_number() != b.street_number() &&
             JaroWinkler(a.street_name(), b.street_name()) < kCloseStreets) {
    // Number and name both differ: not a typo, nor address lines written
    // in the other order (FEBRL), but another home.
    Add(out, "street", "different", w, &MatchWeights::street_differs);
  }
  if (!a.postal_code().empty() && !b.postal_code().empty()) {
    if (a.postal_code() == b.postal_code()) {
      Add(out, "postal_code", "exact", w, &MatchWeights::postal_code_exact);
    } else if (WithinEditDistance(a.postal_code(), b.postal_code(), 1)) {
      Add(out, "postal_code", "close", w, &MatchWeights::postal_code_close);
    } else if (SameArea(a.postal_code(), b.postal_code())) {
      AddUnlessZero(out, "postal_code", "same_area", w,
                    &MatchWeights::postal_code_area);
    } else {
      AddUnlessZero(out, "postal_code", "different", w,
                    &MatchWeights::postal_code_differs);
    }
  }
  if (!a.city().empty() && !b.city().empty()) {
    if (a.city() == b.city()) {
      Add(out, "city", "exact", w, &MatchWeights::city_exact);
    } else if (JaroWinkler(a.city(), b.city()) >= kCloseNames) {
      Add(out, "city", "close", w, &MatchWeights::city_close);
    } else {
      AddUnlessZero(out, "city", "different", w, &MatchWeights::city_differs);
    }
  }
  if (!a.gender().empty() && !b.gender().empty()) {
    if (a.gender() != b.gender()) {
      Add(out, "gender", "different", w, &MatchWeights::gender_differs);
    } else {
      AddUnlessZero(out, "gender", "same", w, &MatchWeights::gender_same);
    }
  }
}

// True for the fields of a comparison that are not identifiers.
bool IsPersonField(absl::string_view field) {
  for (absl::string_view f : {"given", "family", "street", "postal_code",
                              "city", "gender", "name_frequency"}) {
    if (field == f) return true;
  }
  return false;
}

}  // namespace

PairComparison CompareRecords(const storage::RecordFeatures& a,
                              const storage::RecordFeatures& b,
                              const MatchConfig& config) {
  PairComparison out;
  CompareIdentifiers(a, b, config, &out);
  CompareNameFields(a, b, config.weights, &out);
  AddBirthDate(a, b, config, &out);
  CompareLocality(a, b, config.weights, &out);
  out.conflict = IsConflict(
      out.given_compared, out.given_compatible,
      out.birth_date_compared && out.same_name,
      out.birth_date_compatible || out.shares_strong_identifier,
      out.shares_unique_identifier);
  return out;
}

std::optional<bool> BirthDatesCompatible(const storage::RecordFeatures& a,
                                         const storage::RecordFeatures& b,
                                         const MatchConfig& config) {
  std::optional<BirthDateLevel> level = CompareBirthDates(a, b);
  if (!level.has_value()) return std::nullopt;
  return DatesCompatible(*level, config);
}

bool AccountsKeepApart(const PairComparison& comparison,
                       const MatchConfig& config) {
  bool accounts_differ = false;
  for (const v1::FieldComparison& f : comparison.fields) {
    const std::string& field = f.field();
    if (field == "birth_date") {
      if (f.weight() > 0) return false;
      continue;
    }
    if (IsPersonField(field)) continue;
    // An identifier: a strong one shared or one close (a typo) speaks for
    // a link; a weak one shared (a landline, a family e-mail) is what a
    // household shares.
    if (f.level() == "same_weak") continue;
    if (f.level() != "different") return false;
    accounts_differ |= config.account_per_person.contains(field);
  }
  return accounts_differ;
}

bool IsLink(const PairComparison& comparison, const MatchConfig& config) {
  return !comparison.conflict && comparison.score >= config.link_threshold &&
         !AccountsKeepApart(comparison, config);
}

}  // namespace idres
