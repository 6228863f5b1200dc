// kill -9 of a real `idres serve` process in the middle of a stream: after
// a restart every acknowledged record is there and the store is consistent.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <set>
#include <string>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "grpcpp/client_context.h"
#include "grpcpp/create_channel.h"
#include "gtest/gtest.h"
#include "graph/consistency.h"
#include "tests/test_support.h"

namespace idres {
namespace {

// A child `idres serve` on a free loopback port.
class ServerProcess {
 public:
  explicit ServerProcess(const std::string& db) {
    int fds[2];
    if (pipe(fds) != 0) return;
    pid_ = fork();
    if (pid_ == 0) {
      dup2(fds[1], STDERR_FILENO);
      close(fds[0]);
      execl(IDRES_BINARY, IDRES_BINARY, "serve", "--db", db.c_str(),
            "--listen", "127.0.0.1:0", static_cast<char*>(nullptr));
      _exit(127);
    }
    close(fds[1]);
    // The server announces "... (port N) ..." on stderr once listening.
    FILE* err = fdopen(fds[0], "r");
    char line[512];
    while (port_ == 0 && fgets(line, sizeof(line), err) != nullptr) {
      if (const char* p = strstr(line, "(port ")) port_ = atoi(p + 6);
    }
    // Keep draining stderr so the child never blocks on a full pipe.
    drain_ = std::thread([err] {
      char buf[512];
      while (fgets(buf, sizeof(buf), err) != nullptr) {
      }
      fclose(err);
    });
  }

  ~ServerProcess() {
    Signal(SIGTERM);
    if (drain_.joinable()) drain_.join();
  }

  // Sends `sig` and reaps the child.
  void Signal(int sig) {
    if (pid_ <= 0) return;
    kill(pid_, sig);
    waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }

  int port() const { return port_; }

  std::unique_ptr<v1::Identity::Stub> Stub() const {
    return v1::Identity::NewStub(grpc::CreateChannel(
        absl::StrCat("127.0.0.1:", port_), grpc::InsecureChannelCredentials()));
  }

 private:
  pid_t pid_ = -1;
  int port_ = 0;
  std::thread drain_;
};

// Record number `i`: crm or shop, an e-mail shared by three numbers, a
// phone of its own.
v1::Record NumberedRecord(int i) {
  v1::Record r;
  r.set_source(i % 2 ? "shop" : "crm");
  r.set_source_id(absl::StrCat(i));
  v1::Identifier* email = r.add_identifiers();
  email->set_type("email");
  email->set_value(absl::StrCat("client", i / 3, "@mail.fr"));
  v1::Identifier* phone = r.add_identifiers();
  phone->set_type("phone");
  phone->set_value(absl::StrFormat("07 %02d %02d %02d %02d", i / 1000000 % 100,
                                   i / 10000 % 100, i / 100 % 100, i % 100));
  return r;
}

TEST(CrashRecoveryTest, AcknowledgedRecordsSurviveKillNine) {
  std::string dir = NewTempDir();
  std::string db = dir + "/db";
  std::set<std::string> acknowledged;
  {
    ServerProcess server(db);
    ASSERT_GT(server.port(), 0) << "server did not start";
    auto stub = server.Stub();
    grpc::ClientContext context;
    auto stream = stub->ResolveStream(&context);
    std::thread writer([&] {
      for (int i = 0; i < 200000; ++i) {
        v1::ResolveRequest request;
        *request.mutable_record() = NumberedRecord(i);
        if (!stream->Write(request)) break;
      }
      stream->WritesDone();
    });
    v1::ResolveResponse response;
    while (stream->Read(&response)) {
      ASSERT_EQ(response.error_code(), 0) << response.error_message();
      acknowledged.insert(absl::StrCat(response.record().source(), ":",
                                       response.record().source_id()));
      if (acknowledged.size() == 5000) server.Signal(SIGKILL);
    }
    context.TryCancel();
    writer.join();
  }
  ASSERT_GE(acknowledged.size(), 5000u);

  ServerProcess restarted(db);
  ASSERT_GT(restarted.port(), 0) << "server did not restart";
  grpc::ClientContext context;
  auto reader = restarted.Stub()->ExportRecords(&context,
                                                v1::ExportRecordsRequest());
  std::set<std::string> stored;
  v1::ExportRecordsResponse batch;
  while (reader->Read(&batch)) {
    for (const v1::RecordAssignment& a : batch.records()) {
      stored.insert(absl::StrCat(a.source(), ":", a.source_id()));
    }
  }
  ASSERT_TRUE(reader->Finish().ok());
  for (const std::string& key : acknowledged) {
    ASSERT_TRUE(stored.count(key)) << key << " was acknowledged but is lost";
  }

  restarted.Signal(SIGTERM);  // Verify offline, as `idres verify` does.
  StoreOptions read_only;
  read_only.read_only = true;
  absl::StatusOr<std::unique_ptr<ProfileStore>> store =
      OpenRocksDbProfileStore(db, read_only);
  ASSERT_TRUE(store.ok()) << store.status();
  std::unique_ptr<StoreView> view = (*store)->NewSnapshot();
  absl::StatusOr<ConsistencyReport> report = CheckConsistency(view.get());
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_TRUE(report->ok()) << report->problems.front();
}

}  // namespace
}  // namespace idres
