#include "tests/test_support.h"

#include <atomic>
#include <filesystem>

#include "absl/strings/str_cat.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "gtest/gtest.h"
#include <unistd.h>

namespace idres {

std::string NewTempDir() {
  static std::atomic<int> counter{0};
  std::string dir = absl::StrCat(testing::TempDir(), "idres_", getpid(), "_",
                                 counter++);
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

TempStore::TempStore() : dir_(NewTempDir()) { Reopen(); }

TempStore::~TempStore() {
  store_.reset();
  std::filesystem::remove_all(dir_);
}

void TempStore::Reopen(const StoreOptions& options) {
  store_.reset();
  absl::StatusOr<std::unique_ptr<ProfileStore>> s =
      OpenRocksDbProfileStore(dir_ + "/db", options);
  if (!s.ok()) {
    ADD_FAILURE() << s.status();
    return;
  }
  store_ = *std::move(s);
}

TestServer::TestServer(ServerOptions options)
    : options_(std::move(options)), dir_(NewTempDir()) {
  options_.listen = "127.0.0.1:0";
  options_.db_dir = dir_ + "/db";
  Start();
}

TestServer::~TestServer() {
  stub_.reset();
  server_.reset();
  std::filesystem::remove_all(dir_);
}

void TestServer::Start() {
  absl::StatusOr<std::unique_ptr<IdresServer>> s = StartServer(options_);
  if (!s.ok()) {
    ADD_FAILURE() << s.status();
    return;
  }
  server_ = *std::move(s);
  stub_ = v1::Identity::NewStub(
      grpc::CreateChannel(address(), grpc::InsecureChannelCredentials()));
}

std::string TestServer::address() const {
  return absl::StrCat("127.0.0.1:", server_->port());
}

void TestServer::Restart() {
  Stop();
  Start();
}

void TestServer::Stop() {
  stub_.reset();
  server_.reset();
}

}  // namespace idres
