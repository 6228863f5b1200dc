// The roles table covers every RPC of the API: a method added to
// proto/idres/v1 without a row fails here, so it cannot slip through
// unguarded (a method without a row is refused to everyone).
#include "server/rpc_roles.h"

#include <set>
#include <string>

#include "absl/strings/str_cat.h"
#include "google/protobuf/descriptor.h"
#include "gtest/gtest.h"
#include "idres/v1/governance.grpc.pb.h"
#include "idres/v1/identity.grpc.pb.h"

namespace idres {
namespace {

namespace pb = google::protobuf;

// Every service of package idres.v1 in `file` and the files it imports.
void CollectMethods(const pb::FileDescriptor* file,
                    std::set<const pb::FileDescriptor*>* seen,
                    std::set<std::string>* methods) {
  if (!seen->insert(file).second) return;
  for (int i = 0; i < file->dependency_count(); ++i) {
    CollectMethods(file->dependency(i), seen, methods);
  }
  if (file->package() != "idres.v1") return;
  for (int s = 0; s < file->service_count(); ++s) {
    const pb::ServiceDescriptor* service = file->service(s);
    for (int m = 0; m < service->method_count(); ++m) {
      methods->insert(
          absl::StrCat("/", service->full_name(), "/", service->method(m)->name()));
    }
  }
}

std::set<std::string> ApiMethods() {
  std::set<const pb::FileDescriptor*> seen;
  std::set<std::string> methods;
  // Through a message of each file, so that the linker keeps it.
  for (const pb::FileDescriptor* file :
       {v1::PingRequest::descriptor()->file(),
        v1::ListAuditRequest::descriptor()->file()}) {
    CollectMethods(file, &seen, &methods);
  }
  return methods;
}

TEST(RpcRolesTest, EveryApiMethodHasARow) {
  std::set<std::string> methods = ApiMethods();
  EXPECT_GE(methods.size(), 21u);
  for (const std::string& m : methods) {
    EXPECT_TRUE(HasRolesRow(m)) << m << " has no row in server/rpc_roles.cc";
  }
}

TEST(RpcRolesTest, EveryRowNamesAnApiMethod) {
  std::set<std::string> methods = ApiMethods();
  for (const std::string& row : MethodsWithRows()) {
    EXPECT_TRUE(methods.count(row)) << row << " is no method of idres.v1";
  }
}

TEST(RpcRolesTest, AdminMayCallEverythingAndAMissingRowNoOne) {
  for (const std::string& m : ApiMethods()) {
    EXPECT_TRUE(RoleAllows(Role::kAdmin, m)) << m;
  }
  for (Role r : {Role::kBot, Role::kAgent, Role::kBatch, Role::kAdmin,
                 Role::kAuditor}) {
    EXPECT_FALSE(RoleAllows(r, "/idres.v1.Identity/NoSuchMethod"));
  }
}

TEST(RpcRolesTest, RoleNamesRoundTrip) {
  for (const char* name : {"bot", "agent", "batch", "admin", "auditor"}) {
    std::optional<Role> role = ParseRole(name);
    ASSERT_TRUE(role.has_value()) << name;
    EXPECT_EQ(RoleName(*role), name);
  }
  EXPECT_FALSE(ParseRole("root").has_value());
  EXPECT_FALSE(ParseRole("").has_value());
}

}  // namespace
}  // namespace idres
