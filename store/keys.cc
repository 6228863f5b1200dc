#include "store/keys.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

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

}  // namespace idres
