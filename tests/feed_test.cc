// The change feed through a real server: resuming without gaps, following
// a profile through a merge, and cutting off a consumer that stops reading
// without slowing writers.
#include <set>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "grpcpp/client_context.h"
#include "grpcpp/create_channel.h"
#include "gtest/gtest.h"
#include "tests/test_support.h"

namespace idres {
namespace {

v1::Record WithEmail(absl::string_view id, absl::string_view email) {
  v1::Record r;
  r.set_source("crm");
  r.set_source_id(std::string(id));
  v1::Identifier* i = r.add_identifiers();
  i->set_type("email");
  i->set_value(std::string(email));
  return r;
}

// Resolves `r` and returns its profile id.
std::string Resolve(v1::Identity::Stub* stub, const v1::Record& r) {
  grpc::ClientContext context;
  v1::ResolveRequest request;
  *request.mutable_record() = r;
  v1::ResolveResponse response;
  EXPECT_TRUE(stub->Resolve(&context, request, &response).ok());
  return response.profile_id();
}

// Records an interaction on `profile_id` and returns its event's sequence.
uint64_t Interact(v1::Identity::Stub* stub, const std::string& profile_id) {
  grpc::ClientContext context;
  v1::RecordInteractionRequest request;
  request.mutable_target()->set_profile_id(profile_id);
  request.mutable_interaction()->set_channel("chat");
  request.mutable_interaction()->set_summary("hello");
  v1::RecordInteractionResponse response;
  EXPECT_TRUE(stub->RecordInteraction(&context, request, &response).ok());
  return response.sequence();
}

// Reads up to `n` events of WatchChanges from `from`, then cancels.
std::vector<uint64_t> ReadChanges(v1::Identity::Stub* stub, uint64_t from,
                                  size_t n) {
  grpc::ClientContext context;
  v1::WatchChangesRequest request;
  request.set_from_sequence(from);
  auto reader = stub->WatchChanges(&context, request);
  std::vector<uint64_t> out;
  v1::ChangeEvent e;
  while (out.size() < n && reader->Read(&e)) out.push_back(e.sequence());
  context.TryCancel();
  (void)reader->Finish();
  return out;
}

TEST(FeedTest, ResumingFromTheLastSequenceLeavesNoGap) {
  TestServer server;
  std::string id = Resolve(server.stub(), WithEmail("1", "a@mail.fr"));
  uint64_t last = 0;
  for (int i = 0; i < 40; ++i) last = Interact(server.stub(), id);
  ASSERT_EQ(last, 41u);  // One CREATED event, then 40 interactions.

  std::vector<uint64_t> first = ReadChanges(server.stub(), 1, 15);
  ASSERT_EQ(first.size(), 15u);
  std::vector<uint64_t> rest =
      ReadChanges(server.stub(), first.back() + 1, last - first.back());
  std::vector<uint64_t> all = first;
  all.insert(all.end(), rest.begin(), rest.end());
  ASSERT_EQ(all.size(), last);
  for (size_t i = 0; i < all.size(); ++i) EXPECT_EQ(all[i], i + 1);
}

TEST(FeedTest, NewEventsArriveOnAnOpenStream) {
  TestServer server;
  std::string id = Resolve(server.stub(), WithEmail("1", "a@mail.fr"));
  grpc::ClientContext context;
  auto reader = server.stub()->WatchChanges(&context, v1::WatchChangesRequest());
  // from_sequence 0: only what commits after the stream opened, which the
  // initial metadata marks.
  reader->WaitForInitialMetadata();
  uint64_t seq = Interact(server.stub(), id);
  v1::ChangeEvent e;
  ASSERT_TRUE(reader->Read(&e));
  EXPECT_EQ(e.sequence(), seq);
  EXPECT_EQ(e.type(), v1::CHANGE_TYPE_INTERACTION_ADDED);
  context.TryCancel();
  (void)reader->Finish();
}

TEST(FeedTest, WatchProfileFollowsTheProfileIntoItsSurvivor) {
  TestServer server;
  std::string a = Resolve(server.stub(), WithEmail("1", "a@mail.fr"));
  std::string b = Resolve(server.stub(), WithEmail("2", "b@mail.fr"));
  v1::Record bridge = WithEmail("3", "a@mail.fr");
  *bridge.add_identifiers() = WithEmail("x", "b@mail.fr").identifiers(0);
  Resolve(server.stub(), bridge);
  uint64_t after_merge = Interact(server.stub(), a);

  grpc::ClientContext context;
  v1::WatchProfileRequest request;
  request.set_profile_id(b);
  request.set_from_sequence(1);
  auto reader = server.stub()->WatchProfile(&context, request);
  std::vector<v1::ChangeEvent> events;
  v1::ChangeEvent e;
  while (reader->Read(&e)) {
    events.push_back(e);
    if (e.sequence() == after_merge) break;
  }
  context.TryCancel();
  (void)reader->Finish();
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[0].type(), v1::CHANGE_TYPE_CREATED);
  EXPECT_EQ(events[0].profile_id(), b);
  EXPECT_EQ(events[1].type(), v1::CHANGE_TYPE_MERGED);
  EXPECT_EQ(events[1].profile_id(), a);
  EXPECT_EQ(events[2].type(), v1::CHANGE_TYPE_INTERACTION_ADDED);
}

TEST(FeedTest, StalledConsumerIsCutOffAndResumesWithoutGap) {
  ServerOptions options;
  options.slow_consumer.max_lag = 50;
  TestServer server(options);
  // A client with a tiny flow-control window, so the server's writes stall
  // as soon as it stops reading.
  grpc::ChannelArguments args;
  args.SetInt(GRPC_ARG_HTTP2_BDP_PROBE, 0);
  args.SetInt(GRPC_ARG_HTTP2_STREAM_LOOKAHEAD_BYTES, 1024);
  auto slow_stub = v1::Identity::NewStub(grpc::CreateCustomChannel(
      server.address(), grpc::InsecureChannelCredentials(), args));
  grpc::ClientContext context;
  v1::WatchChangesRequest request;
  request.set_from_sequence(1);
  auto reader = slow_stub->WatchChanges(&context, request);

  // Writers are not held up by the consumer that does not read.
  std::string id = Resolve(server.stub(), WithEmail("1", "a@mail.fr"));
  uint64_t last = 0;
  for (int i = 0; i < 2000; ++i) last = Interact(server.stub(), id);
  ASSERT_EQ(last, 2001u);

  std::set<uint64_t> seen;
  v1::ChangeEvent e;
  while (reader->Read(&e)) seen.insert(e.sequence());
  grpc::Status status = reader->Finish();
  ASSERT_EQ(status.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED)
      << status.error_message();
  std::string message = status.error_message();
  size_t at = message.find("from_sequence=");
  ASSERT_NE(at, std::string::npos) << message;
  uint64_t resume = 0;
  ASSERT_TRUE(absl::SimpleAtoi(message.substr(at + 14), &resume)) << message;
  ASSERT_LT(resume, last);

  for (uint64_t s : ReadChanges(server.stub(), resume, last - resume + 1)) {
    seen.insert(s);
  }
  ASSERT_EQ(seen.size(), last);
  EXPECT_EQ(*seen.begin(), 1u);
  EXPECT_EQ(*seen.rbegin(), last);
}

}  // namespace
}  // namespace idres
