// The brand rule on every RPC that reads or acts on a profile, through a
// real TLS server with tokens: a customer known to brands A and B, and a
// customer known to A only. Before share_across_brands, B finds nothing of
// A's records (not by identifier, not by search, not in an export, an
// explanation or the review queue), and cannot act on them; after it, B
// sees everything. Group-wide RPCs refuse a brand's token.
#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "grpcpp/client_context.h"
#include "gtest/gtest.h"
#include "idres/v1/governance.grpc.pb.h"
#include "idres/v1/identity.grpc.pb.h"
#include "tests/test_support.h"

namespace idres {
namespace {

using Strings = std::vector<std::string>;

v1::Identifier Id(const std::string& type, const std::string& value) {
  v1::Identifier id;
  id.set_type(type);
  id.set_value(value);
  return id;
}

class BrandReadsTest : public testing::Test {
 protected:
  void SetUp() override {
    std::string batch_a = server_.AddCaller("batch-a", "batch", "brand-a");
    batch_b_ = Identity(server_.AddCaller("batch-b", "batch", "brand-b"));
    agent_a_ = Identity(server_.AddCaller("agent-a", "agent", "brand-a"));
    std::string agent_b = server_.AddCaller("agent-b", "agent", "brand-b");
    agent_b_ = Identity(agent_b);
    agent_b_gov_ = v1::Governance::NewStub(server_.Channel(agent_b));
    admin_b_gov_ = v1::Governance::NewStub(
        server_.Channel(server_.AddCaller("admin-b", "admin", "brand-b")));
    auditor_b_ = Identity(server_.AddCaller("audit-b", "auditor", "brand-b"));
    auditor_b_gov_ = v1::Governance::NewStub(
        server_.Channel(server_.AddCaller("audit-b2", "auditor", "brand-b")));
    group_ = Identity(server_.AddCaller("group", "admin"));
    auto a = Identity(batch_a);
    // The shared customer: A knows her name, phone and birth date (A's
    // record is the most complete, so the group's golden name is A's).
    v1::Record ra = MakeRecord("shop-a", "1",
                               {{"email", "marie.curie@orange.fr"},
                                {"phone", "+33 6 11 22 33 44"}},
                               "Marie", "Curie");
    ra.set_birth_date("1967-11-07");
    ra.mutable_address()->set_city("Paris");
    shared_ = Resolve(a.get(), ra);
    v1::Record rb = MakeRecord("shop-b", "9",
                               {{"email", "marie.curie@orange.fr"},
                                {"customer_id", "B-77"}},
                               "Marie", "Curie");
    ASSERT_EQ(Resolve(batch_b_.get(), rb), shared_);
    // A customer of brand A only.
    only_a_ = Resolve(a.get(), MakeRecord("shop-a", "2",
                                          {{"email", "jules.verne@free.fr"}},
                                          "Jules", "Verne"));
    ASSERT_NE(only_a_, shared_);
  }

  std::unique_ptr<v1::Identity::Stub> Identity(const std::string& token) {
    return v1::Identity::NewStub(server_.Channel(token));
  }

  std::string Resolve(v1::Identity::Stub* stub, const v1::Record& record) {
    grpc::ClientContext context;
    v1::ResolveRequest request;
    *request.mutable_record() = record;
    v1::ResolveResponse response;
    grpc::Status s = stub->Resolve(&context, request, &response);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return response.profile_id();
  }

  void Consent(bool granted) {
    grpc::ClientContext context;
    v1::SetConsentRequest request;
    request.mutable_target()->set_profile_id(shared_);
    request.mutable_consent()->set_purpose("share_across_brands");
    request.mutable_consent()->set_granted(granted);
    v1::SetConsentResponse response;
    grpc::Status s = agent_b_->SetConsent(&context, request, &response);
    ASSERT_TRUE(s.ok()) << s.error_message();
  }

  grpc::Status GetContext(v1::Identity::Stub* stub,
                          const v1::ProfileTarget& target,
                          v1::GetContextResponse* response) {
    grpc::ClientContext context;
    v1::GetContextRequest request;
    *request.mutable_target() = target;
    return stub->GetContext(&context, request, response);
  }

  grpc::Status GetProfile(v1::Identity::Stub* stub,
                          const v1::GetProfileRequest& request,
                          v1::GetProfileResponse* response) {
    grpc::ClientContext context;
    return stub->GetProfile(&context, request, response);
  }

  // The profile ids a search for `request` finds through `stub`.
  Strings Search(v1::Identity::Stub* stub,
                 const v1::SearchProfilesRequest& request) {
    grpc::ClientContext context;
    v1::SearchProfilesResponse response;
    grpc::Status s = stub->SearchProfiles(&context, request, &response);
    EXPECT_TRUE(s.ok()) << s.error_message();
    Strings ids;
    for (const v1::SearchHit& h : response.hits()) {
      ids.push_back(h.profile_id());
    }
    return ids;
  }

  // The "source:id" of every record `stub` exports, sorted.
  Strings Export(v1::Identity::Stub* stub) {
    grpc::ClientContext context;
    auto reader = stub->ExportRecords(&context, v1::ExportRecordsRequest());
    v1::ExportRecordsResponse batch;
    Strings out;
    while (reader->Read(&batch)) {
      for (const v1::RecordAssignment& a : batch.records()) {
        out.push_back(a.source() + ":" + a.source_id());
      }
    }
    grpc::Status s = reader->Finish();
    EXPECT_TRUE(s.ok()) << s.error_message();
    std::sort(out.begin(), out.end());
    return out;
  }

  static v1::ProfileTarget ById(const std::string& id) {
    v1::ProfileTarget t;
    t.set_profile_id(id);
    return t;
  }
  static v1::ProfileTarget ByIdentifier(const v1::Identifier& id) {
    v1::ProfileTarget t;
    *t.mutable_identifier() = id;
    return t;
  }

  SecureTestServer server_;
  std::unique_ptr<v1::Identity::Stub> batch_b_, agent_a_, agent_b_,
      auditor_b_, group_;
  std::unique_ptr<v1::Governance::Stub> agent_b_gov_, admin_b_gov_,
      auditor_b_gov_;
  std::string shared_, only_a_;
};

TEST_F(BrandReadsTest, AnotherBrandsIdentifierLeadsNowhereUntilConsent) {
  v1::GetContextResponse r;
  grpc::Status s =
      GetContext(agent_b_.get(), ByIdentifier(Id("phone", "+33611223344")), &r);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(s.error_message(), "identifier phone:+33611223344: unknown");
  // B's own identifier leads to the same profile.
  r.Clear();
  ASSERT_TRUE(
      GetContext(agent_b_.get(), ByIdentifier(Id("customer_id", "B-77")), &r)
          .ok());
  EXPECT_EQ(r.context().profile_id(), shared_);

  Consent(true);
  r.Clear();
  s = GetContext(agent_b_.get(), ByIdentifier(Id("phone", "+33611223344")),
                 &r);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(r.context().profile_id(), shared_);
}

TEST_F(BrandReadsTest, AProfileOfAnotherBrandOnlyIsUnknown) {
  v1::GetContextResponse r;
  grpc::Status s = GetContext(agent_b_.get(), ById(only_a_), &r);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(s.error_message(), "profile " + only_a_ + ": unknown");
  v1::GetProfileRequest request;
  request.set_profile_id(only_a_);
  v1::GetProfileResponse p;
  s = GetProfile(agent_b_.get(), request, &p);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(s.error_message(), "profile " + only_a_ + ": unknown");
  // Brand A reads it.
  ASSERT_TRUE(GetProfile(agent_a_.get(), request, &p).ok());
  EXPECT_EQ(p.profile().profile_id(), only_a_);
}

TEST_F(BrandReadsTest, GoldenViewIsChosenAgainAmongTheBrandsRecords) {
  v1::GetContextResponse r;
  ASSERT_TRUE(GetContext(group_.get(), ById(shared_), &r).ok());
  // The group sees A's birth date and city.
  EXPECT_EQ(r.context().golden().birth_date(), "1967-11-07");
  r.Clear();
  ASSERT_TRUE(GetContext(agent_b_.get(), ById(shared_), &r).ok());
  const v1::GoldenView& g = r.context().golden();
  EXPECT_EQ(g.name().family(), "Curie");  // From B's own record.
  EXPECT_EQ(g.birth_date(), "");          // Only A knows it.
  EXPECT_EQ(g.address().city(), "");
  ASSERT_GT(g.provenance_size(), 0);
  for (const v1::FieldProvenance& p : g.provenance()) {
    EXPECT_EQ(p.record().source(), "shop-b") << p.field();
  }
  EXPECT_EQ(Strings(g.phones().begin(), g.phones().end()), Strings());
}

TEST_F(BrandReadsTest, GetProfileShowsOnlyTheBrandsRecords) {
  v1::GetProfileRequest request;
  request.set_profile_id(shared_);
  request.set_include_records(true);
  v1::GetProfileResponse p;
  ASSERT_TRUE(GetProfile(agent_b_.get(), request, &p).ok());
  ASSERT_EQ(p.profile().records_size(), 1);
  EXPECT_EQ(p.profile().records(0).source(), "shop-b");
  ASSERT_EQ(p.records_size(), 1);
  EXPECT_EQ(p.records(0).record().source(), "shop-b");
  // B's record joined through A's: the link does not name it.
  EXPECT_FALSE(p.records(0).link().has_matched_record());
  EXPECT_EQ(p.records(0).link().comparisons_size(), 0);
  for (const v1::ProfileIdentifier& id : p.profile().identifiers()) {
    EXPECT_EQ(id.brand(), "brand-b") << id.type() << " " << id.value();
  }
  v1::GetProfileRequest by_phone;
  *by_phone.mutable_identifier() = Id("phone", "+33611223344");
  grpc::Status s = GetProfile(agent_b_.get(), by_phone, &p);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);

  Consent(true);
  p.Clear();
  ASSERT_TRUE(GetProfile(agent_b_.get(), request, &p).ok());
  EXPECT_EQ(p.profile().records_size(), 2);
  ASSERT_EQ(p.records_size(), 2);
  for (const v1::RecordView& r : p.records()) {
    if (r.record().source() != "shop-b") continue;
    EXPECT_EQ(r.link().matched_record().source(), "shop-a");
  }
}

TEST_F(BrandReadsTest, SearchFindsOnlyWhatTheBrandSees) {
  v1::SearchProfilesRequest by_phone;
  by_phone.set_phone("0611223344");
  EXPECT_EQ(Search(agent_a_.get(), by_phone), Strings({shared_}));
  EXPECT_EQ(Search(agent_b_.get(), by_phone), Strings());
  v1::SearchProfilesRequest by_name;
  by_name.set_name("Jules Verne");
  EXPECT_EQ(Search(agent_a_.get(), by_name), Strings({only_a_}));
  EXPECT_EQ(Search(agent_b_.get(), by_name), Strings());
  v1::SearchProfilesRequest shared_name;
  shared_name.set_name("Marie Curie");
  EXPECT_EQ(Search(agent_b_.get(), shared_name), Strings({shared_}));

  Consent(true);
  EXPECT_EQ(Search(agent_b_.get(), by_phone), Strings({shared_}));
  EXPECT_EQ(Search(agent_b_.get(), by_name), Strings());
}

TEST_F(BrandReadsTest, ExportHoldsTheBrandsRecords) {
  EXPECT_EQ(Export(batch_b_.get()), Strings({"shop-b:9"}));
  EXPECT_EQ(Export(group_.get()),
            Strings({"shop-a:1", "shop-a:2", "shop-b:9"}));
  Consent(true);
  EXPECT_EQ(Export(batch_b_.get()), Strings({"shop-a:1", "shop-b:9"}));
}

TEST_F(BrandReadsTest, ExplanationsShowOnlyTheBrandsRecords) {
  grpc::ClientContext context;
  v1::ExplainProfileRequest request;
  request.set_profile_id(shared_);
  v1::ExplainProfileResponse out;
  grpc::Status s = agent_b_gov_->ExplainProfile(&context, request, &out);
  ASSERT_TRUE(s.ok()) << s.error_message();
  ASSERT_EQ(out.records_size(), 1);
  EXPECT_EQ(out.records(0).record().source(), "shop-b");
  EXPECT_FALSE(out.records(0).has_current_best_record());

  grpc::ClientContext pair_context;
  v1::ExplainPairRequest pair;
  *pair.mutable_a() = Ref("shop-a", "1");
  *pair.mutable_b() = Ref("shop-b", "9");
  v1::ExplainPairResponse pair_out;
  s = agent_b_gov_->ExplainPair(&pair_context, pair, &pair_out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(s.error_message(), "record shop-a:1: unknown");
}

TEST_F(BrandReadsTest, NoActionOnWhatTheBrandDoesNotSee) {
  {  // An interaction through A's phone: nowhere for B.
    auto bot = Identity(server_.AddCaller("bot-b", "bot", "brand-b"));
    grpc::ClientContext context;
    v1::RecordInteractionRequest request;
    *request.mutable_target() = ByIdentifier(Id("phone", "+33611223344"));
    request.mutable_interaction()->set_channel("chat");
    v1::RecordInteractionResponse response;
    grpc::Status s = bot->RecordInteraction(&context, request, &response);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);
  }
  {  // A merge naming A's customer.
    grpc::ClientContext context;
    v1::MergeProfilesRequest request;
    request.add_profile_ids(shared_);
    request.add_profile_ids(only_a_);
    request.set_reason("same person");
    v1::MergeProfilesResponse response;
    grpc::Status s = agent_b_gov_->MergeProfiles(&context, request, &response);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);
    EXPECT_EQ(s.error_message(), "profile " + only_a_ + ": unknown");
  }
  {  // Deleting A's record.
    grpc::ClientContext context;
    v1::DeleteRecordRequest request;
    *request.mutable_record() = Ref("shop-a", "2");
    request.set_reason("cleanup");
    v1::DeleteRecordResponse response;
    grpc::Status s = admin_b_gov_->DeleteRecord(&context, request, &response);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);
  }
  // Nothing was written: A still reads its customer whole.
  v1::GetProfileRequest request;
  request.set_profile_id(only_a_);
  v1::GetProfileResponse p;
  ASSERT_TRUE(GetProfile(agent_a_.get(), request, &p).ok());
  EXPECT_EQ(p.profile().records_size(), 1);
  v1::GetContextResponse c;
  ASSERT_TRUE(GetContext(group_.get(), ById(shared_), &c).ok());
  EXPECT_EQ(c.context().recent_interactions_size(), 0);
}

TEST_F(BrandReadsTest, GroupWideRpcsRefuseABrandsToken) {
  grpc::ClientContext context;
  v1::ListAuditRequest request;
  v1::ListAuditResponse response;
  grpc::Status s = auditor_b_gov_->ListAudit(&context, request, &response);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(s.error_message(),
            "/idres.v1.Governance/ListAudit is group-wide, across the "
            "group's brands: token audit-b2 belongs to brand brand-b; use a "
            "token without a brand");
  grpc::ClientContext watch_context;
  auto reader = auditor_b_->WatchChanges(&watch_context,
                                         v1::WatchChangesRequest());
  v1::ChangeEvent event;
  EXPECT_FALSE(reader->Read(&event));
  EXPECT_EQ(reader->Finish().error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
}

}  // namespace
}  // namespace idres
