#include "governance/audit_history.h"

#include <deque>
#include <map>
#include <optional>
#include <string>
#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"

namespace idres {
namespace {

constexpr size_t kMaxFollowedIds = 64;

}  // namespace

absl::StatusOr<AuditHistory> ListAudit(StoreView* view,
                                       absl::string_view profile_id,
                                       size_t limit) {
  AuditHistory out;
  absl::flat_hash_set<std::string> seen_ids;
  std::deque<std::string> queue;
  auto follow = [&](const std::string& id) {
    if (seen_ids.size() < kMaxFollowedIds && seen_ids.insert(id).second) {
      queue.push_back(id);
      out.profile_ids.push_back(id);
    }
  };
  follow(std::string(profile_id));
  absl::StatusOr<std::optional<std::string>> to = view->GetRedirect(profile_id);
  if (!to.ok()) return to.status();
  absl::StatusOr<std::optional<v1::Profile>> live =
      view->GetProfile(profile_id);
  if (!live.ok()) return live.status();
  if (to->has_value()) follow(**to);
  std::map<uint64_t, v1::AuditEntry> entries;
  while (!queue.empty()) {
    std::string id = std::move(queue.front());
    queue.pop_front();
    absl::Status s = view->ForEachAuditOf(id, [&](const v1::AuditEntry& e) {
      if (entries.emplace(e.sequence(), e).second) {
        for (const std::string& b : e.profile_ids_before()) follow(b);
        for (const std::string& a : e.profile_ids_after()) follow(a);
      }
      return true;
    });
    if (!s.ok()) return s;
  }
  if (entries.empty() && !to->has_value() && !live->has_value()) {
    return absl::NotFoundError(
        absl::StrCat("profile ", profile_id, ": unknown"));
  }
  for (auto& [seq, e] : entries) {
    if (out.entries.size() >= limit) break;
    out.entries.push_back(std::move(e));
  }
  return out;
}

}  // namespace idres
