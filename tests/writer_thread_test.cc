// Store writes run on the server's writer thread (server/write_queue.h):
// while it waits for the store's single writer, reads and pings answer; a
// full queue answers RESOURCE_EXHAUSTED; a shutdown answers every call and
// loses no acknowledged write. The test holds the store's transaction
// itself, which is what keeps the writer thread waiting.
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "grpcpp/client_context.h"
#include "grpcpp/create_channel.h"
#include "gtest/gtest.h"
#include "tests/test_support.h"

namespace idres {
namespace {

// Unary Resolve calls issued without waiting, each answer kept.
class PendingResolves {
 public:
  explicit PendingResolves(v1::Identity::Stub* stub) : stub_(stub) {}

  // Starts Resolve of record ("w", id).
  void Start(const std::string& id) {
    auto call = std::make_unique<Call>();
    call->request.mutable_record()->set_source("w");
    call->request.mutable_record()->set_source_id(id);
    v1::Identifier* email = call->request.mutable_record()->add_identifiers();
    email->set_type("email");
    email->set_value(absl::StrCat("w", id, "@mail.fr"));
    Call* raw = call.get();
    {
      absl::MutexLock lock(&mu_);
      calls_.push_back(std::move(call));
    }
    stub_->async()->Resolve(&raw->context, &raw->request, &raw->response,
                            [this, raw](grpc::Status s) {
                              absl::MutexLock lock(&mu_);
                              raw->status = s;
                              raw->done = true;
                              ++answered_;
                              if (s.error_code() ==
                                  grpc::StatusCode::RESOURCE_EXHAUSTED) {
                                ++refused_;
                              }
                            });
  }

  // Blocks until at least `n` calls were refused as RESOURCE_EXHAUSTED.
  void AwaitRefused(int n) {
    absl::MutexLock lock(&mu_);
    auto enough = [this, n]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
      return refused_ >= n;
    };
    mu_.Await(absl::Condition(&enough));
  }

  // Blocks until every call is answered; returns their codes in order.
  std::vector<grpc::StatusCode> AwaitAll() {
    absl::MutexLock lock(&mu_);
    auto all = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
      return answered_ == static_cast<int>(calls_.size());
    };
    mu_.Await(absl::Condition(&all));
    std::vector<grpc::StatusCode> codes;
    for (const auto& c : calls_) codes.push_back(c->status.error_code());
    return codes;
  }

  int answered() {
    absl::MutexLock lock(&mu_);
    return answered_;
  }

 private:
  struct Call {
    grpc::ClientContext context;
    v1::ResolveRequest request;
    v1::ResolveResponse response;
    grpc::Status status;
    bool done = false;
  };
  v1::Identity::Stub* stub_;
  absl::Mutex mu_;
  std::vector<std::unique_ptr<Call>> calls_ ABSL_GUARDED_BY(mu_);
  int answered_ ABSL_GUARDED_BY(mu_) = 0;
  int refused_ ABSL_GUARDED_BY(mu_) = 0;
};

// A server on a store the test also holds, to take its writer lock.
class WriterThreadTest : public ::testing::Test {
 protected:
  void StartServer(size_t max_queued_writes) {
    absl::StatusOr<std::unique_ptr<ProfileStore>> store =
        OpenRocksDbProfileStore(dir_);
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = store->get();
    ServerOptions options;
    options.listen = "127.0.0.1:0";
    options.max_queued_writes = max_queued_writes;
    absl::StatusOr<std::unique_ptr<IdresServer>> server =
        idres::StartServer(*std::move(store), options);
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = *std::move(server);
    stub_ = v1::Identity::NewStub(grpc::CreateChannel(
        absl::StrCat("127.0.0.1:", server_->port()),
        grpc::InsecureChannelCredentials()));
  }

  grpc::Status Ping() {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() +
                         std::chrono::seconds(5));
    v1::PingResponse response;
    return stub_->Ping(&context, v1::PingRequest(), &response);
  }

  // Whether record ("w", id) is in the store at dir_, reopened.
  static std::vector<bool> Stored(const std::string& dir, int n) {
    absl::StatusOr<std::unique_ptr<ProfileStore>> store =
        OpenRocksDbProfileStore(dir);
    EXPECT_TRUE(store.ok()) << store.status();
    std::vector<bool> out;
    for (int i = 0; i < n && store.ok(); ++i) {
      absl::StatusOr<std::optional<storage::StoredRecord>> r =
          (*store)->GetRecord(Ref("w", absl::StrCat(i)));
      EXPECT_TRUE(r.ok()) << r.status();
      out.push_back(r.ok() && r->has_value());
    }
    return out;
  }

  std::string dir_ = NewTempDir() + "/db";
  ProfileStore* store_ = nullptr;  // Owned by server_.
  std::unique_ptr<IdresServer> server_;
  std::unique_ptr<v1::Identity::Stub> stub_;
};

TEST_F(WriterThreadTest, ReadsAnswerWhileTheWriterWaits) {
  StartServer(1024);
  {
    grpc::ClientContext context;
    v1::ResolveRequest request;
    *request.mutable_record() = EmailRecord("crm", "1", {"ann@x.org"});
    v1::ResolveResponse response;
    ASSERT_TRUE(stub_->Resolve(&context, request, &response).ok());
  }
  std::unique_ptr<StoreTxn> held = store_->BeginTxn();
  PendingResolves resolves(stub_.get());
  for (int i = 0; i < 16; ++i) resolves.Start(absl::StrCat(i));
  grpc::ClientContext stream_context;
  auto stream = stub_->ResolveStream(&stream_context);
  for (int i = 16; i < 20; ++i) {
    v1::ResolveRequest r;
    *r.mutable_record() = EmailRecord("w", absl::StrCat(i), {"s@x.org"});
    ASSERT_TRUE(stream->Write(r));
  }
  ASSERT_TRUE(stream->WritesDone());

  EXPECT_TRUE(Ping().ok());
  grpc::ClientContext context;
  v1::GetContextRequest request;
  request.mutable_target()->mutable_identifier()->set_type("email");
  request.mutable_target()->mutable_identifier()->set_value("ann@x.org");
  v1::GetContextResponse got;
  grpc::Status s = stub_->GetContext(&context, request, &got);
  EXPECT_TRUE(s.ok()) << s.error_message();
  EXPECT_FALSE(got.context().profile_id().empty());
  // Nothing can be written while the test holds the transaction.
  EXPECT_EQ(resolves.answered(), 0);

  held.reset();
  for (grpc::StatusCode code : resolves.AwaitAll()) {
    EXPECT_EQ(code, grpc::StatusCode::OK);
  }
  v1::ResolveResponse answer;
  for (int i = 16; i < 20; ++i) {  // In request order.
    ASSERT_TRUE(stream->Read(&answer));
    EXPECT_EQ(answer.record().source_id(), absl::StrCat(i));
    EXPECT_EQ(answer.error_code(), 0) << answer.error_message();
  }
  EXPECT_TRUE(stream->Finish().ok());
}

TEST_F(WriterThreadTest, FullQueueAnswersResourceExhausted) {
  StartServer(2);
  std::unique_ptr<StoreTxn> held = store_->BeginTxn();
  PendingResolves resolves(stub_.get());
  constexpr int kCalls = 8;
  for (int i = 0; i < kCalls; ++i) resolves.Start(absl::StrCat(i));
  // Two wait in the queue and one at most on the writer: the others are
  // refused at once, while the writer still waits.
  resolves.AwaitRefused(kCalls - 3);
  held.reset();
  std::vector<grpc::StatusCode> codes = resolves.AwaitAll();
  server_.reset();
  std::vector<bool> stored = Stored(dir_, kCalls);
  int ok = 0;
  for (int i = 0; i < kCalls; ++i) {
    ASSERT_TRUE(codes[i] == grpc::StatusCode::OK ||
                codes[i] == grpc::StatusCode::RESOURCE_EXHAUSTED)
        << codes[i];
    ok += codes[i] == grpc::StatusCode::OK;
    // Refused means not written; answered means written.
    EXPECT_EQ(stored[i], codes[i] == grpc::StatusCode::OK) << i;
  }
  EXPECT_GE(ok, 2);
}

TEST_F(WriterThreadTest, ShutdownAnswersQueuedWritesAndKeepsThem) {
  StartServer(2);
  std::unique_ptr<StoreTxn> held = store_->BeginTxn();
  PendingResolves resolves(stub_.get());
  constexpr int kCalls = 6;
  for (int i = 0; i < kCalls; ++i) resolves.Start(absl::StrCat(i));
  resolves.AwaitRefused(kCalls - 3);  // The queue is full: writes wait.
  std::thread stopper([this] { server_->Shutdown(); });
  // Shutdown has begun once a new call is refused.
  while (Ping().ok()) std::this_thread::yield();
  held.reset();
  stopper.join();
  std::vector<grpc::StatusCode> codes = resolves.AwaitAll();
  server_.reset();
  std::vector<bool> stored = Stored(dir_, kCalls);
  int ok = 0;
  for (int i = 0; i < kCalls; ++i) {
    ok += codes[i] == grpc::StatusCode::OK;
    // No acknowledged write lost.
    if (codes[i] == grpc::StatusCode::OK) {
      EXPECT_TRUE(stored[i]) << i;
    } else if (codes[i] == grpc::StatusCode::RESOURCE_EXHAUSTED) {
      EXPECT_FALSE(stored[i]) << i;
    }
  }
  // The queued writes ran during the shutdown's grace period.
  EXPECT_GE(ok, 2);
}

}  // namespace
}  // namespace idres
