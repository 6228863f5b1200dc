// Merge governance through a real gRPC server: manual merge and split,
// constraints that later records respect, deletion of a bridge record,
// re-evaluation of updated records, explain, audit, persistence across a
// restart, and bad input.
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "grpcpp/client_context.h"
#include "grpcpp/create_channel.h"
#include "gtest/gtest.h"
#include "idres/v1/governance.grpc.pb.h"
#include "graph/consistency.h"
#include "tests/test_support.h"

namespace idres {
namespace {

// A record of `given` Martin, born 1990-05-12 at the same address as her
// twin, with the given e-mails.
v1::Record Twin(absl::string_view source, absl::string_view id,
                absl::string_view given, std::vector<std::string> emails) {
  v1::Record r;
  r.set_source(std::string(source));
  r.set_source_id(std::string(id));
  r.mutable_name()->set_given(std::string(given));
  r.mutable_name()->set_family("Martin");
  r.set_birth_date("1990-05-12");
  r.mutable_address()->set_line1("4 rue des Lilas");
  r.mutable_address()->set_postal_code("69003");
  r.mutable_address()->set_city("Lyon");
  for (const std::string& e : emails) {
    v1::Identifier* i = r.add_identifiers();
    i->set_type("email");
    i->set_value(e);
  }
  return r;
}

// A record with e-mails only: links on them alone, never conflicts.
v1::Record Emails(absl::string_view id, std::vector<std::string> emails) {
  v1::Record r;
  r.set_source("web");
  r.set_source_id(std::string(id));
  for (const std::string& e : emails) {
    v1::Identifier* i = r.add_identifiers();
    i->set_type("email");
    i->set_value(e);
  }
  return r;
}

class GovernanceTest : public testing::Test {
 protected:
  std::unique_ptr<v1::Governance::Stub> Gov() {
    return v1::Governance::NewStub(grpc::CreateChannel(
        server_.address(), grpc::InsecureChannelCredentials()));
  }

  v1::ResolveResponse Resolve(v1::Record r) {
    grpc::ClientContext context;
    v1::ResolveRequest request;
    *request.mutable_record() = std::move(r);
    v1::ResolveResponse out;
    grpc::Status s = server_.stub()->Resolve(&context, request, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return out;
  }

  grpc::Status Get(absl::string_view id, v1::GetProfileResponse* out) {
    grpc::ClientContext context;
    v1::GetProfileRequest request;
    request.set_profile_id(std::string(id));
    return server_.stub()->GetProfile(&context, request, out);
  }

  grpc::Status Merge(std::vector<std::string> ids,
                     v1::MergeProfilesResponse* out,
                     absl::string_view reason = "same person") {
    grpc::ClientContext context;
    v1::MergeProfilesRequest request;
    for (std::string& id : ids) request.add_profile_ids(std::move(id));
    request.set_actor("agent-7");
    request.set_reason(std::string(reason));
    return Gov()->MergeProfiles(&context, request, out);
  }

  grpc::Status Split(absl::string_view id, std::vector<v1::RecordRef> records,
                     v1::SplitProfileResponse* out) {
    grpc::ClientContext context;
    v1::SplitProfileRequest request;
    request.set_profile_id(std::string(id));
    for (v1::RecordRef& r : records) *request.add_records() = std::move(r);
    request.set_actor("agent-9");
    request.set_reason("twins, merged by mistake");
    return Gov()->SplitProfile(&context, request, out);
  }

  grpc::Status Delete(const v1::RecordRef& ref, v1::DeleteRecordResponse* out) {
    grpc::ClientContext context;
    v1::DeleteRecordRequest request;
    *request.mutable_record() = ref;
    request.set_reason("customer asked");
    return Gov()->DeleteRecord(&context, request, out);
  }

  v1::ListAuditResponse Audit(absl::string_view id) {
    grpc::ClientContext context;
    v1::ListAuditRequest request;
    request.set_profile_id(std::string(id));
    v1::ListAuditResponse out;
    grpc::Status s = Gov()->ListAudit(&context, request, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return out;
  }

  v1::ExplainPairResponse Pair(const v1::RecordRef& a, const v1::RecordRef& b) {
    grpc::ClientContext context;
    v1::ExplainPairRequest request;
    *request.mutable_a() = a;
    *request.mutable_b() = b;
    v1::ExplainPairResponse out;
    grpc::Status s = Gov()->ExplainPair(&context, request, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return out;
  }

  std::string ProfileOf(absl::string_view id) {
    v1::GetProfileResponse got;
    grpc::Status s = Get(id, &got);
    return s.ok() ? got.profile().profile_id() : "";
  }

  // Stops the server and checks the store offline, as `idres verify`.
  void ExpectConsistentStore() {
    server_.Stop();
    absl::StatusOr<std::unique_ptr<ProfileStore>> store =
        OpenRocksDbProfileStore(server_.dir() + "/db");
    ASSERT_TRUE(store.ok()) << store.status();
    absl::StatusOr<ConsistencyReport> report = CheckConsistency(store->get());
    ASSERT_TRUE(report.ok()) << report.status();
    for (const std::string& p : report->problems) ADD_FAILURE() << p;
  }

  // Two twins in p-1 and p-2 (their given names conflict).
  void ResolveTwins() {
    EXPECT_EQ(
        Resolve(Twin("crm", "1", "Léa", {"lea.martin@x.fr"})).profile_id(),
        "p-1");
    EXPECT_EQ(
        Resolve(Twin("crm", "2", "Zoé", {"zoe.martin@x.fr"})).profile_id(),
        "p-2");
  }

  TestServer server_;
};

TEST_F(GovernanceTest, TwinsMergedByMistakeThenSplitStayApart) {
  ResolveTwins();
  v1::MergeProfilesResponse merged;
  ASSERT_TRUE(Merge({"p-2", "p-1"}, &merged).ok());
  EXPECT_EQ(merged.profile_id(), "p-1");
  ASSERT_EQ(merged.absorbed_profile_ids_size(), 1);
  EXPECT_EQ(merged.constraints_added(), 1u);
  EXPECT_EQ(ProfileOf("p-2"), "p-1");

  v1::SplitProfileResponse split;
  ASSERT_TRUE(Split("p-1", {Ref("crm", "2")}, &split).ok());
  EXPECT_EQ(split.profile_id(), "p-1");
  EXPECT_EQ(split.new_profile_id(), "p-3");    // Ids are never reused.
  EXPECT_EQ(split.constraints_removed(), 1u);  // The merge's must-link.
  ASSERT_EQ(split.moved_redirects_size(), 1);
  EXPECT_EQ(ProfileOf("p-2"), "p-3");  // Zoé's old id follows her.

  // A new record of Zoé lands in her profile, not in a re-merged one.
  EXPECT_EQ(Resolve(Twin("shop", "9", "Zoé", {"zoe.martin@x.fr"})).profile_id(),
            "p-3");
  v1::GetProfileResponse lea;
  ASSERT_TRUE(Get("p-1", &lea).ok());
  EXPECT_EQ(lea.profile().records_size(), 1);

  v1::ExplainPairResponse why = Pair(Ref("crm", "1"), Ref("crm", "2"));
  EXPECT_FALSE(why.same_profile());
  EXPECT_EQ(why.constraint().kind(), v1::CONSTRAINT_KIND_CANNOT_LINK);
  EXPECT_NE(why.verdict().find("cannot-link set by agent-9"), std::string::npos)
      << why.verdict();

  v1::ListAuditResponse audit = Audit("p-1");
  ASSERT_EQ(audit.entries_size(), 2);
  EXPECT_EQ(audit.entries(0).action(), v1::AUDIT_ACTION_MANUAL_MERGE);
  EXPECT_EQ(audit.entries(0).actor(), "agent-7");
  EXPECT_EQ(audit.entries(1).action(), v1::AUDIT_ACTION_MANUAL_SPLIT);
  EXPECT_EQ(audit.entries(1).reason(), "twins, merged by mistake");
  // The audit holds ids and keys only, never names or e-mails.
  EXPECT_EQ(audit.DebugString().find("martin"), std::string::npos);
  EXPECT_EQ(Audit("p-2").entries_size(), 2);  // Followed through p-1.
  ExpectConsistentStore();
}

TEST_F(GovernanceTest, CannotLinkKeepsABridgingRecordFromRemerging) {
  Resolve(Emails("a", {"a@x.fr"}));
  Resolve(Emails("b", {"b@x.fr"}));
  EXPECT_EQ(Resolve(Emails("c", {"a@x.fr", "b@x.fr"})).outcome(),
            v1::OUTCOME_MERGED);
  v1::SplitProfileResponse split;
  ASSERT_TRUE(Split("p-1", {Ref("web", "b")}, &split).ok());
  EXPECT_EQ(split.constraints_added(), 2u);  // b with a, b with c.

  server_.Restart();  // Constraints are durable.
  v1::ResolveResponse d = Resolve(Emails("d", {"a@x.fr", "b@x.fr"}));
  EXPECT_NE(d.outcome(), v1::OUTCOME_MERGED);
  EXPECT_EQ(ProfileOf(split.new_profile_id()), split.new_profile_id());
  v1::GetProfileResponse b;
  ASSERT_TRUE(Get(split.new_profile_id(), &b).ok());
  EXPECT_EQ(b.profile().records_size(), 1);
  EXPECT_EQ(Pair(Ref("web", "a"), Ref("web", "b")).verdict().substr(0, 5),
            "apart");
  ExpectConsistentStore();
}

TEST_F(GovernanceTest, DeletingTheBridgeSplitsAndInteractionsFollow) {
  Resolve(Emails("a", {"a@x.fr"}));
  Resolve(Emails("b", {"b@x.fr"}));
  Resolve(Emails("c", {"a@x.fr", "b@x.fr"}));
  grpc::ClientContext context;
  v1::RecordInteractionRequest chat;
  chat.mutable_target()->mutable_identifier()->set_type("email");
  chat.mutable_target()->mutable_identifier()->set_value("b@x.fr");
  chat.mutable_interaction()->set_channel("chat");
  chat.mutable_interaction()->set_summary("asked about a parcel");
  v1::RecordInteractionResponse receipt;
  ASSERT_TRUE(server_.stub()->RecordInteraction(&context, chat, &receipt).ok());

  v1::DeleteRecordResponse deleted;
  ASSERT_TRUE(Delete(Ref("web", "c"), &deleted).ok());
  EXPECT_EQ(deleted.profile_id(), "p-1");
  ASSERT_EQ(deleted.profile_ids_after_size(), 2);
  EXPECT_EQ(deleted.profile_ids_after(0), "p-1");  // Holds the oldest record.
  EXPECT_EQ(deleted.profile_ids_after(1), "p-3");

  grpc::ClientContext context2;
  v1::GetContextRequest ask;
  ask.mutable_target()->set_profile_id("p-3");
  v1::GetContextResponse ctx;
  ASSERT_TRUE(server_.stub()->GetContext(&context2, ask, &ctx).ok());
  ASSERT_EQ(ctx.context().recent_interactions_size(), 1);
  EXPECT_EQ(ctx.context().recent_interactions(0).interaction_id(),
            receipt.interaction_id());

  v1::ListAuditResponse audit = Audit("p-3");
  ASSERT_FALSE(audit.entries().empty());
  EXPECT_EQ(audit.entries().rbegin()->action(), v1::AUDIT_ACTION_DELETE_RECORD);
  ExpectConsistentStore();
}

TEST_F(GovernanceTest, DeletingTheLastRecordDeletesTheProfile) {
  Resolve(Emails("a", {"a@x.fr"}));
  v1::DeleteRecordResponse deleted;
  ASSERT_TRUE(Delete(Ref("web", "a"), &deleted).ok());
  EXPECT_TRUE(deleted.profile_deleted());
  v1::GetProfileResponse got;
  EXPECT_EQ(Get("p-1", &got).error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(Audit("p-1").entries_size(), 1);
  // The key can come back; it gets a new id.
  EXPECT_EQ(Resolve(Emails("a", {"a@x.fr"})).profile_id(), "p-2");
  ExpectConsistentStore();
}

TEST_F(GovernanceTest, UpdatedBridgeRecordSplitsItsProfile) {
  Resolve(Emails("a", {"a@x.fr"}));
  Resolve(Emails("b", {"b@x.fr"}));
  Resolve(Emails("c", {"a@x.fr", "b@x.fr"}));
  v1::ResolveResponse updated = Resolve(Emails("c", {"a@x.fr"}));
  EXPECT_EQ(updated.profile_id(), "p-1");
  ASSERT_EQ(updated.split_profile_ids_size(), 1);
  EXPECT_EQ(ProfileOf(updated.split_profile_ids(0)),
            updated.split_profile_ids(0));
  v1::ListAuditResponse audit = Audit("p-1");
  ASSERT_EQ(audit.entries_size(), 2);
  EXPECT_EQ(audit.entries(0).action(), v1::AUDIT_ACTION_AUTO_MERGE);
  EXPECT_EQ(audit.entries(1).action(), v1::AUDIT_ACTION_AUTO_SPLIT);
  ExpectConsistentStore();
}

TEST_F(GovernanceTest, ManualMergeSurvivesReEvaluation) {
  ResolveTwins();
  v1::MergeProfilesResponse merged;
  ASSERT_TRUE(Merge({"p-1", "p-2"}, &merged).ok());
  grpc::ClientContext context;
  v1::ExplainProfileRequest request;
  request.set_profile_id("p-2");
  v1::ExplainProfileResponse why;
  ASSERT_TRUE(Gov()->ExplainProfile(&context, request, &why).ok());
  EXPECT_TRUE(why.redirected());
  ASSERT_EQ(why.records_size(), 2);
  EXPECT_EQ(why.records(1).link().rule(), "manual_merge");
  EXPECT_TRUE(why.records(1).current_conflict());
  ASSERT_EQ(why.records(1).constraints_size(), 1);
  EXPECT_EQ(why.records(1).constraints(0).kind(),
            v1::CONSTRAINT_KIND_MUST_LINK);
  EXPECT_FALSE(why.profile().golden().provenance().empty());

  // Re-sending a changed record re-evaluates the profile; the must-link
  // holds the conflicting names together.
  v1::ResolveResponse r =
      Resolve(Twin("crm", "2", "Zoé", {"zoe.martin@x.fr", "zm@x.fr"}));
  EXPECT_EQ(r.profile_id(), "p-1");
  EXPECT_EQ(r.split_profile_ids_size(), 0);

  // Removing the constraint lets the next change re-evaluate freely.
  grpc::ClientContext context2;
  v1::RemoveConstraintRequest remove;
  *remove.mutable_a() = Ref("crm", "1");
  *remove.mutable_b() = Ref("crm", "2");
  remove.set_reason("they are twins after all");
  v1::RemoveConstraintResponse removed;
  ASSERT_TRUE(Gov()->RemoveConstraint(&context2, remove, &removed).ok());
  r = Resolve(Twin("crm", "2", "Zoé", {"zoe.martin@x.fr"}));
  ASSERT_EQ(r.split_profile_ids_size(), 1);
  EXPECT_EQ(r.profile_id(), r.split_profile_ids(0));
  ExpectConsistentStore();
}

TEST_F(GovernanceTest, BadRequestsFailClearlyAndWriteNothing) {
  ResolveTwins();
  v1::MergeProfilesResponse merged;
  grpc::Status s = Merge({"p-1", "p-1"}, &merged);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(s.error_message().find("merged with itself"), std::string::npos);
  EXPECT_EQ(Merge({"p-1"}, &merged).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Merge({"p-1", "p-99"}, &merged).error_code(),
            grpc::StatusCode::NOT_FOUND);
  s = Merge({"p-1", "p-2"}, &merged, "");
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(s.error_message().find("reason"), std::string::npos);

  v1::SplitProfileResponse split;
  s = Split("p-1", {Ref("crm", "1")}, &split);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(s.error_message().find("every record"), std::string::npos);
  EXPECT_EQ(Split("p-1", {Ref("crm", "2")}, &split).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Split("p-42", {Ref("crm", "2")}, &split).error_code(),
            grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(Split("p-1", {Ref("crm", "nope")}, &split).error_code(),
            grpc::StatusCode::NOT_FOUND);
  s = Split("p-1", {Ref("c rm", "1")}, &split);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(s.error_message().find("records[0].source"), std::string::npos);

  v1::DeleteRecordResponse deleted;
  EXPECT_EQ(Delete(Ref("crm", "nope"), &deleted).error_code(),
            grpc::StatusCode::NOT_FOUND);
  grpc::ClientContext context;
  v1::ExplainPairRequest same;
  *same.mutable_a() = Ref("crm", "1");
  *same.mutable_b() = Ref("crm", "1");
  v1::ExplainPairResponse why;
  EXPECT_EQ(Gov()->ExplainPair(&context, same, &why).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);

  // Nothing was written: no audit entry, profiles untouched.
  EXPECT_TRUE(Audit("p-1").entries().empty());
  EXPECT_TRUE(Audit("p-2").entries().empty());
  v1::GetProfileResponse p1;
  ASSERT_TRUE(Get("p-1", &p1).ok());
  EXPECT_EQ(p1.profile().version(), 1u);
  ExpectConsistentStore();
}

}  // namespace
}  // namespace idres
