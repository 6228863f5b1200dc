#include "store/keys.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace idres {
namespace {

constexpr absl::string_view kSep(&kKeySeparator, 1);

}  // namespace

std::string EncodeRecordKey(const v1::RecordRef& ref) {
  return absl::StrCat(ref.source(), kSep, ref.source_id());
}

std::optional<v1::RecordRef> DecodeRecordKey(absl::string_view key) {
  std::vector<absl::string_view> parts = absl::StrSplit(key, kKeySeparator);
  if (parts.size() != 2) return std::nullopt;
  v1::RecordRef ref;
  ref.set_source(std::string(parts[0]));
  ref.set_source_id(std::string(parts[1]));
  return ref;
}

std::string EncodeMatchKeyPrefix(absl::string_view match_key) {
  return absl::StrCat(match_key, kSep);
}

std::string EncodeMatchKeyEntry(absl::string_view match_key,
                                const v1::RecordRef& ref) {
  return absl::StrCat(match_key, kSep, ref.source(), kSep, ref.source_id());
}

std::optional<DecodedMatchKeyEntry> DecodeMatchKeyEntry(
    absl::string_view key) {
  std::vector<absl::string_view> parts = absl::StrSplit(key, kKeySeparator);
  if (parts.size() != 3) return std::nullopt;
  DecodedMatchKeyEntry out;
  out.match_key = std::string(parts[0]);
  out.ref.set_source(std::string(parts[1]));
  out.ref.set_source_id(std::string(parts[2]));
  return out;
}

std::string EncodeInteractionKey(absl::string_view profile_id,
                                 absl::string_view interaction_id) {
  uint64_t n = 0;
  absl::string_view digits = interaction_id;
  if (absl::ConsumePrefix(&digits, "i-") && absl::SimpleAtoi(digits, &n)) {
    return absl::StrCat(profile_id, kSep, absl::Dec(n, absl::kZeroPad20));
  }
  return absl::StrCat(profile_id, kSep, interaction_id);
}

std::string EncodeInteractionPrefix(absl::string_view profile_id) {
  return absl::StrCat(profile_id, kSep);
}

std::string EncodeEventKey(uint64_t sequence) {
  std::string out(8, '\0');
  for (int i = 7; i >= 0; --i) {
    out[i] = static_cast<char>(sequence & 0xff);
    sequence >>= 8;
  }
  return out;
}

std::string EncodeSearchTermKey(absl::string_view term,
                                absl::string_view profile_id) {
  return absl::StrCat(term, kSep, profile_id);
}

std::string EncodeConstraintKey(const v1::RecordRef& a,
                                const v1::RecordRef& b) {
  return absl::StrCat(EncodeConstraintPrefix(a), EncodeRecordKey(b));
}

std::string EncodeConstraintPrefix(const v1::RecordRef& record) {
  return absl::StrCat(EncodeRecordKey(record), kSep);
}

std::string EncodeAuditKey(absl::string_view profile_id, uint64_t sequence) {
  return absl::StrCat(EncodeAuditPrefix(profile_id), EncodeEventKey(sequence));
}

std::string EncodeAuditPrefix(absl::string_view profile_id) {
  return absl::StrCat(profile_id, kSep);
}

}  // namespace idres
