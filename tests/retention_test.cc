// Retention: the server's background sweep removes interactions past their
// age and rebuilds the context from the others; old change events leave
// the head of the feed; CheckRetention (idres verify) finds nothing older.
#include <memory>
#include <string>

#include "absl/time/clock.h"
#include "context/retention.h"
#include "graph/clock.h"
#include "grpcpp/client_context.h"
#include "gtest/gtest.h"
#include "tests/test_support.h"

namespace idres {
namespace {

constexpr absl::Duration kTwoYears = absl::Hours(24 * 730);

ServerOptions WithRetention() {
  ServerOptions options;
  options.retention.interactions = kTwoYears;
  options.retention_sweep_interval = absl::Milliseconds(20);
  return options;
}

TEST(RetentionTest, SweepRemovesInteractionsPastTheirAge) {
  TestServer server(WithRetention());
  {
    grpc::ClientContext context;
    v1::ResolveRequest request;
    *request.mutable_record() =
        MakeRecord("crm", "c-1", {{"email", "lea@mail.fr"}}, "Léa", "Roux");
    v1::ResolveResponse out;
    ASSERT_TRUE(server.stub()->Resolve(&context, request, &out).ok());
  }
  auto interact = [&](absl::Duration age, const std::string& fact,
                      const std::string& case_id) {
    grpc::ClientContext context;
    v1::RecordInteractionRequest request;
    request.mutable_target()->mutable_identifier()->set_type("email");
    request.mutable_target()->mutable_identifier()->set_value("lea@mail.fr");
    v1::Interaction* i = request.mutable_interaction();
    i->set_channel("chat");
    i->set_summary("about " + fact);
    i->set_case_id(case_id);
    i->set_case_status(v1::CASE_STATUS_OPEN);
    (*i->mutable_facts())[fact] = "yes";
    *i->mutable_at() = ToTimestamp(absl::Now() - age);
    v1::RecordInteractionResponse out;
    grpc::Status s = server.stub()->RecordInteraction(&context, request, &out);
    ASSERT_TRUE(s.ok()) << s.error_message();
  };
  interact(kTwoYears + absl::Hours(24 * 30), "old_fact", "case-old");
  interact(absl::Hours(24 * 10), "new_fact", "case-new");

  // The sweep runs every 20 ms: wait (bounded) until it has run.
  v1::GetContextResponse got;
  const absl::Time deadline = absl::Now() + absl::Seconds(20);
  do {
    grpc::ClientContext context;
    v1::GetContextRequest request;
    request.mutable_target()->mutable_identifier()->set_type("email");
    request.mutable_target()->mutable_identifier()->set_value("lea@mail.fr");
    ASSERT_TRUE(server.stub()->GetContext(&context, request, &got).ok());
    if (got.context().recent_interactions_size() == 1) break;
    absl::SleepFor(absl::Milliseconds(20));
  } while (absl::Now() < deadline);
  ASSERT_EQ(got.context().recent_interactions_size(), 1);
  EXPECT_EQ(got.context().recent_interactions(0).summary(), "about new_fact");
  ASSERT_EQ(got.context().facts_size(), 1);
  EXPECT_EQ(got.context().facts(0).key(), "new_fact");
  ASSERT_EQ(got.context().cases_size(), 1);
  EXPECT_EQ(got.context().cases(0).case_id(), "case-new");

  server.Stop();
  StoreOptions read_only;
  read_only.read_only = true;
  absl::StatusOr<std::unique_ptr<ProfileStore>> store =
      OpenRocksDbProfileStore(server.dir() + "/db", read_only);
  ASSERT_TRUE(store.ok()) << store.status();
  std::unique_ptr<StoreView> view = (*store)->NewSnapshot();
  absl::StatusOr<RetentionCounts> left =
      CheckRetention(view.get(), WithRetention().retention, absl::Now(),
                     absl::ZeroDuration());
  ASSERT_TRUE(left.ok()) << left.status();
  EXPECT_EQ(left->interactions, 0u);
  // The sweep wrote its event through the normal path.
  absl::StatusOr<std::vector<v1::ChangeEvent>> events =
      view->ReadEvents(0, 100);
  ASSERT_TRUE(events.ok());
  bool expired = false;
  for (const v1::ChangeEvent& e : *events) {
    expired |= e.type() == v1::CHANGE_TYPE_INTERACTIONS_EXPIRED;
  }
  EXPECT_TRUE(expired);
}

TEST(RetentionTest, SweepRemovesOldEventsFromTheHeadOfTheFeed) {
  TempStore temp;
  const absl::Time now = absl::Now();
  {
    std::unique_ptr<StoreTxn> txn = temp.store()->BeginTxn();
    for (int i = 1; i <= 5; ++i) {
      v1::ChangeEvent e;
      e.set_sequence(i);
      e.set_type(v1::CHANGE_TYPE_UPDATED);
      e.set_profile_id("p-1");
      // Events 1..3 are 100 days old, 4 and 5 a day old.
      *e.mutable_at() =
          ToTimestamp(now - absl::Hours(24 * (i <= 3 ? 100 : 1)));
      txn->PutEvent(e);
    }
    ASSERT_TRUE(txn->Commit().ok());
  }
  RetentionPolicy policy;
  policy.events = absl::Hours(24 * 90);
  absl::StatusOr<RetentionCounts> before =
      CheckRetention(temp.store(), policy, now, absl::ZeroDuration());
  ASSERT_TRUE(before.ok());
  EXPECT_EQ(before->events, 3u);
  absl::StatusOr<RetentionCounts> swept =
      SweepRetention(temp.store(), policy, now);
  ASSERT_TRUE(swept.ok()) << swept.status();
  EXPECT_EQ(swept->events, 3u);
  absl::StatusOr<std::vector<v1::ChangeEvent>> left =
      temp.store()->ReadEvents(0, 10);
  ASSERT_TRUE(left.ok());
  ASSERT_EQ(left->size(), 2u);
  EXPECT_EQ((*left)[0].sequence(), 4u);
  absl::StatusOr<RetentionCounts> after =
      CheckRetention(temp.store(), policy, now, absl::ZeroDuration());
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->events, 0u);
}

}  // namespace
}  // namespace idres
