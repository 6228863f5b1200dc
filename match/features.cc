#include "match/features.h"

#include <algorithm>
#include <optional>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "match/email_evidence.h"
#include "normalize/address.h"
#include "normalize/name_case.h"
#include "normalize/normalize.h"
#include "normalize/phonetic.h"

namespace idres {
namespace {

// Shorter e-mail local parts ("info", "jean") are too common for a key.
constexpr size_t kMinEmailLocalKey = 6;

storage::NormalizedIdentifier Ignored(const v1::Identifier& id) {
  storage::NormalizedIdentifier out;
  out.set_type(id.type());
  out.set_value(std::string(absl::StripAsciiWhitespace(id.value())));
  out.set_strength(storage::IDENTIFIER_STRENGTH_IGNORED);
  return out;
}

storage::IdentifierStrength ConfiguredStrength(const MatchConfig& config,
                                          absl::string_view type) {
  auto it = config.strengths.find(type);
  return it == config.strengths.end() ? storage::IDENTIFIER_STRENGTH_WEAK
                                      : it->second;
}

// A landline is shared by a household and a switchboard by a company, so
// only numbers that are (or may be) mobile link on their own.
storage::IdentifierStrength PhoneStrength(PhoneKind kind) {
  return kind == PhoneKind::kMobile || kind == PhoneKind::kFixedLineOrMobile
             ? storage::IDENTIFIER_STRENGTH_STRONG
             : storage::IDENTIFIER_STRENGTH_WEAK;
}

std::string FoldGender(absl::string_view raw) {
  std::string g = FoldText(raw);
  if (g == "f" || g == "female" || g == "femme" || g == "w" || g == "woman") {
    return "f";
  }
  if (g == "m" || g == "male" || g == "homme" || g == "h" || g == "man") {
    return "m";
  }
  return "";
}

// True for a folded token that is a form of address or an ordinal
// ("sir", "mme", "dr", "1st"), not a name: left in a given name it would
// make "sir" and "william" two different given names, a conflict. Only
// words that are not also common given or family names are listed
// ("earl" is a given name, "lord" and "bishop" family names: see
// IsLeadingTitle).
bool IsTitle(absl::string_view token) {
  static constexpr absl::string_view kTitles[] = {
      "archbishop", "baroness",  "countess", "dame",        "dr",
      "duchess",    "esq",       "hon",      "honourable",  "hrh",
      "madame",     "mademoiselle", "marchioness", "marquess", "miss",
      "mlle",       "mme",       "monsieur", "mr",          "mrs",
      "ms",         "prof",      "rev",      "revd",        "reverend",
      "sir",        "viscount",  "viscountess"};
  for (absl::string_view t : kTitles) {
    if (token == t) return true;
  }
  // Ordinals: 1st, 2nd, 3rd, 4th...
  size_t digits = 0;
  while (digits < token.size() && absl::ascii_isdigit(token[digits])) ++digits;
  absl::string_view suffix = token.substr(digits);
  return digits > 0 && (suffix == "st" || suffix == "nd" || suffix == "rd" ||
                        suffix == "th");
}

// True for a rank or title that is also a family name ("Lord", "Major",
// "Bishop", "Baron", "Cardinal"): a title only before the first name of a
// given or full name.
bool IsLeadingTitle(absl::string_view token) {
  static constexpr absl::string_view kLeading[] = {
      "admiral",  "baron",   "bishop",  "brig",       "brigadier", "canon",
      "capt",     "captain", "cardinal", "col",       "colonel",   "commander",
      "count",    "duke",    "father",  "gen",        "general",   "lady",
      "lieutenant", "lord",  "lt",      "maj",        "major",     "rear",
      "right",    "rt",      "sergeant", "sgt",       "vice"};
  for (absl::string_view t : kLeading) {
    if (token == t) return true;
  }
  return false;
}

// True for a generation or an honour written after a full name ("jr",
// "frs"): left there, splitting the full name would take it for the
// family name.
bool IsSuffix(absl::string_view token) {
  static constexpr absl::string_view kSuffixes[] = {
      "cbe", "frs", "fsa", "jnr", "jr", "kbe", "kc",
      "kcb", "mbe", "mp",  "obe", "qc", "snr", "sr"};
  for (absl::string_view t : kSuffixes) {
    if (token == t) return true;
  }
  return false;
}

// The tokens of a folded given or full name without titles: those of
// IsTitle anywhere, those of IsLeadingTitle before the first name, those
// of IsSuffix after the last.
std::vector<std::string> TokensWithoutTitles(absl::string_view folded) {
  std::vector<std::string> tokens = NameTokens(folded);
  tokens.erase(std::remove_if(tokens.begin(), tokens.end(),
                              [](const std::string& t) { return IsTitle(t); }),
               tokens.end());
  auto first = std::find_if_not(tokens.begin(), tokens.end(),
                                [](const std::string& t) {
                                  return IsLeadingTitle(t);
                                });
  tokens.erase(tokens.begin(), first);
  while (!tokens.empty() && IsSuffix(tokens.back())) tokens.pop_back();
  return tokens;
}

// Particles of names ("thomas of chudleigh", "de barry"): no name alone.
bool IsParticle(absl::string_view token) {
  static constexpr absl::string_view kParticles[] = {
      "and", "da", "de", "del", "den", "der", "di", "du",
      "la",  "le", "of", "the", "van", "von"};
  for (absl::string_view t : kParticles) {
    if (token == t) return true;
  }
  return false;
}

// The tokens of the full name that the given and family names lack
// (middle names, a second family name), without titles and particles.
std::string OtherNames(absl::string_view full, const storage::RecordFeatures& f) {
  std::vector<std::string> known = NameTokens(f.given());
  for (std::string& t : NameTokens(f.family())) known.push_back(std::move(t));
  std::vector<std::string> other;
  for (std::string& t : TokensWithoutTitles(FoldText(full))) {
    if (IsParticle(t) ||
        std::find(known.begin(), known.end(), t) != known.end() ||
        std::find(other.begin(), other.end(), t) != other.end()) {
      continue;
    }
    other.push_back(std::move(t));
  }
  return absl::StrJoin(other, " ");
}

// `full` as written, without the titles it starts with ("Mme", "M.",
// "Dr"), so that their case does not hide the name's.
absl::string_view WithoutLeadingTitles(absl::string_view full) {
  full = absl::StripLeadingAsciiWhitespace(full);
  while (!full.empty()) {
    size_t end = full.find_first_of(" \t");
    if (end == absl::string_view::npos) break;
    std::string token = FoldText(full.substr(0, end));
    if (token != "m" && !IsTitle(token) && !IsLeadingTitle(token)) break;
    full = absl::StripLeadingAsciiWhitespace(full.substr(end));
  }
  return full;
}

// Fills given and family, splitting a full name when the source gave no
// parts: the tokens in capitals at one end when the others are not
// ("GARNIER Aurélie", "Jean DE LA FONTAINE", SplitNameByCase), else the
// last token ("Ann Lee").
// Titles are dropped from the given and the full name. A full name given
// beside the parts adds the tokens they lack as other names.
void FoldName(const v1::PersonName& name, storage::RecordFeatures* f) {
  f->set_given(absl::StrJoin(TokensWithoutTitles(FoldText(name.given())), " "));
  f->set_family(FoldText(name.family()));
  if (!f->given().empty() || !f->family().empty()) {
    f->set_other_names(OtherNames(name.full(), *f));
    return;
  }
  if (std::optional<NameParts> parts =
          SplitNameByCase(WithoutLeadingTitles(name.full()))) {
    std::vector<std::string> given = TokensWithoutTitles(FoldText(parts->given));
    std::vector<std::string> family =
        TokensWithoutTitles(FoldText(parts->family));
    if (!given.empty() && !family.empty()) {
      f->set_given(absl::StrJoin(given, " "));
      f->set_family(absl::StrJoin(family, " "));
      return;
    }
  }
  std::vector<std::string> tokens = TokensWithoutTitles(FoldText(name.full()));
  if (tokens.empty()) return;
  f->set_family(tokens.back());
  tokens.pop_back();
  f->set_given(absl::StrJoin(tokens, " "));
}

std::string FirstToken(absl::string_view folded) {
  return std::string(folded.substr(0, folded.find(' ')));
}

// E-mails that differ by their domain only ("ann.lee@gmail.com",
// "ann.lee@gmial.com") meet under their local part, when it is specific
// enough to be worth a key.
void AddEmailLocalKey(absl::string_view email, std::vector<std::string>* keys) {
  absl::string_view local = email.substr(0, email.find('@'));
  if (local.size() < kMinEmailLocalKey) return;
  keys->push_back(absl::StrCat("~el:", local));
}

}  // namespace

std::string PhoneRegion(const v1::Record& record, const MatchConfig& config) {
  std::string country =
      absl::AsciiStrToUpper(absl::StripAsciiWhitespace(record.address().country()));
  if (country.size() == 2 && absl::ascii_isalpha(country[0]) &&
      absl::ascii_isalpha(country[1])) {
    return country;
  }
  return config.default_region;
}

storage::NormalizedIdentifier NormalizeIdentifier(const v1::Identifier& id,
                                             absl::string_view region,
                                             const MatchConfig& config) {
  storage::NormalizedIdentifier out;
  out.set_type(id.type());
  if (id.type() == "email") {
    std::optional<std::string> email = NormalizeEmail(id.value());
    if (!email.has_value() || IsPlaceholderValue(*email)) return Ignored(id);
    // A household's shared address ("famille.martin@") links nobody alone.
    out.set_strength(IsHouseholdEmail(*email)
                         ? storage::IDENTIFIER_STRENGTH_WEAK
                         : ConfiguredStrength(config, id.type()));
    out.set_value(*std::move(email));
  } else if (id.type() == "phone") {
    std::optional<Phone> phone = NormalizeUnlistedPhone(id.value(), region);
    if (!phone.has_value() || IsPlaceholderValue(phone->e164)) {
      return Ignored(id);
    }
    out.set_value(phone->e164);
    out.set_strength(PhoneStrength(phone->kind));
  } else {
    std::string value = NormalizeIdentifierValue(id.value());
    if (value.empty() || IsPlaceholderValue(value)) return Ignored(id);
    out.set_value(std::move(value));
    out.set_strength(ConfiguredStrength(config, id.type()));
  }
  return out;
}

ExtractedFeatures ExtractFeatures(const v1::Record& record,
                                  const MatchConfig& config) {
  ExtractedFeatures out;
  storage::RecordFeatures& f = out.features;
  std::string region = PhoneRegion(record, config);
  for (int i = 0; i < record.identifiers_size(); ++i) {
    const v1::Identifier& id = record.identifiers(i);
    storage::NormalizedIdentifier n = NormalizeIdentifier(id, region, config);
    if (n.strength() == storage::IDENTIFIER_STRENGTH_IGNORED) {
      out.warnings.push_back(absl::StrCat(
          "identifiers[", i, "] (", id.type(), "): '", id.value(),
          "' does not normalize or is a placeholder; kept as given, not "
          "used for matching"));
    }
    *f.add_identifiers() = std::move(n);
  }
  FoldName(record.name(), &f);
  f.set_birth_date(record.birth_date());
  if (record.birth_date().empty()) {
    f.set_partial_birth_date(
        NormalizePartialDate(record.birth_date_text()).value_or(""));
  }
  f.set_postal_code(NormalizePostalCode(record.address().postal_code()));
  f.set_city(FoldText(record.address().city()));
  f.set_street(FoldText(record.address().line1()));
  StreetParts street = ParseStreet(f.street());
  f.set_street_number(std::move(street.number));
  f.set_street_name(std::move(street.name));
  std::string country =
      absl::AsciiStrToUpper(absl::StripAsciiWhitespace(record.address().country()));
  if (country.size() == 2) f.set_country(country);
  f.set_gender(FoldGender(record.gender()));
  return out;
}

std::string IdentifierMatchKey(absl::string_view type,
                               absl::string_view value) {
  return absl::StrCat(type, ":", value);
}

std::vector<std::string> MatchKeysOf(const storage::RecordFeatures& f) {
  std::vector<std::string> keys;
  for (const storage::NormalizedIdentifier& id : f.identifiers()) {
    if (id.strength() == storage::IDENTIFIER_STRENGTH_IGNORED) continue;
    keys.push_back(IdentifierMatchKey(id.type(), id.value()));
    if (id.type() == "email") AddEmailLocalKey(id.value(), &keys);
  }
  const std::string family_spelled = FirstToken(f.family());
  const std::string given_spelled = FirstToken(f.given());
  std::string family = PhoneticKey(family_spelled);
  std::string given = PhoneticKey(given_spelled);
  // One prefix for both names, so that swapped names meet under one key.
  // A partial date is keyed like a real one: its year, or its month and
  // day, meet the real date it is a typo of.
  const std::string& birth = BirthDateDigits(f);
  if (!birth.empty()) {
    keys.push_back(absl::StrCat("~d:", birth));
    if (!family.empty()) keys.push_back(absl::StrCat("~nd:", family, ":", birth));
    if (!given.empty()) keys.push_back(absl::StrCat("~nd:", given, ":", birth));
  }
  if (birth.size() == 10) {
    // A typo in one name and another in the date (UWEP / UWE, 1966-08-27 /
    // 1966-07-27) leave no key above in common: the other name with the
    // part of the date the typo spared, year or month and day, remains.
    // A family name is selective enough with a year; a given name is
    // shared by hundreds of people a year in a large store, so it comes
    // with the first letter of the family name, which typos rarely touch.
    std::vector<std::string> stems;
    if (!family.empty()) stems.push_back(family);
    if (!given.empty() && !f.family().empty()) {
      stems.push_back(absl::StrCat(given, ":", f.family().substr(0, 1)));
    }
    for (const std::string& stem : stems) {
      keys.push_back(absl::StrCat("~py:", stem, ":", birth.substr(0, 4)));
      if (birth.substr(5) != "00-00") {
        keys.push_back(absl::StrCat("~pmd:", stem, ":", birth.substr(5)));
      }
    }
  }
  if (!family.empty() && !given.empty()) {
    // Sorted, so that swapped names meet too.
    const std::string& lo = std::min(family, given);
    const std::string& hi = std::max(family, given);
    keys.push_back(absl::StrCat("~n:", lo, ":", hi));
    if (birth.size() >= 4) {
      keys.push_back(absl::StrCat("~ny:", lo, ":", hi, ":", birth.substr(0, 4)));
    }
    keys.push_back(absl::StrCat(kSpelledNameKeyPrefix,
                                std::min(given_spelled, family_spelled),
                                ":", std::max(given_spelled, family_spelled)));
  }
  const std::string& place = f.postal_code().empty() ? f.city() : f.postal_code();
  if (!family.empty() && !place.empty()) {
    keys.push_back(absl::StrCat("~fp:", family, ":", place));
  }
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  return keys;
}

}  // namespace idres
