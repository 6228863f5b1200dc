// The review queue through a real gRPC server: possible matches listed
// ranked, paged and once per pair, with their comparison; decisions by an
// agent (same person, different people) with their audit, which later
// records do not undo; bad requests; the index's upkeep (verify) and its
// one-time build in a store written before it.
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "graph/consistency.h"
#include "grpcpp/client_context.h"
#include "grpcpp/create_channel.h"
#include "gtest/gtest.h"
#include "idres/v1/governance.grpc.pb.h"
#include "rocksdb/db.h"
#include "tests/test_support.h"

namespace idres {
namespace {

// A record of `given` `family` with one e-mail and, when not empty, a
// postal code and a city.
v1::Record Person(absl::string_view key, absl::string_view given,
                  absl::string_view family, absl::string_view email,
                  absl::string_view postal_code = "",
                  absl::string_view city = "") {
  v1::Record r;
  size_t colon = key.find(':');
  r.set_source(std::string(key.substr(0, colon)));
  r.set_source_id(std::string(key.substr(colon + 1)));
  r.mutable_name()->set_given(std::string(given));
  r.mutable_name()->set_family(std::string(family));
  if (!email.empty()) {
    v1::Identifier* id = r.add_identifiers();
    id->set_type("email");
    id->set_value(std::string(email));
  }
  if (!postal_code.empty()) {
    r.mutable_address()->set_postal_code(std::string(postal_code));
  }
  if (!city.empty()) r.mutable_address()->set_city(std::string(city));
  return r;
}

class ReviewTest : public testing::Test {
 protected:
  std::unique_ptr<v1::Governance::Stub> Gov() {
    return v1::Governance::NewStub(grpc::CreateChannel(
        server_.address(), grpc::InsecureChannelCredentials()));
  }

  std::string Resolve(v1::Record r) {
    grpc::ClientContext context;
    v1::ResolveRequest request;
    *request.mutable_record() = std::move(r);
    v1::ResolveResponse out;
    grpc::Status s = server_.stub()->Resolve(&context, request, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return out.profile_id();
  }

  grpc::Status List(int page_size, const std::string& token,
                    v1::ListPossibleMatchesResponse* out) {
    grpc::ClientContext context;
    v1::ListPossibleMatchesRequest request;
    request.set_page_size(page_size);
    request.set_page_token(token);
    return Gov()->ListPossibleMatches(&context, request, out);
  }

  // Every page of the queue, `page_size` items at a time.
  std::vector<v1::PossibleMatchItem> ListAll(int page_size) {
    std::vector<v1::PossibleMatchItem> out;
    std::string token;
    for (int page = 0; page < 100; ++page) {
      v1::ListPossibleMatchesResponse r;
      grpc::Status s = List(page_size, token, &r);
      EXPECT_TRUE(s.ok()) << s.error_message();
      EXPECT_LE(r.items_size(), page_size);
      out.insert(out.end(), r.items().begin(), r.items().end());
      token = r.next_page_token();
      if (token.empty() || !s.ok()) break;
    }
    return out;
  }

  grpc::Status Decide(absl::string_view a, absl::string_view b,
                      v1::ReviewDecision decision,
                      v1::ResolvePossibleMatchResponse* out,
                      absl::string_view reason = "checked with the customer") {
    grpc::ClientContext context;
    v1::ResolvePossibleMatchRequest request;
    request.set_profile_a(std::string(a));
    request.set_profile_b(std::string(b));
    request.set_decision(decision);
    request.set_actor("agent-3");
    request.set_reason(std::string(reason));
    return Gov()->ResolvePossibleMatch(&context, request, out);
  }

  v1::Profile Profile(absl::string_view id) {
    grpc::ClientContext context;
    v1::GetProfileRequest request;
    request.set_profile_id(std::string(id));
    v1::GetProfileResponse out;
    grpc::Status s = server_.stub()->GetProfile(&context, request, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return out.profile();
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

  // Two namesakes with different e-mails: p-1 and p-2, a possible match
  // of score 9 (given +5, family +6, e-mails differ -2) noted on p-2.
  void ResolveNamesakes() {
    ASSERT_EQ(Resolve(Person("crm:1", "Jeanne", "Dupont", "jd1@x.fr")), "p-1");
    ASSERT_EQ(Resolve(Person("web:2", "Jeanne", "Dupont", "jeanne@y.fr",
                             "75011")),
              "p-2");
  }

  TestServer server_;
};

TEST_F(ReviewTest, ListsAPossibleMatchWithItsComparison) {
  ResolveNamesakes();
  std::vector<v1::PossibleMatchItem> items = ListAll(20);
  ASSERT_EQ(items.size(), 1u);
  const v1::PossibleMatchItem& item = items[0];
  EXPECT_EQ(item.profile_id_a(), "p-1");
  EXPECT_EQ(item.profile_id_b(), "p-2");
  EXPECT_EQ(item.noted_on(), "p-2");
  EXPECT_DOUBLE_EQ(item.score(), 9.0);
  EXPECT_EQ(item.comparison().a().source(), "crm");  // The record of p-1.
  EXPECT_EQ(item.comparison().b().source(), "web");
  EXPECT_EQ(item.comparison().profile_id_a(), "p-1");
  EXPECT_FALSE(item.comparison().same_profile());
  EXPECT_GE(item.comparison().comparisons_size(), 2);
  EXPECT_NE(item.comparison().verdict().find("below the link threshold"),
            std::string::npos)
      << item.comparison().verdict();
}

// Issue 12: a father and a son of one name at one address, each with his
// customer number, no birth date on one side: names and address reach the
// link threshold, and the pair waits for an agent instead.
TEST_F(ReviewTest, TwoAccountsAtOneAddressWaitForReview) {
  auto record = [](absl::string_view id, absl::string_view customer) {
    v1::Record r = Person(id, "Pierre", "Raynaud", "", "92700", "Colombes");
    r.mutable_address()->set_line1("2 rue de Lyon");
    v1::Identifier* c = r.add_identifiers();
    c->set_type("customer_id");
    c->set_value(std::string(customer));
    return r;
  };
  v1::Record father = record("crm:1", "K45397079");
  father.set_birth_date("1949-10-09");
  ASSERT_EQ(Resolve(father), "p-1");
  ASSERT_EQ(Resolve(record("eshop:2", "K21341784")), "p-2");
  std::vector<v1::PossibleMatchItem> items = ListAll(20);
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].profile_id_a(), "p-1");
  EXPECT_EQ(items[0].profile_id_b(), "p-2");
  EXPECT_GE(items[0].score(), 14.5);
  EXPECT_NE(items[0].comparison().verdict().find("two accounts"),
            std::string::npos)
      << items[0].comparison().verdict();
  // The same customer number on a third record joins it to its account.
  EXPECT_EQ(Resolve(record("store:3", "K21341784")), "p-2");
}

TEST_F(ReviewTest, RanksByScoreThenOldestProfileAndPagesThroughAll) {
  // Scores: 11 (names), 12.5 (names + city), 13 (names + postal code).
  // E-mails far apart: one or two edits would score email_close and link.
  Resolve(Person("crm:1", "Jeanne", "Dupont", "jd1@x.fr"));
  Resolve(Person("web:2", "Jeanne", "Dupont", "jeanne@y.fr"));  // 9
  Resolve(Person("crm:3", "Marc", "Petit", "mp@x.fr", "", "Lille"));
  Resolve(Person("web:4", "Marc", "Petit", "marc@y.fr", "", "Lille"));  // 10.5
  Resolve(Person("crm:5", "Paul", "Roux", "pr@x.fr", "69003"));
  Resolve(Person("web:6", "Paul", "Roux", "paul@y.fr", "69003"));  // 11
  Resolve(Person("crm:7", "Anne", "Morel", "am@x.fr"));
  Resolve(Person("web:8", "Anne", "Morel", "anne@y.fr"));  // p-8 ~ p-7: 9
  for (int page_size : {1, 2, 100}) {
    std::vector<v1::PossibleMatchItem> items = ListAll(page_size);
    ASSERT_EQ(items.size(), 4u) << "page size " << page_size;
    std::vector<std::string> pairs;
    for (const v1::PossibleMatchItem& i : items) {
      pairs.push_back(absl::StrCat(i.profile_id_a(), "~", i.profile_id_b(),
                                   "=", i.score()));
    }
    EXPECT_EQ(pairs, (std::vector<std::string>{"p-5~p-6=11", "p-3~p-4=10.5",
                                               "p-1~p-2=9", "p-7~p-8=9"}))
        << "page size " << page_size;
  }
}

TEST_F(ReviewTest, ListsAPairHeldByBothProfilesOnce) {
  ResolveNamesakes();
  // Another record of p-1 scores p-2 in the review band (the postal code
  // of web:2 too): p-1 holds it too.
  ASSERT_EQ(Resolve(Person("shop:3", "Jeanne", "Dupont", "jd1@x.fr", "75011")),
            "p-1");
  ASSERT_EQ(Profile("p-1").possible_matches_size(), 1);
  ASSERT_EQ(Profile("p-2").possible_matches_size(), 1);
  std::vector<v1::PossibleMatchItem> items = ListAll(1);
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].profile_id_a(), "p-1");
  EXPECT_EQ(items[0].profile_id_b(), "p-2");
}

TEST_F(ReviewTest, FollowsMergedAwayIdsToLiveProfiles) {
  ASSERT_EQ(Resolve(Person("crm:0", "", "", "z@x.fr")), "p-1");
  ASSERT_EQ(Resolve(Person("crm:1", "Jeanne", "Dupont", "jd1@x.fr")), "p-2");
  ASSERT_EQ(Resolve(Person("web:2", "Jeanne", "Dupont", "jeanne@y.fr")),
            "p-3");  // Holds a possible match naming p-2.
  grpc::ClientContext context;
  v1::MergeProfilesRequest merge;
  merge.add_profile_ids("p-1");
  merge.add_profile_ids("p-2");
  merge.set_reason("same customer");
  v1::MergeProfilesResponse merged;
  ASSERT_TRUE(Gov()->MergeProfiles(&context, merge, &merged).ok());
  std::vector<v1::PossibleMatchItem> items = ListAll(20);
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].profile_id_a(), "p-1");  // p-2 now lives in p-1.
  EXPECT_EQ(items[0].profile_id_b(), "p-3");
  v1::ResolvePossibleMatchResponse out;
  grpc::Status s =
      Decide("p-2", "p-3", v1::REVIEW_DECISION_SAME_PERSON, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(s.error_message().find("merged into p-1"), std::string::npos)
      << s.error_message();
  ASSERT_TRUE(Decide("p-1", "p-3", v1::REVIEW_DECISION_SAME_PERSON, &out).ok());
  EXPECT_TRUE(ListAll(20).empty());
}

TEST_F(ReviewTest, SamePersonMergesAndLaterRecordsDoNotSplitIt) {
  ResolveNamesakes();
  v1::ResolvePossibleMatchResponse out;
  grpc::Status s =
      Decide("p-2", "p-1", v1::REVIEW_DECISION_SAME_PERSON, &out, "phoned");
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(out.profile_id(), "p-1");
  ASSERT_EQ(out.absorbed_profile_ids_size(), 1);
  EXPECT_EQ(out.absorbed_profile_ids(0), "p-2");
  EXPECT_EQ(out.constraints_added(), 1u);
  EXPECT_EQ(Profile("p-1").records_size(), 2);
  EXPECT_EQ(Profile("p-1").possible_matches_size(), 0);
  EXPECT_TRUE(ListAll(20).empty());

  v1::ListAuditResponse audit = Audit("p-2");
  ASSERT_EQ(audit.entries_size(), 1);
  EXPECT_EQ(audit.entries(0).action(), v1::AUDIT_ACTION_REVIEW_SAME_PERSON);
  EXPECT_EQ(audit.entries(0).actor(), "agent-3");
  EXPECT_EQ(audit.entries(0).reason(), "phoned");
  EXPECT_EQ(audit.entries(0).members_size(), 2);

  // The record re-sent with another name and e-mail: re-evaluation would
  // split it off, the must-link keeps it.
  EXPECT_EQ(Resolve(Person("web:2", "Odile", "Garnier", "og@z.fr")), "p-1");
  EXPECT_EQ(Profile("p-1").records_size(), 2);
  ExpectConsistentStore();
}

TEST_F(ReviewTest, DifferentPeopleStayApartWhateverLaterRecordsSay) {
  ResolveNamesakes();
  v1::ResolvePossibleMatchResponse out;
  grpc::Status s =
      Decide("p-1", "p-2", v1::REVIEW_DECISION_DIFFERENT_PEOPLE, &out);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(out.constraints_added(), 1u);
  EXPECT_EQ(Profile("p-1").possible_matches_size(), 0);
  EXPECT_EQ(Profile("p-2").possible_matches_size(), 0);
  EXPECT_TRUE(ListAll(20).empty());

  v1::ListAuditResponse audit = Audit("p-1");
  ASSERT_EQ(audit.entries_size(), 1);
  EXPECT_EQ(audit.entries(0).action(),
            v1::AUDIT_ACTION_REVIEW_DIFFERENT_PEOPLE);
  EXPECT_EQ(audit.entries(0).actor(), "agent-3");
  EXPECT_EQ(audit.entries(0).reason(), "checked with the customer");
  EXPECT_EQ(audit.entries(0).profile_ids_after_size(), 2);

  // A record carrying both e-mails would merge them: it joins one only.
  std::string joined = Resolve(Person("shop:3", "Jeanne", "Dupont",
                                      "jd1@x.fr"));
  v1::Record bridge = Person("shop:4", "Jeanne", "Dupont", "jd1@x.fr");
  v1::Identifier* other = bridge.add_identifiers();
  other->set_type("email");
  other->set_value("jeanne@y.fr");
  Resolve(bridge);
  EXPECT_EQ(joined, "p-1");
  EXPECT_EQ(Profile("p-2").profile_id(), "p-2");  // Not merged away.
  EXPECT_EQ(Profile("p-2").records_size(), 1);
  // A new namesake record may note the pair again: the queue keeps it out.
  EXPECT_TRUE(ListAll(20).empty());
  s = Decide("p-1", "p-2", v1::REVIEW_DECISION_SAME_PERSON, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(s.error_message().find("already decided"), std::string::npos)
      << s.error_message();
  ExpectConsistentStore();
}

TEST_F(ReviewTest, RefusesPairsThatAreNotPending) {
  ResolveNamesakes();
  ASSERT_EQ(Resolve(Person("crm:3", "Luc", "Bernard", "lb@x.fr")), "p-3");
  v1::ResolvePossibleMatchResponse out;
  grpc::Status s = Decide("p-1", "p-3", v1::REVIEW_DECISION_SAME_PERSON, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(s.error_message().find("no possible match between p-1 and p-3"),
            std::string::npos)
      << s.error_message();
  s = Decide("p-1", "p-77", v1::REVIEW_DECISION_SAME_PERSON, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(Audit("p-1").entries_size(), 0);
}

TEST_F(ReviewTest, RejectsBadRequestsNamingFieldAndLimit) {
  ResolveNamesakes();
  v1::ListPossibleMatchesResponse page;
  grpc::Status s = List(101, "", &page);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(s.error_message(), "page_size: must be 0 to 100");
  s = List(-1, "", &page);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  s = List(0, "not a token!", &page);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(s.error_message().find("page_token"), std::string::npos);
  s = List(0, std::string(513, 'A'), &page);
  EXPECT_EQ(s.error_message(), "page_token: longer than 512 bytes");

  v1::ResolvePossibleMatchResponse out;
  struct Case {
    std::string a, b;
    v1::ReviewDecision decision;
    std::string reason, message;
  };
  const std::vector<Case> cases = {
      {"", "p-2", v1::REVIEW_DECISION_SAME_PERSON, "r",
       "profile_a: must be 1 to 64 bytes"},
      {"p-1", std::string(65, 'p'), v1::REVIEW_DECISION_SAME_PERSON, "r",
       "profile_b: must be 1 to 64 bytes"},
      {"p-1", "p-1", v1::REVIEW_DECISION_SAME_PERSON, "r",
       "profile_b: must differ from profile_a"},
      {"p-1", "p-2", v1::REVIEW_DECISION_UNSPECIFIED, "r",
       "decision: must be REVIEW_DECISION_SAME_PERSON or "
       "REVIEW_DECISION_DIFFERENT_PEOPLE"},
      {"p-1", "p-2", v1::REVIEW_DECISION_DIFFERENT_PEOPLE, "",
       "reason: required: say why, for the audit log"},
      {"p-1", "p-2", v1::REVIEW_DECISION_DIFFERENT_PEOPLE,
       std::string(1001, 'r'), "reason: longer than 1000 bytes"},
  };
  for (const Case& c : cases) {
    s = Decide(c.a, c.b, c.decision, &out, c.reason);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << c.message;
    EXPECT_EQ(s.error_message(), c.message);
  }
  // Nothing was written: the pair is still pending, no audit entry.
  EXPECT_EQ(ListAll(20).size(), 1u);
  EXPECT_EQ(Audit("p-1").entries_size(), 0);
}

// Deletes the key `key` of the default family of the RocksDB store in
// `dir` (closed), opening every family it has.
void DeleteMetaKey(const std::string& dir, const std::string& key) {
  std::vector<std::string> families;
  ASSERT_TRUE(
      rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions(), dir, &families)
          .ok());
  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  for (const std::string& f : families) {
    descriptors.emplace_back(f, rocksdb::ColumnFamilyOptions());
  }
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* raw = nullptr;
  ASSERT_TRUE(rocksdb::DB::Open(rocksdb::DBOptions(), dir, descriptors,
                                &handles, &raw)
                  .ok());
  std::unique_ptr<rocksdb::DB> db(raw);
  EXPECT_TRUE(db->Delete(rocksdb::WriteOptions(), key).ok());
  for (rocksdb::ColumnFamilyHandle* h : handles) {
    EXPECT_TRUE(db->DestroyColumnFamilyHandle(h).ok());
  }
}

int CountIndexRows(ProfileStore* store) {
  int rows = 0;
  absl::Status s = store->ForEachPossibleMatch(
      "", [&](absl::string_view, const storage::PossibleMatchRow& row) {
        EXPECT_EQ(row.profile_id(), "p-2");
        EXPECT_EQ(row.match().profile_id(), "p-1");
        ++rows;
        return true;
      });
  EXPECT_TRUE(s.ok()) << s;
  return rows;
}

// A store written before the review-queue index existed has profiles with
// possible matches and no index: the first read-write open builds it.
TEST(ReviewIndexTest, BuildsTheIndexOnceForAStoreWrittenBeforeIt) {
  const std::string dir = NewTempDir() + "/db";
  auto open = [&] {
    absl::StatusOr<std::unique_ptr<ProfileStore>> s =
        OpenRocksDbProfileStore(dir);
    EXPECT_TRUE(s.ok()) << s.status();
    return s.ok() ? *std::move(s) : nullptr;
  };
  std::unique_ptr<ProfileStore> store = open();
  ASSERT_NE(store, nullptr);
  {
    std::unique_ptr<StoreTxn> txn = store->BeginTxn();
    v1::Profile p;
    p.set_profile_id("p-2");
    v1::PossibleMatch* m = p.add_possible_matches();
    m->set_profile_id("p-1");
    m->set_score(10.5);
    txn->PutProfile(p);  // As an older build did: no index rows.
    ASSERT_TRUE(txn->Commit().ok());
  }
  EXPECT_EQ(CountIndexRows(store.get()), 0);
  store.reset();
  store = open();
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(CountIndexRows(store.get()), 0);  // Marked indexed when new.
  store.reset();
  DeleteMetaKey(dir, "possible_matches_indexed");  // As an older store.
  store = open();
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(CountIndexRows(store.get()), 1);
}

}  // namespace
}  // namespace idres
