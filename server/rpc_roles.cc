#include "server/rpc_roles.h"

#include <cstdint>
#include <initializer_list>

#include "absl/container/flat_hash_map.h"

namespace idres {
namespace {

using Mask = uint8_t;

constexpr Mask Bit(Role role) { return Mask{1} << static_cast<int>(role); }

constexpr Mask Of(std::initializer_list<Role> roles) {
  Mask m = 0;
  for (Role r : roles) m |= Bit(r);
  return m;
}

constexpr Mask kAll = Of({Role::kBot, Role::kAgent, Role::kBatch,
                          Role::kAdmin, Role::kAuditor});
// The bot's calls, which an agent can make too.
constexpr Mask kConversation = Of({Role::kBot, Role::kAgent, Role::kAdmin});
constexpr Mask kAgent = Of({Role::kAgent, Role::kAdmin});
constexpr Mask kAdminOnly = Of({Role::kAdmin});
constexpr Mask kBulk = Of({Role::kBatch, Role::kAdmin});
constexpr Mask kAudit = Of({Role::kAuditor, Role::kAdmin});

struct Row {
  const char* method;
  Mask roles;
};

// THE table. A method missing here is refused to everyone, and
// rpc_roles_test fails for any method of proto/idres/v1 without a row.
constexpr Row kRows[] = {
    {"/idres.v1.Identity/Ping", kAll},
    {"/idres.v1.Identity/Resolve",
     Of({Role::kBot, Role::kAgent, Role::kBatch, Role::kAdmin})},
    {"/idres.v1.Identity/ResolveStream", kBulk},
    {"/idres.v1.Identity/GetProfile", kAgent},
    {"/idres.v1.Identity/ExportRecords", kBulk},
    {"/idres.v1.Identity/RecordInteraction", kConversation},
    {"/idres.v1.Identity/GetContext", kConversation},
    {"/idres.v1.Identity/SearchProfiles", kAgent},
    {"/idres.v1.Identity/SetConsent", kConversation},
    {"/idres.v1.Identity/WatchProfile", kAudit},
    {"/idres.v1.Identity/WatchChanges", kAudit},
    {"/idres.v1.Identity/Backup", kAdminOnly},
    {"/idres.v1.Governance/ExplainProfile", kAgent},
    {"/idres.v1.Governance/ExplainPair", kAgent},
    {"/idres.v1.Governance/MergeProfiles", kAgent},
    {"/idres.v1.Governance/SplitProfile", kAgent},
    {"/idres.v1.Governance/DeleteRecord", kAdminOnly},
    {"/idres.v1.Governance/RemoveConstraint", kAdminOnly},
    {"/idres.v1.Governance/ListAudit", kAudit},
    {"/idres.v1.Governance/ListPossibleMatches", kAgent},
    {"/idres.v1.Governance/ResolvePossibleMatch", kAgent},
    {"/idres.v1.Governance/ErasePerson", kAdminOnly},
    {"/idres.v1.Governance/ExportPerson", kAudit},
};

const absl::flat_hash_map<absl::string_view, Mask>& Table() {
  static const auto* table = [] {
    auto* t = new absl::flat_hash_map<absl::string_view, Mask>();
    for (const Row& row : kRows) t->emplace(row.method, row.roles);
    return t;
  }();
  return *table;
}

constexpr struct {
  Role role;
  const char* name;
} kNames[] = {{Role::kBot, "bot"},
              {Role::kAgent, "agent"},
              {Role::kBatch, "batch"},
              {Role::kAdmin, "admin"},
              {Role::kAuditor, "auditor"}};

}  // namespace

std::optional<Role> ParseRole(absl::string_view name) {
  for (const auto& n : kNames) {
    if (name == n.name) return n.role;
  }
  return std::nullopt;
}

absl::string_view RoleName(Role role) {
  for (const auto& n : kNames) {
    if (role == n.role) return n.name;
  }
  return "unknown";
}

bool HasRolesRow(absl::string_view full_method) {
  return Table().contains(full_method);
}

bool RoleAllows(Role role, absl::string_view full_method) {
  auto it = Table().find(full_method);
  return it != Table().end() && (it->second & Bit(role)) != 0;
}

bool RoleMayReadMetrics(Role role) { return (kAudit & Bit(role)) != 0; }

std::vector<std::string> MethodsWithRows() {
  std::vector<std::string> out;
  for (const Row& row : kRows) out.emplace_back(row.method);
  return out;
}

}  // namespace idres
