// Conversation context through a real server: interactions, facts, cases,
// consents, GetContext, search and the change feed.
#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "grpcpp/client_context.h"
#include "gtest/gtest.h"
#include "tests/test_support.h"

namespace idres {
namespace {

v1::Record Person(absl::string_view source, absl::string_view id,
                  absl::string_view given, absl::string_view family,
                  std::vector<std::pair<std::string, std::string>> ids,
                  absl::string_view city = "") {
  v1::Record r;
  r.set_source(std::string(source));
  r.set_source_id(std::string(id));
  r.mutable_name()->set_given(std::string(given));
  r.mutable_name()->set_family(std::string(family));
  r.mutable_address()->set_city(std::string(city));
  for (auto& [type, value] : ids) {
    v1::Identifier* i = r.add_identifiers();
    i->set_type(type);
    i->set_value(value);
  }
  return r;
}

v1::ProfileTarget ById(absl::string_view type, absl::string_view value) {
  v1::ProfileTarget t;
  t.mutable_identifier()->set_type(std::string(type));
  t.mutable_identifier()->set_value(std::string(value));
  return t;
}

class ContextTest : public testing::Test {
 protected:
  explicit ContextTest(ServerOptions options = ServerOptions())
      : server_(std::move(options)) {}

  std::string Resolve(const v1::Record& r) {
    grpc::ClientContext context;
    v1::ResolveRequest request;
    *request.mutable_record() = r;
    v1::ResolveResponse response;
    grpc::Status s = server_.stub()->Resolve(&context, request, &response);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return response.profile_id();
  }

  grpc::Status Interact(const v1::ProfileTarget& target,
                        const v1::Interaction& interaction,
                        v1::RecordInteractionResponse* out = nullptr) {
    grpc::ClientContext context;
    v1::RecordInteractionRequest request;
    *request.mutable_target() = target;
    *request.mutable_interaction() = interaction;
    v1::RecordInteractionResponse ignored;
    return server_.stub()->RecordInteraction(&context, request,
                                             out ? out : &ignored);
  }

  grpc::Status Context(const v1::ProfileTarget& target,
                       v1::GetContextResponse* out, int max = 0) {
    grpc::ClientContext context;
    v1::GetContextRequest request;
    *request.mutable_target() = target;
    request.set_max_interactions(max);
    return server_.stub()->GetContext(&context, request, out);
  }

  std::vector<v1::SearchHit> Search(const v1::SearchProfilesRequest& q) {
    grpc::ClientContext context;
    v1::SearchProfilesResponse response;
    grpc::Status s = server_.stub()->SearchProfiles(&context, q, &response);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return {response.hits().begin(), response.hits().end()};
  }

  TestServer server_;
};

v1::Interaction Chat(absl::string_view summary) {
  v1::Interaction i;
  i.set_channel("chat");
  i.set_summary(std::string(summary));
  i.set_actor("bot-1");
  i.set_actor_kind(v1::ACTOR_KIND_BOT);
  return i;
}

TEST_F(ContextTest, HotlineCallSeesTheChatThroughTheCrmRecord) {
  Resolve(Person("chat", "web-1", "Sophie", "", {{"email", "sophie.b@gmail.com"}}));
  v1::Interaction chat = Chat("Colis non reçu, commande 4471");
  (*chat.mutable_facts())["order_number"] = "4471";
  chat.set_case_id("C-88");
  chat.set_case_status(v1::CASE_STATUS_OPEN);
  ASSERT_TRUE(Interact(ById("email", "sophie.b@gmail.com"), chat).ok());
  // Only the CRM record knows the phone the customer now calls from.
  Resolve(Person("crm", "CRM-9", "Sophie", "Bernard",
                 {{"email", "Sophie.B@gmail.com"}, {"phone", "06 11 22 33 44"}}));

  v1::GetContextResponse got;
  ASSERT_TRUE(Context(ById("phone", "+33 6 11 22 33 44"), &got).ok());
  const v1::ProfileContext& c = got.context();
  ASSERT_EQ(c.recent_interactions_size(), 1);
  EXPECT_EQ(c.recent_interactions(0).summary(), "Colis non reçu, commande 4471");
  EXPECT_EQ(c.recent_interactions(0).via_record().source(), "chat");
  ASSERT_EQ(c.cases_size(), 1);
  EXPECT_EQ(c.cases(0).case_id(), "C-88");
  EXPECT_EQ(c.cases(0).status(), v1::CASE_STATUS_OPEN);
  ASSERT_EQ(c.facts_size(), 1);
  EXPECT_EQ(c.facts(0).key(), "order_number");
  EXPECT_EQ(c.facts(0).value(), "4471");
  EXPECT_EQ(c.facts(0).channel(), "chat");
  EXPECT_EQ(c.golden().name().family(), "Bernard");
}

TEST_F(ContextTest, ResolvedCasesLeaveTheContextAndLatestFactWins) {
  std::string id = Resolve(Person("crm", "1", "Ann", "Lee", {{"email", "ann@mail.fr"}}));
  v1::Interaction open = Chat("opened");
  open.set_case_id("C-1");
  (*open.mutable_facts())["reason"] = "late";
  open.mutable_at()->set_seconds(1000);
  v1::Interaction closed = Chat("closed");
  closed.set_case_id("C-1");
  closed.set_case_status(v1::CASE_STATUS_RESOLVED);
  (*closed.mutable_facts())["reason"] = "refunded";
  closed.mutable_at()->set_seconds(2000);
  v1::ProfileTarget target;
  target.set_profile_id(id);
  ASSERT_TRUE(Interact(target, closed).ok());
  ASSERT_TRUE(Interact(target, open).ok());  // Arrives late, is older.
  v1::GetContextResponse got;
  ASSERT_TRUE(Context(target, &got).ok());
  EXPECT_EQ(got.context().cases_size(), 0);
  ASSERT_EQ(got.context().facts_size(), 1);
  EXPECT_EQ(got.context().facts(0).value(), "refunded");
  ASSERT_EQ(got.context().recent_interactions_size(), 2);
  EXPECT_EQ(got.context().recent_interactions(0).summary(), "closed");
}

TEST_F(ContextTest, MergeKeepsEveryInteractionExactlyOnce) {
  std::string a = Resolve(Person("crm", "1", "Ann", "Lee", {{"email", "ann@mail.fr"}}));
  std::string b = Resolve(Person("shop", "2", "Ann", "Lee", {{"phone", "06 12 98 76 54"}}));
  ASSERT_NE(a, b);
  std::set<std::string> ids;
  for (int i = 0; i < 5; ++i) {
    v1::ProfileTarget t;
    t.set_profile_id(i < 2 ? a : b);
    v1::RecordInteractionResponse out;
    ASSERT_TRUE(Interact(t, Chat(absl::StrCat("chat ", i)), &out).ok());
    ids.insert(out.interaction_id());
  }
  std::string merged = Resolve(Person(
      "app", "3", "Ann", "Lee", {{"email", "ann@mail.fr"}, {"phone", "0612987654"}}));
  EXPECT_EQ(merged, a);
  v1::GetContextResponse got;
  v1::ProfileTarget old;
  old.set_profile_id(b);
  ASSERT_TRUE(Context(old, &got).ok());
  EXPECT_TRUE(got.redirected());
  std::set<std::string> seen;
  for (const v1::Interaction& i : got.context().recent_interactions()) {
    EXPECT_TRUE(seen.insert(i.interaction_id()).second) << i.interaction_id();
    EXPECT_EQ(i.profile_id(), a);
  }
  EXPECT_EQ(seen, ids);
}

TEST_F(ContextTest, SearchRanksExactNamesAndAppliesFilters) {
  std::string paris = Resolve(Person("crm", "1", "Jean", "Dupont", {{"phone", "06 10 20 30 40"}}, "Paris"));
  std::string lyon = Resolve(Person("crm", "2", "Jean", "Dupond", {{"email", "jd@mail.fr"}}, "Lyon"));
  Resolve(Person("crm", "3", "Marc", "Durand", {{"email", "md@mail.fr"}}, "Paris"));

  v1::SearchProfilesRequest q;
  q.set_name("dupont JEAN");
  std::vector<v1::SearchHit> hits = Search(q);
  ASSERT_GE(hits.size(), 2u);
  EXPECT_EQ(hits[0].profile_id(), paris);
  EXPECT_EQ(hits[1].profile_id(), lyon);
  EXPECT_GT(hits[0].score(), hits[1].score());

  q.set_city("lyon");
  hits = Search(q);
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].profile_id(), lyon);

  v1::SearchProfilesRequest by_phone;
  by_phone.set_phone("3040");
  hits = Search(by_phone);
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].profile_id(), paris);

  v1::SearchProfilesRequest by_email;
  by_email.set_email("jd@");
  hits = Search(by_email);
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].profile_id(), lyon);
}

// Search ranks by the head of each context (storage::ContextHead, the
// context's first fields under the same numbers): a hit carries the same
// golden view as the whole context, and interactions do not get in the way.
TEST_F(ContextTest, SearchHitsCarryTheContextsGoldenView) {
  std::string id = Resolve(Person("crm", "1", "Jean", "Dupont",
                                  {{"email", "jean@mail.fr"}}, "Paris"));
  v1::ProfileTarget target;
  target.set_profile_id(id);
  ASSERT_TRUE(Interact(target, Chat("order 42 late")).ok());
  v1::GetContextResponse context;
  ASSERT_TRUE(Context(target, &context).ok());
  ASSERT_EQ(context.context().recent_interactions_size(), 1);
  for (const char* email : {"jean@mail.fr", ""}) {
    v1::SearchProfilesRequest q;
    q.set_name("Jean Dupont");
    q.set_email(email);
    std::vector<v1::SearchHit> hits = Search(q);
    ASSERT_EQ(hits.size(), 1u) << email;
    EXPECT_EQ(hits[0].profile_id(), id);
    EXPECT_EQ(hits[0].golden().SerializeAsString(),
              context.context().golden().SerializeAsString());
    EXPECT_TRUE(hits[0].golden().has_name());
  }
}

TEST_F(ContextTest, BadInputIsRejectedAndWritesNothing) {
  std::string id = Resolve(Person("crm", "1", "Ann", "Lee", {{"email", "ann@mail.fr"}}));
  v1::GetContextResponse before;
  ASSERT_TRUE(Context(ById("email", "ann@mail.fr"), &before).ok());

  v1::Interaction long_summary = Chat(std::string(2001, 'x'));
  grpc::Status s = Interact(ById("email", "ann@mail.fr"), long_summary);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(s.error_message().find("interaction.summary"), std::string::npos);

  v1::Interaction many_facts = Chat("x");
  for (int i = 0; i < 33; ++i) (*many_facts.mutable_facts())[absl::StrCat("k", i)] = "v";
  s = Interact(ById("email", "ann@mail.fr"), many_facts);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(s.error_message().find("interaction.facts"), std::string::npos);

  v1::Interaction no_channel = Chat("x");
  no_channel.clear_channel();
  EXPECT_EQ(Interact(ById("email", "ann@mail.fr"), no_channel).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);

  EXPECT_EQ(Interact(ById("email", "nobody@mail.fr"), Chat("x")).error_code(),
            grpc::StatusCode::NOT_FOUND);
  v1::GetContextResponse unknown;
  EXPECT_EQ(Context(ById("email", "nobody@mail.fr"), &unknown).error_code(),
            grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(Context(ById("email", "ann@mail.fr"), &unknown, 51).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);

  grpc::ClientContext context;
  v1::SearchProfilesResponse hits;
  s = server_.stub()->SearchProfiles(&context, v1::SearchProfilesRequest(), &hits);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);

  v1::GetContextResponse after;
  ASSERT_TRUE(Context(ById("email", "ann@mail.fr"), &after).ok());
  EXPECT_EQ(after.context().recent_interactions_size(), 0);
  EXPECT_EQ(after.context().version(), before.context().version());
  (void)id;
}

TEST_F(ContextTest, ConsentIsReturnedInTheContext) {
  Resolve(Person("crm", "1", "Ann", "Lee", {{"email", "ann@mail.fr"}}));
  grpc::ClientContext context;
  v1::SetConsentRequest request;
  *request.mutable_target() = ById("email", "ann@mail.fr");
  request.mutable_consent()->set_purpose("contact_email");
  request.mutable_consent()->set_granted(true);
  request.mutable_consent()->set_source("web_form");
  v1::SetConsentResponse response;
  ASSERT_TRUE(server_.stub()->SetConsent(&context, request, &response).ok());
  v1::GetContextResponse got;
  ASSERT_TRUE(Context(ById("email", "ann@mail.fr"), &got).ok());
  ASSERT_EQ(got.context().consents_size(), 1);
  EXPECT_EQ(got.context().consents(0).purpose(), "contact_email");
  EXPECT_TRUE(got.context().consents(0).granted());

  grpc::ClientContext bad_context;
  request.mutable_consent()->set_purpose("Bad Purpose");
  EXPECT_EQ(server_.stub()->SetConsent(&bad_context, request, &response).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

}  // namespace
}  // namespace idres
