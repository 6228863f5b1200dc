#include "graph/consistency.h"

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "match/features.h"
#include "match/match_config.h"
#include "graph/resolver.h"
#include "tests/test_support.h"

namespace idres {
namespace {

// A store filled through the Resolver: crm:1 and shop:1 start two profiles
// that web:1 bridges (one merge, one redirect); crm:2 is someone else.
class ConsistencyTest : public testing::Test {
 protected:
  void SetUp() override {
    Resolver resolver(db_.store(), DefaultMatchConfig());
    v1::Record bob = EmailRecord("crm", "2", {"bob@y.org"});
    bob.mutable_name()->set_given("Bob");
    bob.mutable_name()->set_family("Stone");
    bob.set_birth_date("1970-01-02");
    bob.mutable_address()->set_postal_code("69001");
    for (const v1::Record& r :
         {EmailRecord("crm", "1", {"a@x.org"}),
          EmailRecord("shop", "1", {"b@x.org"}),
          EmailRecord("web", "1", {"a@x.org", "b@x.org"}), bob}) {
      absl::StatusOr<ResolveResult> result = resolver.Resolve(r);
      ASSERT_TRUE(result.ok()) << result.status();
    }
  }

  ConsistencyReport Check(StoreView* view) {
    absl::StatusOr<ConsistencyReport> report = CheckConsistency(view);
    EXPECT_TRUE(report.ok()) << report.status();
    return report.ok() ? *report : ConsistencyReport();
  }

  ConsistencyReport Check() {
    std::unique_ptr<StoreView> snapshot = db_.store()->NewSnapshot();
    return Check(snapshot.get());
  }

  storage::StoredRecord Stored(const v1::RecordRef& ref) {
    absl::StatusOr<std::optional<storage::StoredRecord>> r =
        db_.store()->GetRecord(ref);
    EXPECT_TRUE(r.ok() && r->has_value());
    return r.ok() && r->has_value() ? **r : storage::StoredRecord();
  }

  // Commits the raw changes `corrupt` makes, bypassing the resolver.
  void Corrupt(const std::function<void(StoreTxn*)>& corrupt) {
    std::unique_ptr<StoreTxn> txn = db_.store()->BeginTxn();
    corrupt(txn.get());
    ASSERT_TRUE(txn->Commit().ok());
  }

  // Returns true when one problem mentions every one of `parts`.
  static bool Reported(const ConsistencyReport& report,
                       const std::vector<std::string>& parts) {
    for (const std::string& problem : report.problems) {
      bool all = true;
      for (const std::string& part : parts) {
        all = all && problem.find(part) != std::string::npos;
      }
      if (all) return true;
    }
    return false;
  }

  TempStore db_;
};

TEST_F(ConsistencyTest, StoreBuiltByTheResolverIsClean) {
  ConsistencyReport report = Check();
  EXPECT_TRUE(report.ok());
  EXPECT_EQ(report.problem_count, 0);
  EXPECT_TRUE(report.problems.empty());
  EXPECT_EQ(report.records, 4);
  EXPECT_EQ(report.profiles, 2);
  EXPECT_EQ(report.redirects, 1);
  int64_t keys = 0;
  for (const v1::RecordRef& ref :
       {Ref("crm", "1"), Ref("shop", "1"), Ref("web", "1"), Ref("crm", "2")}) {
    keys += static_cast<int64_t>(MatchKeysOf(Stored(ref).features()).size());
  }
  EXPECT_EQ(report.index_entries, keys);
}

TEST_F(ConsistencyTest, ReportsAMissingIndexEntry) {
  storage::StoredRecord r = Stored(Ref("crm", "1"));
  const std::string key = MatchKeysOf(r.features()).at(0);
  Corrupt([&](StoreTxn* txn) { txn->DeleteMatchKey(key, Ref("crm", "1")); });
  ConsistencyReport report = Check();
  EXPECT_FALSE(report.ok());
  EXPECT_EQ(report.problem_count, 1);
  EXPECT_TRUE(Reported(report, {"record crm:1", key}));
}

TEST_F(ConsistencyTest, ReportsAnIndexEntryNamingAnotherProfile) {
  const std::string key = MatchKeysOf(Stored(Ref("crm", "2")).features()).at(0);
  Corrupt([&](StoreTxn* txn) {
    txn->PutMatchKey(key, {Ref("crm", "2"), "p-999"});
  });
  ConsistencyReport report = Check();
  EXPECT_FALSE(report.ok());
  EXPECT_TRUE(Reported(report, {"record crm:2", key, "p-999"}));
}

TEST_F(ConsistencyTest, ReportsAMissingMatchView) {
  const std::string id = Stored(Ref("crm", "2")).profile_id();
  Corrupt([&](StoreTxn* txn) { txn->DeleteMatchView(id); });
  ConsistencyReport report = Check();
  EXPECT_EQ(report.problem_count, 1);
  EXPECT_TRUE(Reported(report, {"profile " + id, "has no match view"}));
}

TEST_F(ConsistencyTest, ReportsAMatchViewWithStaleFeatures) {
  const std::string id = Stored(Ref("crm", "2")).profile_id();
  storage::MatchView view;
  absl::StatusOr<bool> found = db_.store()->ReadMatchViewInto(id, &view);
  ASSERT_TRUE(found.ok() && *found);
  ASSERT_EQ(view.features_size(), 1);
  EXPECT_EQ(view.features(0).family(), "stone");
  view.mutable_features(0)->set_family("stein");
  Corrupt([&](StoreTxn* txn) { txn->PutMatchView(view); });
  ConsistencyReport report = Check();
  EXPECT_EQ(report.problem_count, 1);
  EXPECT_TRUE(Reported(report, {"profile " + id, "match view differs"}));
}

TEST_F(ConsistencyTest, ReportsAStaleIndexEntry) {
  storage::StoredRecord r = Stored(Ref("crm", "2"));
  Corrupt([&](StoreTxn* txn) {
    txn->PutMatchKey("email:ghost@x.org", {Ref("crm", "2"), r.profile_id()});
    txn->PutMatchKey("email:ghost@x.org", {Ref("gone", "1"), r.profile_id()});
  });
  ConsistencyReport report = Check();
  EXPECT_EQ(report.problem_count, 2);
  EXPECT_TRUE(Reported(report, {"email:ghost@x.org", "crm:2"}));
  EXPECT_TRUE(Reported(report, {"email:ghost@x.org", "gone:1"}));
}

TEST_F(ConsistencyTest, ReportsARecordNamingAMissingProfile) {
  storage::StoredRecord r = Stored(Ref("crm", "2"));
  r.set_profile_id("p-999");
  Corrupt([&](StoreTxn* txn) { txn->PutRecord(r); });
  ConsistencyReport report = Check();
  EXPECT_FALSE(report.ok());
  EXPECT_TRUE(Reported(report, {"record crm:2", "p-999"}));
}

TEST_F(ConsistencyTest, ReportsADeletedProfileThroughItsRecords) {
  const std::string profile_id = Stored(Ref("crm", "2")).profile_id();
  Corrupt([&](StoreTxn* txn) { txn->DeleteProfile(profile_id); });
  ConsistencyReport report = Check();
  EXPECT_EQ(report.profiles, 1);
  EXPECT_TRUE(Reported(report, {"record crm:2", profile_id}));
}

TEST_F(ConsistencyTest, ReportsAProfileListingAMissingRecord) {
  const std::string profile_id = Stored(Ref("crm", "2")).profile_id();
  v1::Profile p = **db_.store()->GetProfile(profile_id);
  *p.add_records() = Ref("ghost", "9");
  Corrupt([&](StoreTxn* txn) { txn->PutProfile(p); });
  ConsistencyReport report = Check();
  EXPECT_EQ(report.problem_count, 1);
  EXPECT_TRUE(Reported(report, {"profile " + profile_id, "ghost:9"}));
}

TEST_F(ConsistencyTest, ReportsAProfileListingARecordTwice) {
  const std::string profile_id = Stored(Ref("crm", "2")).profile_id();
  v1::Profile p = **db_.store()->GetProfile(profile_id);
  *p.add_records() = Ref("crm", "2");
  Corrupt([&](StoreTxn* txn) { txn->PutProfile(p); });
  ConsistencyReport report = Check();
  EXPECT_FALSE(report.ok());
  EXPECT_TRUE(Reported(report, {"profile " + profile_id, "crm:2"}));
}

TEST_F(ConsistencyTest, ReportsARedirectItsTargetDoesNotList) {
  const std::string live = Stored(Ref("crm", "2")).profile_id();
  Corrupt([&](StoreTxn* txn) {
    txn->PutRedirect("p-77", live);
    txn->PutRedirect("p-78", "p-404");
  });
  ConsistencyReport report = Check();
  EXPECT_EQ(report.redirects, 3);
  EXPECT_EQ(report.problem_count, 2);
  EXPECT_TRUE(Reported(report, {"p-77", live}));
  EXPECT_TRUE(Reported(report, {"p-78", "p-404"}));
}

TEST_F(ConsistencyTest, ChecksOnlyTheStateOfTheGivenView) {
  std::unique_ptr<StoreView> before = db_.store()->NewSnapshot();
  Corrupt([&](StoreTxn* txn) { txn->DeleteRecord(Ref("crm", "2")); });
  EXPECT_TRUE(Check(before.get()).ok());
  EXPECT_FALSE(Check().ok());
}

}  // namespace
}  // namespace idres
