#include "normalize/identifier_mask.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "phonenumbers/phonenumber.pb.h"
#include "phonenumbers/phonenumberutil.h"

namespace idres {
namespace {

using ::i18n::phonenumbers::PhoneNumber;
using ::i18n::phonenumbers::PhoneNumberUtil;

// The bytes of the UTF-8 character starting `text`.
size_t FirstCharBytes(absl::string_view text) {
  size_t n = 1;
  while (n < text.size() && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) {
    ++n;
  }
  return n;
}

}  // namespace

std::string MaskOpaque(absl::string_view value) {
  if (value.size() <= 4 || !absl::ascii_isprint(value.front()) ||
      !absl::ascii_isprint(value.back())) {
    return "***";
  }
  return absl::StrCat(value.substr(0, 1), "***", value.substr(value.size() - 1));
}

std::string MaskEmail(absl::string_view email) {
  size_t at = email.rfind('@');
  if (at == absl::string_view::npos || at == 0) return MaskOpaque(email);
  return absl::StrCat(email.substr(0, FirstCharBytes(email)), "***",
                      email.substr(at));
}

std::string MaskPhone(absl::string_view e164) {
  if (e164.empty() || e164[0] != '+') return MaskOpaque(e164);
  const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
  PhoneNumber number;
  if (util.Parse(std::string(e164), "ZZ", &number) !=
      PhoneNumberUtil::NO_PARSING_ERROR) {
    return MaskOpaque(e164);
  }
  std::string national;
  util.GetNationalSignificantNumber(number, &national);
  if (national.size() < 4) return MaskOpaque(e164);
  std::string out = absl::StrCat("+", number.country_code(), " ",
                                 national.substr(0, 1));
  size_t hidden = national.size() - 3;
  for (size_t i = 0; i < hidden; i += 2) {
    out += i + 1 < hidden ? " **" : " *";
  }
  absl::StrAppend(&out, " ", national.substr(national.size() - 2));
  return out;
}

std::string MaskIdentifier(absl::string_view type, absl::string_view value) {
  if (type == "email") return MaskEmail(value);
  if (type == "phone") return MaskPhone(value);
  return MaskOpaque(value);
}

}  // namespace idres
