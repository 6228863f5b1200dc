#include "tests/test_support.h"

#include <atomic>
#include <fstream>
#include <iterator>
#include <optional>
#include <cstdlib>
#include <filesystem>

#include "absl/strings/str_cat.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "gtest/gtest.h"
#include "server/token_file.h"
#include <unistd.h>

namespace idres {

v1::RecordRef Ref(absl::string_view source, absl::string_view source_id) {
  v1::RecordRef ref;
  ref.set_source(std::string(source));
  ref.set_source_id(std::string(source_id));
  return ref;
}

v1::Record MakeRecord(
    absl::string_view source, absl::string_view source_id,
    const std::vector<std::pair<std::string, std::string>>& identifiers,
    absl::string_view given, absl::string_view family) {
  v1::Record r;
  r.set_source(std::string(source));
  r.set_source_id(std::string(source_id));
  for (const auto& [type, value] : identifiers) {
    v1::Identifier* i = r.add_identifiers();
    i->set_type(type);
    i->set_value(value);
  }
  if (!given.empty()) r.mutable_name()->set_given(std::string(given));
  if (!family.empty()) r.mutable_name()->set_family(std::string(family));
  return r;
}

v1::Record EmailRecord(absl::string_view source, absl::string_view source_id,
                       const std::vector<std::string>& emails) {
  std::vector<std::pair<std::string, std::string>> ids;
  for (const std::string& e : emails) {
    if (!e.empty()) ids.emplace_back("email", e);
  }
  return MakeRecord(source, source_id, ids);
}

std::string NewTempDir() {
  static std::atomic<int> counter{0};
  std::string dir = absl::StrCat(testing::TempDir(), "idres_", getpid(), "_",
                                 counter++);
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

TestCertificates MakeTestCertificates(const std::string& dir) {
  const std::string ec = "-newkey ec -pkeyopt ec_paramgen_curve:prime256v1";
  std::string script = absl::StrCat(
      "cd '", dir, "' && (printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\\n'"
      " > san.cnf && openssl req -x509 ", ec,
      " -nodes -keyout ca.key -out ca.pem -days 2 -subj /CN=idres-test-ca"
      " && openssl req ", ec,
      " -nodes -keyout server.key -out server.csr -subj /CN=localhost"
      " && openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key"
      " -CAcreateserial -out server.pem -days 2 -extfile san.cnf)"
      " >/dev/null 2>&1");
  if (std::system(script.c_str()) != 0) {
    ADD_FAILURE() << "openssl failed: " << script;
    return {};
  }
  return {dir + "/ca.pem", dir + "/server.pem", dir + "/server.key"};
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

SecureTestServer::SecureTestServer(ServerOptions options)
    : dir_(NewTempDir()), certs_(MakeTestCertificates(dir_)) {
  tokens_file_ = dir_ + "/tokens";
  std::ofstream(tokens_file_) << "# callers\n";
  options.listen = "127.0.0.1:0";
  options.db_dir = dir_ + "/db";
  options.tls_cert = certs_.cert;
  options.tls_key = certs_.key;
  options.tokens_file = tokens_file_;
  absl::StatusOr<std::unique_ptr<IdresServer>> server = StartServer(options);
  if (!server.ok()) {
    ADD_FAILURE() << server.status();
    return;
  }
  server_ = *std::move(server);
  address_ = absl::StrCat("localhost:", server_->port());
}

std::string SecureTestServer::AddCaller(const std::string& name,
                                        const std::string& role,
                                        const std::string& brand) {
  std::optional<Role> parsed = ParseRole(role);
  if (!parsed.has_value()) {
    ADD_FAILURE() << "unknown role " << role;
    return "";
  }
  absl::StatusOr<std::string> token =
      AddToken(tokens_file_, name, *parsed, brand);
  absl::Status s = token.ok() && server_ != nullptr ? server_->ReloadTokens()
                                                    : token.status();
  if (!s.ok()) {
    ADD_FAILURE() << s;
    return "";
  }
  return *token;
}

std::shared_ptr<grpc::Channel> SecureTestServer::Channel(
    const std::string& token) const {
  grpc::SslCredentialsOptions ssl;
  std::ifstream in(certs_.ca);
  ssl.pem_root_certs.assign(std::istreambuf_iterator<char>(in),
                            std::istreambuf_iterator<char>());
  std::shared_ptr<grpc::ChannelCredentials> creds = grpc::SslCredentials(ssl);
  if (!token.empty()) {
    creds = grpc::CompositeChannelCredentials(
        creds, grpc::AccessTokenCredentials(token));
  }
  return grpc::CreateChannel(address_, creds);
}

}  // namespace idres
