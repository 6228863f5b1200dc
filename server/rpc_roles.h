// The roles a caller's token grants and the one table saying which role
// may call which RPC. Every function here is thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace idres {

// What a token lets its holder do (README "Access control" has the table).
enum class Role {
  kBot,      // Conversations: context, interactions, consent, Resolve.
  kAgent,    // The bot's calls plus profiles, search, explain, governance.
  kBatch,    // Resolve, ResolveStream, ExportRecords.
  kAdmin,    // Everything.
  kAuditor,  // The audit and the change feed.
};

// Returns the role named `name` ("bot", "agent", "batch", "admin",
// "auditor"), or nullopt.
std::optional<Role> ParseRole(absl::string_view name);

// Returns the lowercase name of `role`, as ParseRole reads it.
absl::string_view RoleName(Role role);

// Returns true when `full_method` (gRPC's name, e.g.
// "/idres.v1.Identity/GetContext") has a row in the table.
bool HasRolesRow(absl::string_view full_method);

// Returns true when `role` may call `full_method`; false for a method
// without a row (fail closed).
bool RoleAllows(Role role, absl::string_view full_method);

// Returns true when `role` may read the server's metrics (GET /metrics of
// the HTTP gateway): admin and auditor.
bool RoleMayReadMetrics(Role role);

// Returns the full method names of the table, in its order.
std::vector<std::string> MethodsWithRows();

}  // namespace idres
