// The Backup RPC: an online checkpoint taken while serving is a consistent
// store that answers the profiles of the moment it was taken.
#include <filesystem>
#include <string>

#include "gtest/gtest.h"
#include "grpcpp/client_context.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "graph/consistency.h"
#include "tests/test_support.h"

namespace idres {
namespace {

v1::ResolveRequest MakeRequest(const std::string& source_id,
                               const std::string& email) {
  v1::ResolveRequest request;
  v1::Record* r = request.mutable_record();
  r->set_source("crm");
  r->set_source_id(source_id);
  r->mutable_name()->set_given("Ann");
  r->mutable_name()->set_family("Martin");
  v1::Identifier* id = r->add_identifiers();
  id->set_type("email");
  id->set_value(email);
  return request;
}

void Resolve(v1::Identity::Stub* stub, const v1::ResolveRequest& request) {
  grpc::ClientContext context;
  v1::ResolveResponse response;
  grpc::Status s = stub->Resolve(&context, request, &response);
  ASSERT_TRUE(s.ok()) << s.error_message();
}

grpc::Status Backup(v1::Identity::Stub* stub, const std::string& dir) {
  grpc::ClientContext context;
  v1::BackupRequest request;
  request.set_dir(dir);
  v1::BackupResponse response;
  return stub->Backup(&context, request, &response);
}

v1::GetProfileResponse GetByEmail(v1::Identity::Stub* stub,
                                  const std::string& email, grpc::Status* s) {
  grpc::ClientContext context;
  v1::GetProfileRequest request;
  request.mutable_identifier()->set_type("email");
  request.mutable_identifier()->set_value(email);
  v1::GetProfileResponse response;
  *s = stub->GetProfile(&context, request, &response);
  return response;
}

// A server whose backups go under `backups`.
ServerOptions BackupsUnder(const std::string& backups) {
  ServerOptions options;
  options.backup_dir = backups;
  return options;
}

TEST(BackupTest, CopyTakenWhileServingVerifiesAndAnswersTheSameProfiles) {
  std::string backups = NewTempDir();
  TestServer server(BackupsUnder(backups));
  Resolve(server.stub(), MakeRequest("1", "ann@x.org"));
  Resolve(server.stub(), MakeRequest("2", "Ann@X.org"));
  Resolve(server.stub(), MakeRequest("3", "bob@y.org"));
  std::string copy = backups + "/copy";
  grpc::Status s = Backup(server.stub(), copy);
  ASSERT_TRUE(s.ok()) << s.error_message();
  Resolve(server.stub(), MakeRequest("4", "late@z.org"));
  grpc::Status live_status;
  v1::GetProfileResponse live =
      GetByEmail(server.stub(), "ann@x.org", &live_status);
  ASSERT_TRUE(live_status.ok());

  {
    StoreOptions read_only;
    read_only.read_only = true;
    auto store = OpenRocksDbProfileStore(copy, read_only);
    ASSERT_TRUE(store.ok()) << store.status();
    std::unique_ptr<StoreView> view = (*store)->NewSnapshot();
    absl::StatusOr<ConsistencyReport> report = CheckConsistency(view.get());
    ASSERT_TRUE(report.ok()) << report.status();
    EXPECT_TRUE(report->ok());
    EXPECT_EQ(report->records, 3);
  }
  ServerOptions options;
  options.listen = "127.0.0.1:0";
  options.db_dir = copy;
  absl::StatusOr<std::unique_ptr<IdresServer>> restored = StartServer(options);
  ASSERT_TRUE(restored.ok()) << restored.status();
  auto stub = v1::Identity::NewStub(grpc::CreateChannel(
      "127.0.0.1:" + std::to_string((*restored)->port()),
      grpc::InsecureChannelCredentials()));
  grpc::Status copy_status;
  v1::GetProfileResponse copied = GetByEmail(stub.get(), "ann@x.org", &copy_status);
  ASSERT_TRUE(copy_status.ok()) << copy_status.error_message();
  EXPECT_EQ(copied.profile().profile_id(), live.profile().profile_id());
  EXPECT_EQ(copied.profile().records_size(), 2);
  GetByEmail(stub.get(), "late@z.org", &copy_status);
  EXPECT_EQ(copy_status.error_code(), grpc::StatusCode::NOT_FOUND);
}

TEST(BackupTest, RejectsRelativeAndExistingDirectories) {
  std::string backups = NewTempDir();
  TestServer server(BackupsUnder(backups));
  EXPECT_EQ(Backup(server.stub(), "relative/dir").error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Backup(server.stub(), "").error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  std::string existing = backups + "/existing";
  std::filesystem::create_directories(existing);
  EXPECT_FALSE(Backup(server.stub(), existing).ok());
}

TEST(BackupTest, WritesOnlyUnderTheBackupDir) {
  std::string backups = NewTempDir();
  TestServer server(BackupsUnder(backups));
  for (const std::string& dir :
       {NewTempDir() + "/elsewhere", backups, backups + "/../escape",
        backups + "/./x", backups + "x/copy"}) {
    EXPECT_EQ(Backup(server.stub(), dir).error_code(),
              grpc::StatusCode::PERMISSION_DENIED) << dir;
  }
  EXPECT_FALSE(std::filesystem::exists(NewTempDir() + "/../escape"));
  EXPECT_TRUE(Backup(server.stub(), backups + "/b1").ok());
}

TEST(BackupTest, RefusedWithoutABackupDir) {
  TestServer server;
  grpc::Status s = Backup(server.stub(), NewTempDir() + "/copy");
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(s.error_message().find("--backup-dir"), std::string::npos);
}

}  // namespace
}  // namespace idres
