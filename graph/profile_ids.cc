#include "graph/profile_ids.h"

#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"

namespace idres {
namespace {

constexpr absl::string_view kProfilePrefix = "p-";

}  // namespace

absl::StatusOr<std::string> MintProfileId(StoreTxn* txn) {
  absl::StatusOr<uint64_t> n = txn->NextCounter(kProfileCounter);
  if (!n.ok()) return n.status();
  return absl::StrCat(kProfilePrefix, *n);
}

std::optional<uint64_t> ProfileNumber(absl::string_view profile_id) {
  uint64_t n = 0;
  if (!absl::ConsumePrefix(&profile_id, kProfilePrefix) ||
      !absl::SimpleAtoi(profile_id, &n)) {
    return std::nullopt;
  }
  return n;
}

bool OlderProfile(absl::string_view a, absl::string_view b) {
  return std::make_pair(ProfileNumber(a).value_or(UINT64_MAX), a) <
         std::make_pair(ProfileNumber(b).value_or(UINT64_MAX), b);
}

}  // namespace idres
