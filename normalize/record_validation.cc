#include "normalize/record_validation.h"

#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "normalize/normalize.h"

namespace idres {
namespace {

// Timestamps must fall within 0001-01-01 .. 9999-12-31, as in RFC 3339.
constexpr int64_t kMinSeconds = -62135596800;
constexpr int64_t kMaxSeconds = 253402300799;

absl::Status Invalid(absl::string_view field, absl::string_view problem) {
  return absl::InvalidArgumentError(absl::StrCat("record.", field, ": ",
                                                 problem));
}

bool HasControlChar(absl::string_view s) {
  for (char c : s) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return true;
  }
  return false;
}

// What is wrong with a free-text field, or "": it must be bounded and
// hold no NUL (NUL separates key parts).
std::string TextProblem(absl::string_view value, size_t limit) {
  if (value.size() > limit) return absl::StrCat("longer than ", limit, " bytes");
  if (value.find('\0') != absl::string_view::npos) return "contains a NUL byte";
  return "";
}

absl::Status CheckText(absl::string_view field, absl::string_view value,
                       size_t limit = kMaxFieldLength) {
  std::string problem = TextProblem(value, limit);
  return problem.empty() ? absl::OkStatus() : Invalid(field, problem);
}

absl::Status CheckKey(const v1::Record& record) {
  const std::string& source = record.source();
  if (source.empty()) return Invalid("source", "required");
  if (source.size() > kMaxSourceLength) {
    return Invalid("source",
                   absl::StrCat("longer than ", kMaxSourceLength, " bytes"));
  }
  for (char c : source) {
    if (!absl::ascii_isalnum(c) && c != '_' && c != '.' && c != '-') {
      return Invalid("source", "only letters, digits, '_', '.', '-' allowed");
    }
  }
  if (record.source_id().empty()) return Invalid("source_id", "required");
  if (record.source_id().size() > kMaxSourceIdLength) {
    return Invalid("source_id", absl::StrCat("longer than ",
                                             kMaxSourceIdLength, " bytes"));
  }
  if (HasControlChar(record.source_id())) {
    return Invalid("source_id", "contains a control character");
  }
  return absl::OkStatus();
}

bool IsIdentifierType(absl::string_view type) {
  if (type.empty() || type.size() > kMaxIdentifierTypeLength) return false;
  if (!absl::ascii_islower(type[0])) return false;
  for (char c : type) {
    if (!absl::ascii_islower(c) && !absl::ascii_isdigit(c) && c != '_') {
      return false;
    }
  }
  return true;
}

absl::Status CheckIdentifiers(const v1::Record& record) {
  if (static_cast<size_t>(record.identifiers_size()) > kMaxIdentifiers) {
    return Invalid("identifiers",
                   absl::StrCat("more than ", kMaxIdentifiers, " entries"));
  }
  for (int i = 0; i < record.identifiers_size(); ++i) {
    absl::Status s = ValidateIdentifier(record.identifiers(i),
                                        absl::StrCat("record.identifiers[", i, "]"));
    if (!s.ok()) return s;
  }
  return absl::OkStatus();
}

absl::Status CheckTexts(const v1::Record& record) {
  const v1::PersonName& n = record.name();
  const v1::Address& a = record.address();
  const std::pair<const char*, const std::string*> fields[] = {
      {"name.given", &n.given()},          {"name.family", &n.family()},
      {"name.full", &n.full()},            {"organization", &record.organization()},
      {"gender", &record.gender()},        {"address.line1", &a.line1()},
      {"address.line2", &a.line2()},       {"address.postal_code", &a.postal_code()},
      {"address.city", &a.city()},         {"address.region", &a.region()},
      {"address.country", &a.country()},
      {"birth_date_text", &record.birth_date_text()},
  };
  for (const auto& [field, value] : fields) {
    absl::Status s = CheckText(field, *value);
    if (!s.ok()) return s;
  }
  return absl::OkStatus();
}

absl::Status CheckAttributes(const v1::Record& record) {
  if (record.attributes_size() > static_cast<int>(kMaxAttributes)) {
    return Invalid("attributes",
                   absl::StrCat("more than ", kMaxAttributes, " entries"));
  }
  for (const auto& [key, value] : record.attributes()) {
    if (key.empty()) return Invalid("attributes", "empty key");
    absl::Status s = CheckText("attributes key", key, kMaxAttributeKeyLength);
    if (s.ok()) {
      s = CheckText(absl::StrCat("attributes[", key, "]"), value,
                    kMaxAttributeValueLength);
    }
    if (!s.ok()) return s;
  }
  return absl::OkStatus();
}

absl::Status CheckDates(const v1::Record& record) {
  if (!record.birth_date().empty() &&
      !ParseIsoDate(record.birth_date()).has_value()) {
    return Invalid("birth_date", "must be a real date as YYYY-MM-DD");
  }
  if (record.has_observed_at()) {
    const auto& t = record.observed_at();
    if (t.seconds() < kMinSeconds || t.seconds() > kMaxSeconds ||
        t.nanos() < 0 || t.nanos() > 999999999) {
      return Invalid("observed_at", "outside 0001-01-01..9999-12-31");
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status ValidateIdentifier(const v1::Identifier& identifier,
                                absl::string_view field) {
  auto invalid = [&](absl::string_view part, absl::string_view problem) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, ".", part, ": ", problem));
  };
  if (!IsIdentifierType(identifier.type())) {
    return invalid("type", absl::StrCat("must match [a-z][a-z0-9_]{0,",
                                        kMaxIdentifierTypeLength - 1, "}"));
  }
  if (absl::StripAsciiWhitespace(identifier.value()).empty()) {
    return invalid("value", "required");
  }
  std::string problem = TextProblem(identifier.value(), kMaxFieldLength);
  return problem.empty() ? absl::OkStatus() : invalid("value", problem);
}

absl::Status ValidateRecord(const v1::Record& record) {
  absl::Status s = CheckKey(record);
  if (s.ok()) s = CheckIdentifiers(record);
  if (s.ok()) s = CheckTexts(record);
  if (s.ok()) s = CheckAttributes(record);
  if (s.ok()) s = CheckDates(record);
  return s;
}

}  // namespace idres
