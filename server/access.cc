#include "server/access.h"

#include <sys/stat.h>

#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/strip.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"

namespace idres {
namespace {

constexpr absl::string_view kBearer = "Bearer ";
constexpr int64_t kCheckEveryNs = 1'000'000'000;

int64_t ModificationNs(const std::string& path) {
  struct stat st;
  if (stat(path.c_str(), &st) != 0) return -1;
  return int64_t{st.st_mtim.tv_sec} * 1'000'000'000 + st.st_mtim.tv_nsec;
}

// The method's short name, for messages.
absl::string_view ShortName(absl::string_view full_method) {
  size_t slash = full_method.rfind('/');
  return slash == absl::string_view::npos ? full_method
                                          : full_method.substr(slash + 1);
}

}  // namespace

std::string Caller::Actor(absl::string_view claimed) const {
  if (anonymous) return std::string(claimed);
  if (claimed.empty() || claimed == name) return name;
  return absl::StrCat(name, " (note: ", claimed, ")");
}

absl::Status StampBrand(absl::string_view caller_brand, v1::Record* record) {
  if (caller_brand.empty() || record->brand() == caller_brand) {
    return absl::OkStatus();
  }
  if (!record->brand().empty()) {
    return absl::PermissionDeniedError(
        absl::StrCat("record.brand: a caller of brand ", caller_brand,
                     " may not write records of brand ", record->brand()));
  }
  record->set_brand(std::string(caller_brand));
  return absl::OkStatus();
}

absl::StatusOr<std::unique_ptr<Access>> Access::FromTokenFile(
    const std::string& path) {
  auto access = std::make_unique<Access>();
  access->path_ = path;
  absl::Status s = access->Reload();
  if (!s.ok()) return s;
  return access;
}

absl::Status Access::Reload() {
  if (path_.empty()) return absl::OkStatus();
  int64_t mtime = ModificationNs(path_);
  absl::StatusOr<std::vector<TokenEntry>> entries = ReadTokenFile(path_);
  if (!entries.ok()) return entries.status();
  absl::flat_hash_map<std::string, TokenEntry> callers;
  for (TokenEntry& e : *entries) {
    std::string hash = e.hash;
    callers.emplace(std::move(hash), std::move(e));
  }
  absl::MutexLock lock(&mu_);
  callers_ = std::move(callers);
  mtime_ns_ = mtime;
  return absl::OkStatus();
}

void Access::ReloadIfChanged() {
  int64_t now = absl::GetCurrentTimeNanos();
  int64_t next = next_check_ns_.load(std::memory_order_relaxed);
  if (now < next) return;
  // One thread checks; the others go on with the callers they have.
  if (!next_check_ns_.compare_exchange_strong(next, now + kCheckEveryNs)) {
    return;
  }
  int64_t mtime = ModificationNs(path_);
  {
    absl::ReaderMutexLock lock(&mu_);
    if (mtime == mtime_ns_) return;
  }
  // A file being rewritten may not parse yet: keep the old callers then.
  (void)Reload();
}

absl::StatusOr<Caller> Access::AuthorizeGroupWide(
    const grpc::ServerContextBase* context, absl::string_view full_method) {
  absl::StatusOr<Caller> caller = Authorize(context, full_method);
  if (caller.ok() && !caller->brand.empty()) {
    return absl::PermissionDeniedError(absl::StrCat(
        full_method, " is group-wide, across the group's brands: token ",
        caller->name, " belongs to brand ", caller->brand,
        "; use a token without a brand"));
  }
  return caller;
}

absl::StatusOr<Caller> Access::Authorize(
    const grpc::ServerContextBase* context, absl::string_view full_method) {
  if (path_.empty()) return Caller();
  const auto& metadata = context->client_metadata();
  auto header = metadata.find("authorization");
  std::optional<absl::string_view> authorization;
  if (header != metadata.end()) {
    authorization.emplace(header->second.data(), header->second.size());
  }
  absl::StatusOr<Caller> caller = Identify(authorization);
  if (!caller.ok()) return caller;
  if (!RoleAllows(caller->role, full_method)) {
    return absl::PermissionDeniedError(
        absl::StrCat("role ", RoleName(caller->role), " (", caller->name,
                     ") may not call ", ShortName(full_method)));
  }
  return caller;
}

absl::StatusOr<Caller> Access::AuthorizeMetrics(
    std::optional<absl::string_view> authorization) {
  if (path_.empty()) return Caller();
  absl::StatusOr<Caller> caller = Identify(authorization);
  if (!caller.ok()) return caller;
  if (!RoleMayReadMetrics(caller->role)) {
    return absl::PermissionDeniedError(
        absl::StrCat("role ", RoleName(caller->role), " (", caller->name,
                     ") may not read /metrics (admin or auditor may)"));
  }
  return caller;
}

absl::StatusOr<Caller> Access::Identify(
    std::optional<absl::string_view> authorization) {
  ReloadIfChanged();
  if (!authorization.has_value()) {
    return absl::UnauthenticatedError(
        "no token: send authorization: Bearer TOKEN (idres --token)");
  }
  absl::string_view value = *authorization;
  if (!absl::ConsumePrefix(&value, kBearer)) {
    return absl::UnauthenticatedError(
        "authorization: expected Bearer TOKEN");
  }
  std::string hash = HashToken(value);
  absl::ReaderMutexLock lock(&mu_);
  auto it = callers_.find(hash);
  if (it == callers_.end()) {
    return absl::UnauthenticatedError("unknown token");
  }
  Caller caller;
  caller.anonymous = false;
  caller.name = it->second.name;
  caller.role = it->second.role;
  caller.brand = it->second.brand;
  return caller;
}

}  // namespace idres
