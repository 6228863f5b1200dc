#include "normalize/normalize.h"

#include <algorithm>
#include <functional>
#include <cstdio>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/civil_time.h"
#include "phonenumbers/phonenumber.pb.h"
#include "phonenumbers/phonenumberutil.h"
#include "unicode/translit.h"
#include "unicode/unistr.h"
#include "unicode/utypes.h"

namespace idres {
namespace {

using ::i18n::phonenumbers::PhoneNumber;
using ::i18n::phonenumbers::PhoneNumberUtil;

constexpr size_t kMaxEmailLength = 254;
constexpr char kFoldTransliteratorId[] = "Any-Latin; Latin-ASCII; Lower";

bool IsAsciiAlnumLower(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

bool IsAllAscii(absl::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) {
    return static_cast<unsigned char>(c) < 0x80;
  });
}

// What ICU's Latin-ASCII and Lower make of U+00C0..U+00FF, by code point
// minus 0xC0; null for the two signs (multiplication, division), which go
// through ICU.
constexpr const char* kLatin1Folds[64] = {
    "a", "a", "a", "a", "a",  "a", "ae", "c", "e", "e", "e", "e", "i",
    "i", "i", "i", "d", "n",  "o", "o",  "o", "o", "o", nullptr, "o", "u",
    "u", "u", "u", "y", "th", "ss", "a", "a", "a", "a", "a", "a", "ae",
    "c", "e", "e", "e", "e",  "i", "i",  "i", "i", "d", "n", "o", "o",
    "o", "o", "o", nullptr, "o", "u", "u", "u", "u", "y", "th", "y"};

// Folds text made of ASCII, the Latin-1 letters and the oe ligature
// without ICU (most French and Western names); nullopt for anything else.
std::optional<std::string> FoldLatin1(absl::string_view raw) {
  std::string out;
  out.reserve(raw.size());
  for (size_t i = 0; i < raw.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(raw[i]);
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
      continue;
    }
    if (i + 1 >= raw.size()) return std::nullopt;
    const unsigned char next = static_cast<unsigned char>(raw[i + 1]);
    const char* fold = nullptr;
    if (c == 0xC3 && next >= 0x80 && next <= 0xBF) {
      fold = kLatin1Folds[next - 0x80];
    } else if (c == 0xC5 && (next == 0x92 || next == 0x93)) {
      fold = "oe";  // U+0152, U+0153.
    }
    if (fold == nullptr) return std::nullopt;
    out.append(fold);
    ++i;
  }
  return out;
}

// ICU transliterators are not thread-safe, so each thread owns one. Building
// one goes through ICU's registry, which is itself thread-safe.
icu::Transliterator* ThreadFoldTransliterator() {
  thread_local std::unique_ptr<icu::Transliterator> transliterator = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> t(icu::Transliterator::createInstance(
        icu::UnicodeString(kFoldTransliteratorId, -1, US_INV), UTRANS_FORWARD,
        status));
    if (U_FAILURE(status)) t.reset();
    return t;
  }();
  return transliterator.get();
}

// Lowercases ASCII letters, drops apostrophes and turns every other run of
// characters outside [a-z0-9] into a single space, trimmed.
std::string CollapseToAsciiWords(absl::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  for (char c : text) {
    if (c == '\'') continue;
    c = absl::ascii_tolower(static_cast<unsigned char>(c));
    if (!IsAsciiAlnumLower(c)) {
      pending_space = true;
      continue;
    }
    if (pending_space && !out.empty()) out.push_back(' ');
    pending_space = false;
    out.push_back(c);
  }
  return out;
}

PhoneKind ToPhoneKind(PhoneNumberUtil::PhoneNumberType type) {
  switch (type) {
    case PhoneNumberUtil::MOBILE:
      return PhoneKind::kMobile;
    case PhoneNumberUtil::FIXED_LINE:
      return PhoneKind::kFixedLine;
    case PhoneNumberUtil::FIXED_LINE_OR_MOBILE:
      return PhoneKind::kFixedLineOrMobile;
    default:
      return PhoneKind::kOther;
  }
}

// True when (year, month, day) names a day of the calendar: absl::CivilDay
// normalizes out-of-range parts, so a real day is one it leaves unchanged.
bool IsCalendarDay(int year, int month, int day) {
  const absl::CivilDay d(year, month, day);
  return d.year() == year && d.month() == month && d.day() == day;
}

// Returns the value of the `count` ASCII digits at `text[pos]`, or -1.
int ParseDigits(absl::string_view text, size_t pos, size_t count) {
  int value = 0;
  for (size_t i = pos; i < pos + count; ++i) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(text[i]))) return -1;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

bool IsAllDigits(absl::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) {
    return absl::ascii_isdigit(static_cast<unsigned char>(c));
  });
}

bool IsOneRepeatedChar(absl::string_view s, size_t min_length) {
  if (s.size() < min_length) return false;
  return std::all_of(s.begin(), s.end(), [&](char c) { return c == s[0]; });
}

// True when every digit is the previous one plus `step` (mod 10).
bool IsDigitRun(absl::string_view s, int step) {
  for (size_t i = 0; i < s.size(); ++i) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(s[i]))) return false;
    if (i > 0 && (s[i] - '0') != (s[i - 1] - '0' + step + 10) % 10) {
      return false;
    }
  }
  return true;
}

bool IsSequentialDigits(absl::string_view s, size_t min_length) {
  return s.size() >= min_length && (IsDigitRun(s, 1) || IsDigitRun(s, -1));
}

bool IsOneOf(absl::string_view s,
             std::initializer_list<absl::string_view> set) {
  return std::any_of(set.begin(), set.end(), [&](absl::string_view w) {
    return absl::EqualsIgnoreCase(s, w);
  });
}

bool IsPlaceholderPhone(absl::string_view s) {
  absl::string_view digits = s.substr(1);
  if (digits.size() < 8 || !IsAllDigits(digits)) return false;
  absl::string_view tail = digits.substr(digits.size() - 8);
  return IsOneRepeatedChar(tail, 8) || IsDigitRun(tail, 1);
}

bool IsPlaceholderEmail(absl::string_view s) {
  const size_t at = s.find('@');
  absl::string_view local = s.substr(0, at);
  absl::string_view domain = s.substr(at + 1);
  absl::string_view first_label = domain.substr(0, domain.find('.'));
  absl::string_view tld = domain.substr(domain.rfind('.') + 1);
  if (IsOneRepeatedChar(local, 3) ||
      IsOneOf(local, {"test", "noreply", "no-reply", "donotreply",
                      "do-not-reply", "none", "null", "nobody", "unknown",
                      "xxx", "fake", "dummy", "nomail", "noemail", "no-email",
                      "email", "mail", "example", "asdf"})) {
    return true;
  }
  if (IsOneOf(domain, {"example.com", "example.org", "example.net"}) ||
      IsOneOf(tld, {"test", "example", "invalid", "localhost"}) ||
      IsOneOf(first_label, {"example", "test", "none", "invalid", "fake",
                            "nomail", "noemail", "unknown", "localhost"})) {
    return true;
  }
  return first_label.size() <= 2 && absl::EqualsIgnoreCase(local, first_label);
}

}  // namespace

std::optional<std::string> NormalizeEmail(absl::string_view raw) {
  absl::string_view trimmed = absl::StripAsciiWhitespace(raw);
  if (trimmed.empty() || trimmed.size() > kMaxEmailLength) return std::nullopt;
  const size_t at = trimmed.find('@');
  if (at == absl::string_view::npos || at == 0 ||
      trimmed.find('@', at + 1) != absl::string_view::npos) {
    return std::nullopt;
  }
  for (char c : trimmed) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (absl::ascii_isspace(u) || absl::ascii_iscntrl(u)) return std::nullopt;
  }
  std::vector<absl::string_view> labels =
      absl::StrSplit(trimmed.substr(at + 1), '.');
  if (labels.size() < 2) return std::nullopt;
  for (absl::string_view label : labels) {
    if (label.empty()) return std::nullopt;
  }
  return absl::AsciiStrToLower(trimmed);
}

namespace {

// libphonenumber costs tens of microseconds a number, and the same numbers
// come back in every record of a customer: remember recent answers. Keyed
// by region and the number's digits and '+', which is all Parse reads of
// the separators our callers see; bounded by clearing a full shard.
class PhoneMemo {
 public:
  static std::string Key(absl::string_view raw, absl::string_view region) {
    std::string key(region);
    key += '|';
    for (char c : raw) {
      if (absl::ascii_isdigit(c) || c == '+' || absl::ascii_isalpha(c)) {
        key += c;
      }
    }
    return key;
  }

  bool Find(const std::string& key, std::optional<Phone>* out) {
    Shard& shard = shards_[std::hash<std::string>()(key) % kShards];
    absl::MutexLock lock(&shard.mu);
    auto it = shard.map.find(key);
    if (it == shard.map.end()) return false;
    *out = it->second;
    return true;
  }

  void Put(std::string key, const std::optional<Phone>& value) {
    Shard& shard = shards_[std::hash<std::string>()(key) % kShards];
    absl::MutexLock lock(&shard.mu);
    if (shard.map.size() >= kPerShard) shard.map.clear();
    shard.map.emplace(std::move(key), value);
  }

 private:
  static constexpr size_t kShards = 16;
  static constexpr size_t kPerShard = 8192;
  struct Shard {
    absl::Mutex mu;
    absl::flat_hash_map<std::string, std::optional<Phone>> map
        ABSL_GUARDED_BY(mu);
  };
  Shard shards_[kShards];
};

PhoneMemo& Memo() {
  static PhoneMemo* memo = new PhoneMemo();
  return *memo;
}

// Parses `raw` read in `default_region` ("ZZ" when empty: only numbers
// written with their country code). PhoneNumberUtil is an immutable
// singleton once built; its const methods are safe to call concurrently.
std::optional<PhoneNumber> ParsePhoneNumber(absl::string_view raw,
                                            absl::string_view default_region) {
  const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
  std::string region = absl::AsciiStrToUpper(default_region);
  if (region.empty()) region = "ZZ";
  PhoneNumber number;
  if (util.Parse(std::string(raw), region, &number) !=
      PhoneNumberUtil::NO_PARSING_ERROR) {
    return std::nullopt;
  }
  return number;
}

std::optional<Phone> ParseUnlistedPhone(absl::string_view raw,
                                        absl::string_view default_region) {
  const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
  std::optional<PhoneNumber> parsed = ParsePhoneNumber(raw, default_region);
  if (!parsed.has_value() || !util.IsPossibleNumber(*parsed)) {
    return std::nullopt;
  }
  const PhoneNumber& number = *parsed;
  Phone phone;
  util.Format(number, PhoneNumberUtil::E164, &phone.e164);
  if (util.IsValidNumber(number)) {
    phone.kind = ToPhoneKind(util.GetNumberType(number));
    return phone;
  }
  // The kind of the block: that of the first valid number with the same
  // leading digit, found by varying the second digit.
  std::string nsn;
  util.GetNationalSignificantNumber(number, &nsn);
  phone.kind = PhoneKind::kOther;
  for (char d = '0'; nsn.size() > 2 && d <= '9'; ++d) {
    PhoneNumber sibling = number;
    std::string digits = nsn;
    digits[1] = d;
    uint64_t value = 0;
    if (!absl::SimpleAtoi(digits, &value)) break;
    sibling.set_national_number(value);
    if (!util.IsValidNumber(sibling)) continue;
    phone.kind = ToPhoneKind(util.GetNumberType(sibling));
    break;
  }
  return phone;
}

}  // namespace

std::optional<Phone> NormalizePhone(absl::string_view raw,
                                    absl::string_view default_region) {
  const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
  std::optional<PhoneNumber> number = ParsePhoneNumber(raw, default_region);
  if (!number.has_value() || !util.IsValidNumber(*number)) return std::nullopt;
  Phone phone;
  util.Format(*number, PhoneNumberUtil::E164, &phone.e164);
  phone.kind = ToPhoneKind(util.GetNumberType(*number));
  return phone;
}

std::optional<Phone> NormalizeUnlistedPhone(absl::string_view raw,
                                            absl::string_view default_region) {
  std::string key = PhoneMemo::Key(raw, absl::AsciiStrToUpper(default_region));
  std::optional<Phone> out;
  if (Memo().Find(key, &out)) return out;
  out = ParseUnlistedPhone(raw, default_region);
  Memo().Put(std::move(key), out);
  return out;
}

std::string FoldText(absl::string_view raw) {
  // Latin-ASCII and Lower leave ASCII text unchanged, so skip ICU for it.
  if (IsAllAscii(raw)) return CollapseToAsciiWords(raw);
  if (std::optional<std::string> latin = FoldLatin1(raw)) {
    return CollapseToAsciiWords(*latin);
  }
  icu::Transliterator* transliterator = ThreadFoldTransliterator();
  if (transliterator == nullptr) return CollapseToAsciiWords(raw);
  // fromUTF8 replaces ill-formed sequences with U+FFFD, a separator below.
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(
      icu::StringPiece(raw.data(), static_cast<int32_t>(raw.size())));
  transliterator->transliterate(text);
  std::string latin;
  text.toUTF8String(latin);
  return CollapseToAsciiWords(latin);
}

std::vector<std::string> NameTokens(absl::string_view folded) {
  return absl::StrSplit(folded, ' ', absl::SkipEmpty());
}

std::string NormalizePostalCode(absl::string_view raw) {
  std::string out;
  out.reserve(raw.size());
  for (char c : raw) {
    if (c == '-' || absl::ascii_isspace(static_cast<unsigned char>(c))) {
      continue;
    }
    out.push_back(absl::ascii_toupper(static_cast<unsigned char>(c)));
  }
  return out;
}

std::optional<CivilDate> ParseIsoDate(absl::string_view raw) {
  std::optional<CivilDate> parsed = ParseDateDigits(raw);
  if (!parsed.has_value()) return std::nullopt;
  const CivilDate& date = *parsed;
  if (date.year < 1800 || date.year > 2200 ||
      !IsCalendarDay(date.year, date.month, date.day)) {
    return std::nullopt;
  }
  return date;
}

std::optional<std::string> NormalizePartialDate(absl::string_view raw) {
  std::vector<std::string> groups;
  std::string current;
  for (char c : raw) {
    if (absl::ascii_isdigit(static_cast<unsigned char>(c))) {
      current.push_back(c);
    } else if (!current.empty()) {
      groups.push_back(std::move(current));
      current.clear();
    }
  }
  if (!current.empty()) groups.push_back(std::move(current));
  if (groups.size() == 1 && groups[0].size() == 8) {
    groups = {groups[0].substr(0, 4), groups[0].substr(4, 2),
              groups[0].substr(6, 2)};
  }
  if (groups.empty() || groups.size() > 3 || groups[0].size() != 4) {
    return std::nullopt;
  }
  std::string out = groups[0];
  for (size_t i = 1; i < 3; ++i) {
    std::string part = i < groups.size() ? groups[i] : "00";
    if (part.size() > 2) return std::nullopt;
    if (part.size() == 1) part.insert(part.begin(), '0');
    absl::StrAppend(&out, "-", part);
  }
  if (out.find_first_not_of("0-") == std::string::npos) return std::nullopt;
  return out;
}

std::optional<CivilDate> ParseDateDigits(absl::string_view digits) {
  if (digits.size() != 10 || digits[4] != '-' || digits[7] != '-') {
    return std::nullopt;
  }
  const CivilDate date{ParseDigits(digits, 0, 4), ParseDigits(digits, 5, 2),
                       ParseDigits(digits, 8, 2)};
  if (date.year < 0 || date.month < 0 || date.day < 0) return std::nullopt;
  return date;
}

std::string FormatIsoDate(const CivilDate& date) {
  char buffer[16];
  std::snprintf(buffer, sizeof(buffer), "%04d-%02d-%02d", date.year % 10000,
                date.month % 100, date.day % 100);
  return buffer;
}

std::string NormalizeIdentifierValue(absl::string_view raw) {
  std::string out;
  out.reserve(raw.size());
  for (char c : raw) {
    if (c == '-' || c == '.' || c == '/' ||
        absl::ascii_isspace(static_cast<unsigned char>(c))) {
      continue;
    }
    out.push_back(absl::ascii_toupper(static_cast<unsigned char>(c)));
  }
  return out;
}

bool IsPlaceholderValue(absl::string_view normalized) {
  if (normalized.empty()) return true;
  if (normalized.find('@') != absl::string_view::npos) {
    return IsPlaceholderEmail(normalized);
  }
  if (normalized[0] == '+' && IsPlaceholderPhone(normalized)) return true;
  return IsOneRepeatedChar(normalized, 3) ||
         IsSequentialDigits(normalized, 6) ||
         IsOneOf(normalized,
                 {"none", "null", "nil", "na", "nan", "unknown", "test", "tbd",
                  "empty", "undefined", "dummy", "fake", "placeholder",
                  "inconnu", "aucun", "neant"});
}

}  // namespace idres
