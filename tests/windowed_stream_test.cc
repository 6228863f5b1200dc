// WindowedResolveStream against a real server: every answer in order
// within the window, and an end that wakes both sides whatever ends the
// call (deadline, shutdown, no server, a server that stops answering).
#include "client/windowed_stream.h"

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <memory>
#include <thread>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "grpcpp/security/server_credentials.h"
#include "grpcpp/server.h"
#include "grpcpp/server_builder.h"
#include "gtest/gtest.h"
#include "tests/test_support.h"

namespace idres {
namespace {

v1::ResolveRequest MakeRequest(int i) {
  v1::ResolveRequest request;
  v1::Record* record = request.mutable_record();
  record->set_source("crm");
  record->set_source_id(absl::StrCat("c", i));
  v1::Identifier* email = record->add_identifiers();
  email->set_type("email");
  email->set_value(absl::StrCat("client", i / 2, "@mail.fr"));
  return request;
}

// Sends MakeRequest(0..count-1), or until the stream ends, then closes.
std::thread SendInThread(WindowedResolveStream* stream, int count) {
  return std::thread([stream, count] {
    for (int i = 0; i < count && stream->Send(MakeRequest(i), i); ++i) {
    }
    stream->CloseSend();
  });
}

// Returns the number of answers until Receive returns false.
int64_t ReceiveAll(WindowedResolveStream* stream) {
  StreamAnswer answer;
  int64_t n = 0;
  while (stream->Receive(&answer)) ++n;
  return n;
}

TEST(WindowedStreamTest, AnswersEveryRequestInOrderWithinTheWindow) {
  TestServer server;
  WindowedStreamOptions options;
  options.window = 8;
  WindowedResolveStream stream(NewStreamChannel(server.address()), options);
  constexpr int kCount = 600;
  std::thread sender = SendInThread(&stream, kCount);
  StreamAnswer answer;
  int64_t next = 0;
  while (stream.Receive(&answer)) {
    EXPECT_EQ(answer.tag, next);
    EXPECT_EQ(answer.response.record().source_id(), absl::StrCat("c", next));
    EXPECT_EQ(answer.response.error_code(), 0);
    EXPECT_LE(answer.sent_at, answer.answered_at);
    ++next;
  }
  sender.join();
  StreamOutcome outcome = stream.Finish();
  EXPECT_TRUE(outcome.status.ok()) << outcome.status.error_message();
  EXPECT_EQ(next, kCount);
  EXPECT_EQ(outcome.sent, kCount);
  EXPECT_EQ(outcome.answered, kCount);
  EXPECT_EQ(outcome.unanswered(), 0);
  EXPECT_GE(outcome.max_in_flight, 1);
  EXPECT_LE(outcome.max_in_flight, 8);
}

TEST(WindowedStreamTest, FullWindowBlocksSendUntilTheDeadlineEndsTheCall) {
  TestServer server;
  WindowedStreamOptions options;
  options.window = 4;
  options.deadline = absl::Seconds(2);
  WindowedResolveStream stream(NewStreamChannel(server.address()), options);
  for (int i = 0; i < 4; ++i) EXPECT_TRUE(stream.Send(MakeRequest(i), i));
  // Nobody takes the answers: the fifth waits for room until the call ends.
  EXPECT_FALSE(stream.Send(MakeRequest(4), 4));
  // The answers that came before the end are still handed out.
  EXPECT_EQ(ReceiveAll(&stream), 4);
  StreamOutcome outcome = stream.Finish();
  EXPECT_EQ(outcome.status.error_code(), grpc::StatusCode::DEADLINE_EXCEEDED);
  EXPECT_EQ(outcome.sent, 4);
  EXPECT_EQ(outcome.answered, 4);
  EXPECT_EQ(outcome.max_in_flight, 4);
}

TEST(WindowedStreamTest, ServerShutdownWakesTheSenderAndTheReader) {
  auto server = std::make_unique<TestServer>();
  WindowedStreamOptions options;
  options.window = 16;
  WindowedResolveStream stream(NewStreamChannel(server->address()), options);
  std::thread sender = SendInThread(&stream, 1 << 30);  // Never runs out.
  std::thread stopper;
  StreamAnswer answer;
  int64_t answered = 0;
  while (stream.Receive(&answer)) {
    if (++answered == 200) stopper = std::thread([&] { server->Stop(); });
  }
  sender.join();
  StreamOutcome outcome = stream.Finish();
  stopper.join();
  EXPECT_FALSE(outcome.status.ok());
  EXPECT_GE(answered, 200);
  EXPECT_EQ(outcome.answered, answered);
  EXPECT_LE(outcome.unanswered(), 16);
}

TEST(WindowedStreamTest, NoServerEndsTheCallAtOnce) {
  // A port nobody listens on: bound, then closed.
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof(addr);
  ASSERT_EQ(bind(fd, reinterpret_cast<sockaddr*>(&addr), len), 0);
  ASSERT_EQ(getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len), 0);
  close(fd);
  WindowedResolveStream stream(
      NewStreamChannel(absl::StrCat("127.0.0.1:", ntohs(addr.sin_port))),
      WindowedStreamOptions());
  std::thread sender = SendInThread(&stream, 1000);
  EXPECT_EQ(ReceiveAll(&stream), 0);
  sender.join();
  StreamOutcome outcome = stream.Finish();
  EXPECT_EQ(outcome.status.error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ(outcome.answered, 0);
}

TEST(WindowedStreamTest, DestroyingARunningStreamCancelsIt) {
  TestServer server;
  auto stream = std::make_unique<WindowedResolveStream>(
      NewStreamChannel(server.address()), WindowedStreamOptions());
  for (int i = 0; i < 10; ++i) EXPECT_TRUE(stream->Send(MakeRequest(i), i));
  stream.reset();  // Returns: nothing left waiting on the call.
}

// A server that reads every request and never answers; it finishes OK
// once the client closes its side.
class SilentReactor
    : public grpc::ServerBidiReactor<v1::ResolveRequest, v1::ResolveResponse> {
 public:
  SilentReactor() { StartRead(&request_); }
  void OnReadDone(bool ok) override {
    if (ok) {
      StartRead(&request_);
    } else {
      Finish(grpc::Status::OK);
    }
  }
  void OnDone() override { delete this; }

 private:
  v1::ResolveRequest request_;
};

class SilentIdentity : public v1::Identity::CallbackService {
 public:
  grpc::ServerBidiReactor<v1::ResolveRequest, v1::ResolveResponse>*
  ResolveStream(grpc::CallbackServerContext*) override {
    return new SilentReactor();
  }
};

class SilentServer {
 public:
  SilentServer() {
    grpc::ServerBuilder builder;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(),
                             &port_);
    builder.RegisterService(&service_);
    server_ = builder.BuildAndStart();
  }
  ~SilentServer() {
    server_->Shutdown(std::chrono::system_clock::now());
  }
  std::string address() const { return absl::StrCat("127.0.0.1:", port_); }

 private:
  SilentIdentity service_;
  int port_ = 0;
  std::unique_ptr<grpc::Server> server_;
};

TEST(WindowedStreamTest, ServerThatStopsAnsweringIsCancelled) {
  SilentServer server;
  WindowedStreamOptions options;
  options.stall_timeout = absl::Milliseconds(300);
  WindowedResolveStream stream(NewStreamChannel(server.address()), options);
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(stream.Send(MakeRequest(i), i));
  EXPECT_EQ(ReceiveAll(&stream), 0);  // Returns once the stall is seen.
  EXPECT_FALSE(stream.Send(MakeRequest(3), 3));
  StreamOutcome outcome = stream.Finish();
  EXPECT_EQ(outcome.status.error_code(), grpc::StatusCode::DEADLINE_EXCEEDED);
  EXPECT_TRUE(absl::StrContains(outcome.status.error_message(), "no answer"))
      << outcome.status.error_message();
  EXPECT_EQ(outcome.unanswered(), 3);
}

TEST(WindowedStreamTest, ServerFinishingWithoutAnsweringIsAnError) {
  SilentServer server;
  WindowedResolveStream stream(NewStreamChannel(server.address()),
                               WindowedStreamOptions());
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(stream.Send(MakeRequest(i), i));
  stream.CloseSend();
  EXPECT_EQ(ReceiveAll(&stream), 0);
  StreamOutcome outcome = stream.Finish();
  EXPECT_EQ(outcome.status.error_code(), grpc::StatusCode::INTERNAL);
  EXPECT_EQ(outcome.unanswered(), 3);
}

}  // namespace
}  // namespace idres
