#include "store/keys.h"

#include <cstring>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace idres {
namespace {

constexpr absl::string_view kSep(&kKeySeparator, 1);

// Appends `n` as 8 big-endian bytes, which sort as the numbers do.
void AppendBigEndian(uint64_t n, std::string* out) {
  for (int shift = 56; shift >= 0; shift -= 8) {
    out->push_back(static_cast<char>((n >> shift) & 0xff));
  }
}

// Appends `profile_id` so that ids sort by age: the number of a "p-<n>" id
// (any other id after every number), then the id's text, then a separator
// that keeps a shorter id before its extensions.
void AppendProfileAge(absl::string_view profile_id, std::string* out) {
  uint64_t n = UINT64_MAX;
  absl::string_view digits = profile_id;
  if (!absl::ConsumePrefix(&digits, "p-") || !absl::SimpleAtoi(digits, &n)) {
    n = UINT64_MAX;
  }
  AppendBigEndian(n, out);
  absl::StrAppend(out, profile_id, kSep);
}

// Returns the bits of `score` as an unsigned number that sorts like the
// score, then inverted so that higher scores sort first.
uint64_t DescendingScoreBits(double score) {
  uint64_t bits = 0;
  static_assert(sizeof(bits) == sizeof(score));
  std::memcpy(&bits, &score, sizeof(bits));
  bits = (bits >> 63) != 0 ? ~bits : bits | (uint64_t{1} << 63);
  return ~bits;
}

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

std::string EncodePossibleMatchRankKey(double score, absl::string_view owner,
                                       absl::string_view other) {
  std::string a, b;
  AppendProfileAge(owner, &a);
  AppendProfileAge(other, &b);
  if (b < a) std::swap(a, b);
  std::string out(kPossibleMatchRankPrefix);
  AppendBigEndian(DescendingScoreBits(score), &out);
  absl::StrAppend(&out, a, b, owner);
  return out;
}

std::string EncodePossibleMatchOwnerKey(absl::string_view owner) {
  return absl::StrCat(kPossibleMatchOwnerPrefix, owner);
}

}  // namespace idres
