// Who is calling and whether they may: the bearer token of each call
// checked against the token file, its role against the roles table
// (server/rpc_roles.h). Without a token file (development mode, loopback
// only) every call is allowed and the caller is anonymous.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "grpcpp/server_context.h"
#include "idres/v1/record.pb.h"
#include "server/rpc_roles.h"
#include "server/token_file.h"

namespace idres {

// The caller of one RPC, as its token says. Thread-compatible value.
struct Caller {
  bool anonymous = true;  // Development mode: no token file.
  std::string name;       // The token's name; empty when anonymous.
  Role role = Role::kAdmin;
  std::string brand;      // Empty: no brand.

  // Returns who the audit, interactions and decisions name: the token's
  // name, with `claimed` (a client's --actor) appended as a note when it
  // is neither empty nor the name; `claimed` itself when anonymous.
  std::string Actor(absl::string_view claimed) const;

  // Returns true when the caller's reads mask identifiers (a bot).
  bool MasksIdentifiers() const { return !anonymous && role == Role::kBot; }
};

// Gives `record` the brand of a caller of `caller_brand`: Ok, unchanged,
// when `caller_brand` is empty (a caller without a brand may set any) or
// the record already names it; PermissionDenied when the record names
// another brand. Thread-safe.
absl::Status StampBrand(absl::string_view caller_brand, v1::Record* record);

// Thread-safe: Authorize runs on every gRPC thread at once.
class Access {
 public:
  // Development mode: every call allowed, callers anonymous.
  Access() = default;

  // Serves the callers of the token file at `path`, re-read when its
  // modification time changes (checked at most once a second) or on
  // Reload. Errors: ReadTokenFile's.
  static absl::StatusOr<std::unique_ptr<Access>> FromTokenFile(
      const std::string& path);

  Access(const Access&) = delete;
  Access& operator=(const Access&) = delete;

  // Returns the caller of the call `context` serves, allowed to call
  // `full_method` ("/idres.v1.Identity/GetContext"). Unauthenticated when
  // the "authorization: Bearer TOKEN" header is missing or names no
  // caller; PermissionDenied naming the role and the RPC when the role may
  // not call it.
  absl::StatusOr<Caller> Authorize(const grpc::ServerContextBase* context,
                                   absl::string_view full_method);

  // Authorize for an RPC that is group-wide: it acts on a whole person
  // across brands (erasure, the person's export) or lists what every
  // brand did (the audit, the change feed, constraints). A token of a
  // brand is refused with PermissionDenied naming the RPC and the brand.
  absl::StatusOr<Caller> AuthorizeGroupWide(
      const grpc::ServerContextBase* context, absl::string_view full_method);

  // Returns the caller whose `authorization` header value ("Bearer
  // TOKEN"; nullopt when the request had none) may read the metrics
  // (RoleMayReadMetrics). Errors as Authorize's. Anyone in development
  // mode.
  absl::StatusOr<Caller> AuthorizeMetrics(
      std::optional<absl::string_view> authorization);

  // Re-reads the token file now. On error the callers already loaded stay
  // in force and the error is returned. Ok in development mode.
  absl::Status Reload();

  // Returns true when a token file is in force.
  bool enforced() const { return !path_.empty(); }

 private:
  void ReloadIfChanged();
  // The caller of a token file entry for `authorization`, any role.
  absl::StatusOr<Caller> Identify(
      std::optional<absl::string_view> authorization);

  std::string path_;  // Empty in development mode.
  std::atomic<int64_t> next_check_ns_{0};
  absl::Mutex mu_;
  int64_t mtime_ns_ ABSL_GUARDED_BY(mu_) = 0;
  // By token hash.
  absl::flat_hash_map<std::string, TokenEntry> callers_ ABSL_GUARDED_BY(mu_);
};

}  // namespace idres
