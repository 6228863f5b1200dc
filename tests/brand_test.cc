// One interlocutor for the brands of a group: a customer known to two
// brands is one profile, but each brand's callers see only that brand's
// records, interactions and facts until the customer grants
// share_across_brands, and again only theirs once it is withdrawn.
#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "grpcpp/client_context.h"
#include "gtest/gtest.h"
#include "idres/v1/identity.grpc.pb.h"
#include "tests/test_support.h"

namespace idres {
namespace {

class BrandTest : public testing::Test {
 protected:
  void SetUp() override {
    batch_a_ = Stub(server_.AddCaller("batch-a", "batch", "brand-a"));
    batch_b_ = Stub(server_.AddCaller("batch-b", "batch", "brand-b"));
    agent_a_ = Stub(server_.AddCaller("agent-a", "agent", "brand-a"));
    agent_b_ = Stub(server_.AddCaller("agent-b", "agent", "brand-b"));
    group_ = Stub(server_.AddCaller("group-agent", "agent"));
    Resolve(batch_a_.get(),
            MakeRecord("shop-a", "1",
                       {{"email", "marie.curie@orange.fr"},
                        {"phone", "+33 6 11 22 33 44"}},
                       "Marie", "Curie"));
    profile_id_ = Resolve(batch_b_.get(),
                          MakeRecord("shop-b", "9",
                                     {{"email", "marie.curie@orange.fr"},
                                      {"customer_id", "B-77"}},
                                     "Marie", "Curie"));
    Interact(agent_a_.get(), "chat about an A order", "size", "38");
    Interact(agent_b_.get(), "call about a B refund", "iban_country", "FR");
  }

  std::unique_ptr<v1::Identity::Stub> Stub(const std::string& token) {
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

  void Interact(v1::Identity::Stub* stub, const std::string& summary,
                const std::string& fact, const std::string& value) {
    grpc::ClientContext context;
    v1::RecordInteractionRequest request;
    request.mutable_target()->set_profile_id(profile_id_);
    request.mutable_interaction()->set_channel("chat");
    request.mutable_interaction()->set_summary(summary);
    (*request.mutable_interaction()->mutable_facts())[fact] = value;
    v1::RecordInteractionResponse response;
    grpc::Status s = stub->RecordInteraction(&context, request, &response);
    ASSERT_TRUE(s.ok()) << s.error_message();
  }

  void Consent(bool granted) {
    grpc::ClientContext context;
    v1::SetConsentRequest request;
    request.mutable_target()->set_profile_id(profile_id_);
    request.mutable_consent()->set_purpose("share_across_brands");
    request.mutable_consent()->set_granted(granted);
    request.mutable_consent()->set_source("brand-b app");
    v1::SetConsentResponse response;
    grpc::Status s = agent_b_->SetConsent(&context, request, &response);
    ASSERT_TRUE(s.ok()) << s.error_message();
  }

  // What `stub` sees: the sources of the identifiers, the summaries and
  // the fact keys, each sorted.
  struct Seen {
    std::vector<std::string> sources, summaries, facts, emails, phones;
    bool consent_visible = false;
  };
  Seen Read(v1::Identity::Stub* stub) {
    grpc::ClientContext context;
    v1::GetContextRequest request;
    request.mutable_target()->set_profile_id(profile_id_);
    v1::GetContextResponse response;
    grpc::Status s = stub->GetContext(&context, request, &response);
    EXPECT_TRUE(s.ok()) << s.error_message();
    Seen seen;
    const v1::ProfileContext& c = response.context();
    for (const auto& id : c.identifiers()) {
      if (std::find(seen.sources.begin(), seen.sources.end(),
                    id.record().source()) == seen.sources.end()) {
        seen.sources.push_back(id.record().source());
      }
    }
    for (const auto& i : c.recent_interactions()) {
      seen.summaries.push_back(i.summary());
    }
    for (const auto& f : c.facts()) seen.facts.push_back(f.key());
    for (const auto& e : c.golden().emails()) seen.emails.push_back(e);
    for (const auto& p : c.golden().phones()) seen.phones.push_back(p);
    for (const auto& x : c.consents()) {
      if (x.purpose() == "share_across_brands") seen.consent_visible = true;
    }
    for (auto* v : {&seen.sources, &seen.summaries, &seen.facts}) {
      std::sort(v->begin(), v->end());
    }
    return seen;
  }

  using Strings = std::vector<std::string>;

  void ExpectOwnOnly() {
    Seen a = Read(agent_a_.get());
    EXPECT_EQ(a.sources, Strings({"shop-a"}));
    EXPECT_EQ(a.summaries, Strings({"chat about an A order"}));
    EXPECT_EQ(a.facts, Strings({"size"}));
    EXPECT_EQ(a.emails, Strings({"marie.curie@orange.fr"}));
    EXPECT_EQ(a.phones, Strings({"+33611223344"}));
    Seen b = Read(agent_b_.get());
    EXPECT_EQ(b.sources, Strings({"shop-b"}));
    EXPECT_EQ(b.summaries, Strings({"call about a B refund"}));
    EXPECT_EQ(b.facts, Strings({"iban_country"}));
    EXPECT_EQ(b.phones, Strings());
  }

  void ExpectAll(v1::Identity::Stub* stub) {
    Seen s = Read(stub);
    EXPECT_EQ(s.sources, Strings({"shop-a", "shop-b"}));
    EXPECT_EQ(s.summaries,
              Strings({"call about a B refund", "chat about an A order"}));
    EXPECT_EQ(s.facts, Strings({"iban_country", "size"}));
  }

  SecureTestServer server_;
  std::unique_ptr<v1::Identity::Stub> batch_a_, batch_b_, agent_a_, agent_b_,
      group_;
  std::string profile_id_;
};

TEST_F(BrandTest, OneProfileForTheGroup) {
  grpc::ClientContext context;
  v1::GetProfileRequest request;
  request.mutable_identifier()->set_type("customer_id");
  request.mutable_identifier()->set_value("B-77");
  v1::GetProfileResponse response;
  ASSERT_TRUE(group_->GetProfile(&context, request, &response).ok());
  EXPECT_EQ(response.profile().profile_id(), profile_id_);
}

TEST_F(BrandTest, EachBrandSeesItsOwnUntilConsentAndAfterWithdrawal) {
  ExpectOwnOnly();
  ExpectAll(group_.get());

  Consent(true);
  ExpectAll(agent_a_.get());
  ExpectAll(agent_b_.get());
  EXPECT_TRUE(Read(agent_a_.get()).consent_visible);

  Consent(false);
  ExpectOwnOnly();
  EXPECT_TRUE(Read(agent_a_.get()).consent_visible);
  ExpectAll(group_.get());
}

TEST_F(BrandTest, ABrandMayNotWriteAnotherBrandsRecords) {
  v1::Record record = MakeRecord("shop-a", "2", {{"email", "x@example.fr"}});
  record.set_brand("brand-b");
  grpc::ClientContext context;
  v1::ResolveRequest request;
  *request.mutable_record() = record;
  v1::ResolveResponse response;
  grpc::Status s = batch_a_->Resolve(&context, request, &response);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(s.error_message(),
            "record.brand: a caller of brand brand-a may not write records "
            "of brand brand-b");
}

}  // namespace
}  // namespace idres
