// Real parts for tests: a RocksDB store in a fresh temporary directory and
// a real gRPC server on a free loopback port.
#pragma once

#include <memory>
#include <string>

#include "idres/v1/identity.grpc.pb.h"
#include "server/server.h"
#include "store/profile_store.h"

namespace idres {

// Returns a new empty directory under testing::TempDir(), unique per call.
std::string NewTempDir();

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

}  // namespace idres
