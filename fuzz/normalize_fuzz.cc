// libFuzzer target: every normalizer of normalize/ on the input text
// (e-mail, phone, folding, names, phonetic keys, postal codes, dates,
// identifiers, placeholders, streets), the similarity measures on its two
// halves around the first '|', and ValidateRecord on a record whose fields
// are its lines. Aborts, besides crashes and sanitizer reports, when a
// documented property fails: an e-mail's normal form is its own normal
// form, a parsed ISO date prints back as given, folded text holds only
// [a-z0-9] words separated by single spaces, Jaro-Winkler stays in [0, 1],
// the edit distance is symmetric and agrees with WithinEditDistance.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "absl/strings/str_split.h"
#include "normalize/address.h"
#include "normalize/nicknames.h"
#include "normalize/normalize.h"
#include "normalize/phonetic.h"
#include "normalize/record_validation.h"
#include "normalize/similarity.h"

namespace idres {
namespace {

void Require(bool property) {
  if (!property) std::abort();
}

bool IsFolded(const std::string& s) {
  if (s.empty()) return true;
  if (s.front() == ' ' || s.back() == ' ') return false;
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == ' ' && s[i + 1] == ' ') return false;
    if (c != ' ' && !(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9')) {
      return false;
    }
  }
  return true;
}

void Identifiers(absl::string_view text) {
  if (std::optional<std::string> e = NormalizeEmail(text)) {
    Require(NormalizeEmail(*e) == e);
    (void)IsPlaceholderValue(*e);
  }
  absl::string_view region = text.substr(0, 2);
  for (absl::string_view r : {region, absl::string_view("FR")}) {
    if (std::optional<Phone> p = NormalizePhone(text, r)) {
      Require(!p->e164.empty() && p->e164[0] == '+');
    }
    (void)NormalizeUnlistedPhone(text, r);
  }
  (void)IsPlaceholderValue(NormalizeIdentifierValue(text));
  (void)NormalizePostalCode(text);
}

void Names(absl::string_view text) {
  const std::string folded = FoldText(text);
  Require(IsFolded(folded));
  for (const std::string& token : NameTokens(folded)) {
    (void)PhoneticKey(token);
    (void)CanonicalGivenName(token);
  }
  (void)ParseStreet(folded);
}

void Dates(absl::string_view text) {
  if (std::optional<CivilDate> d = ParseIsoDate(text)) {
    Require(FormatIsoDate(*d) == text);
  }
  if (std::optional<std::string> partial = NormalizePartialDate(text)) {
    Require(ParseDateDigits(*partial).has_value());
  }
  (void)ParseDateDigits(text);
}

void Pairs(absl::string_view text) {
  std::vector<absl::string_view> halves =
      absl::StrSplit(text, absl::MaxSplits('|', 1));
  absl::string_view a = halves[0];
  absl::string_view b = halves.size() > 1 ? halves[1] : "";
  const double jw = JaroWinkler(a, b);
  Require(jw >= 0.0 && jw <= 1.0);
  const int d = EditDistance(a, b);
  Require(d == EditDistance(b, a));
  Require(WithinEditDistance(a, b, d));
  Require(d == 0 || !WithinEditDistance(a, b, d - 1));
  (void)IsInitialOf(a, b);
  (void)AreNameVariants(a, b);
}

void Record(absl::string_view text) {
  std::vector<std::string> lines = absl::StrSplit(text, '\n');
  lines.resize(8);
  v1::Record r;
  r.set_source(lines[0]);
  r.set_source_id(lines[1]);
  v1::Identifier* id = r.add_identifiers();
  id->set_type(lines[2]);
  id->set_value(lines[3]);
  r.mutable_name()->set_given(lines[4]);
  r.set_birth_date(lines[5]);
  r.mutable_address()->set_city(lines[6]);
  (*r.mutable_attributes())[lines[7]] = lines[4];
  absl::Status s = ValidateRecord(r);
  Require(s.ok() || s.code() == absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace idres

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  absl::string_view text(reinterpret_cast<const char*>(data), size);
  idres::Identifiers(text);
  idres::Names(text);
  idres::Dates(text);
  idres::Pairs(text);
  idres::Record(text);
  return 0;
}
