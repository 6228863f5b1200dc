#include "normalize/record_validation.h"

#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "normalize/message_checks.h"
#include "normalize/normalize.h"

namespace idres {
namespace {

absl::Status Invalid(absl::string_view field, absl::string_view problem) {
  return absl::InvalidArgumentError(absl::StrCat("record.", field, ": ",
                                                 problem));
}

// Characters are CheckMessage's concern (NUL, controls, UTF-8); here
// only the bound.
absl::Status CheckLength(absl::string_view field, absl::string_view value,
                         size_t limit = kMaxFieldLength) {
  if (value.size() <= limit) return absl::OkStatus();
  return Invalid(field, absl::StrCat("longer than ", limit, " bytes"));
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
  return absl::OkStatus();
}

// Brands are named like callers in the token file.
absl::Status CheckBrand(const v1::Record& record) {
  const std::string& brand = record.brand();
  if (brand.size() > kMaxBrandLength) {
    return Invalid("brand", absl::StrCat("longer than ", kMaxBrandLength,
                                         " bytes"));
  }
  for (char c : brand) {
    if (!absl::ascii_isalnum(c) && c != '_' && c != '.' && c != '-' &&
        c != '@') {
      return Invalid("brand",
                     "only letters, digits, '_', '.', '-', '@' allowed");
    }
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
    absl::Status s = CheckLength(field, *value);
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
    absl::Status s = CheckLength("attributes key", key, kMaxAttributeKeyLength);
    if (s.ok()) {
      s = CheckLength(absl::StrCat("attributes[", absl::CHexEscape(key), "]"),
                      value, kMaxAttributeValueLength);
    }
    if (!s.ok()) return s;
  }
  return absl::OkStatus();
}

// observed_at is range-checked by CheckMessage, as every timestamp.
absl::Status CheckDates(const v1::Record& record) {
  if (!record.birth_date().empty() &&
      !ParseIsoDate(record.birth_date()).has_value()) {
    return Invalid("birth_date", "must be a real date as YYYY-MM-DD");
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
  if (identifier.value().size() > kMaxFieldLength) {
    return invalid("value",
                   absl::StrCat("longer than ", kMaxFieldLength, " bytes"));
  }
  return CheckText(absl::StrCat(field, ".value"), identifier.value(),
                   TextKind::kLine);
}

absl::Status ValidateRecord(const v1::Record& record) {
  absl::Status s = CheckKey(record);
  if (s.ok()) s = CheckBrand(record);
  if (s.ok()) s = CheckIdentifiers(record);
  if (s.ok()) s = CheckTexts(record);
  if (s.ok()) s = CheckAttributes(record);
  if (s.ok()) s = CheckDates(record);
  if (s.ok()) s = CheckMessage(record, "record");
  return s;
}

}  // namespace idres
