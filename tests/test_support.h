// Real parts for tests: a RocksDB store in a fresh temporary directory and
// a real gRPC server on a free loopback port.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/string_view.h"
#include "grpcpp/channel.h"
#include "idres/v1/identity.grpc.pb.h"
#include "idres/v1/record.pb.h"
#include "server/server.h"
#include "store/profile_store.h"

namespace idres {

// Returns the reference of record (source, source_id).
v1::RecordRef Ref(absl::string_view source, absl::string_view source_id);

// Returns a record with `identifiers` as (type, value) pairs and, when not
// empty, the given and family names.
v1::Record MakeRecord(
    absl::string_view source, absl::string_view source_id,
    const std::vector<std::pair<std::string, std::string>>& identifiers = {},
    absl::string_view given = "", absl::string_view family = "");

// Returns a record holding each non-empty address of `emails`.
v1::Record EmailRecord(absl::string_view source, absl::string_view source_id,
                       const std::vector<std::string>& emails);

// Returns a new empty directory under testing::TempDir(), unique per call.
std::string NewTempDir();

// PEM files of a throwaway CA and of a server certificate it signed for
// localhost and 127.0.0.1, made with the openssl command.
struct TestCertificates {
  std::string ca;    // The CA's certificate: what clients trust.
  std::string cert;  // The server's certificate.
  std::string key;   // The server's private key.
};

// Makes them in `dir`; a test failure (and empty paths) when openssl
// fails.
TestCertificates MakeTestCertificates(const std::string& dir);

// A RocksDB store in a fresh temporary directory, removed at destruction.
class TempStore {
 public:
  TempStore();
  ~TempStore();

  ProfileStore* store() { return store_.get(); }
  const std::string& dir() const { return dir_; }
  // Closes and reopens the store on the same directory, with `options`;
  // store() is null, after a test failure, when it does not open.
  void Reopen(const StoreOptions& options = StoreOptions());
  // Closes the store (store() is then null) until the next Reopen.
  void Close() { store_.reset(); }

 private:
  std::string dir_;
  std::unique_ptr<ProfileStore> store_;
};

// A real server on 127.0.0.1 with a free port and a fresh store.
class TestServer {
 public:
  explicit TestServer(ServerOptions options = ServerOptions());
  ~TestServer();

  v1::Identity::Stub* stub() { return stub_.get(); }
  std::string address() const;
  const std::string& dir() const { return dir_; }
  // Stops the server and starts a new one on the same store.
  void Restart();
  // Stops the server and closes its store, keeping the directory.
  void Stop();

 private:
  void Start();

  ServerOptions options_;
  std::string dir_;
  std::unique_ptr<IdresServer> server_;
  std::unique_ptr<v1::Identity::Stub> stub_;
};

// A real server on 127.0.0.1 with a free port, a fresh store, TLS with
// throwaway certificates and a token file (initially empty: every call is
// refused until AddCaller).
class SecureTestServer {
 public:
  explicit SecureTestServer(ServerOptions options = ServerOptions());

  // Adds a caller to the token file, has the server re-read it, and
  // returns its token (empty, after a test failure, on error).
  std::string AddCaller(const std::string& name, const std::string& role,
                        const std::string& brand = "");
  // Returns a TLS channel trusting the test CA, sending `token` as
  // "authorization: Bearer TOKEN" unless empty.
  std::shared_ptr<grpc::Channel> Channel(const std::string& token) const;

  IdresServer* server() { return server_.get(); }
  const std::string& tokens_file() const { return tokens_file_; }

 private:
  std::string dir_;
  TestCertificates certs_;
  std::string tokens_file_;
  std::string address_;
  std::unique_ptr<IdresServer> server_;
};

}  // namespace idres
