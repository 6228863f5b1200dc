#include "graph/reindex.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "governance/governance.h"
#include "graph/consistency.h"
#include "graph/resolver.h"
#include "gtest/gtest.h"
#include "match/features.h"
#include "match/match_config.h"
#include "store/record_ref.h"
#include "tests/test_support.h"

namespace idres {
namespace {

v1::Record Person(const std::string& source, int id, const std::string& email,
                  absl::string_view given, absl::string_view family) {
  v1::Record r;
  r.set_source(source);
  r.set_source_id(absl::StrCat(id));
  v1::Identifier* i = r.add_identifiers();
  i->set_type("email");
  i->set_value(email);
  r.mutable_name()->set_given(std::string(given));
  r.mutable_name()->set_family(std::string(family));
  r.set_birth_date("1980-02-0" + std::to_string(1 + id % 9));
  r.mutable_address()->set_postal_code("6900" + std::to_string(id % 10));
  return r;
}

// Adds what a live profile derives (profile, context, match view, audit)
// to `out`, serialized, keyed by what it is.
void AddProfile(StoreView* view, const v1::Profile& p,
                std::map<std::string, std::string>* out) {
  const std::string& id = p.profile_id();
  (*out)["profile " + id] = p.SerializeAsString();
  absl::StatusOr<std::optional<v1::ProfileContext>> context =
      view->GetContext(id);
  ASSERT_TRUE(context.ok() && context->has_value());
  (*out)["context " + id] = (*context)->SerializeAsString();
  storage::MatchView m;
  ASSERT_TRUE(*view->ReadMatchViewInto(id, &m));
  (*out)["view " + id] = m.SerializeAsString();
  ASSERT_TRUE(view->ForEachAuditOf(
                      id,
                      [&](const v1::AuditEntry& a) {
                        (*out)[absl::StrCat("audit ", id, " ", a.sequence())] =
                            a.SerializeAsString();
                        return true;
                      })
                  .ok());
}

// Everything a reindex must leave as it is, serialized, keyed by what it
// is: records but for their recorded keys, profiles and what they derive,
// redirects, constraints and events.
std::map<std::string, std::string> Untouchable(StoreView* view) {
  std::map<std::string, std::string> out;
  EXPECT_TRUE(view->ForEachRecord({},
                                  [&](const storage::StoredRecord& r) {
                                    storage::StoredRecord copy = r;
                                    copy.clear_match_keys();
                                    out["record " + RecordLabel(RefOf(r))] =
                                        copy.SerializeAsString();
                                    return true;
                                  })
                  .ok());
  EXPECT_TRUE(view->ForEachProfile([&](const v1::Profile& p) {
                    AddProfile(view, p, &out);
                    return true;
                  })
                  .ok());
  EXPECT_TRUE(
      view->ForEachRedirect([&](absl::string_view from, absl::string_view to) {
            out["redirect " + std::string(from)] = std::string(to);
            return true;
          })
          .ok());
  EXPECT_TRUE(
      view->ForEachConstraint([&](const v1::LinkConstraint& c) {
            out["constraint " + RecordLabel(c.a()) + " " + RecordLabel(c.b())] =
                c.SerializeAsString();
            return true;
          })
          .ok());
  absl::StatusOr<std::vector<v1::ChangeEvent>> events =
      view->ReadEvents(0, 100000);
  EXPECT_TRUE(events.ok()) << events.status();
  if (!events.ok()) return out;
  for (const v1::ChangeEvent& e : *events) {
    out[absl::StrCat("event ", e.sequence())] = e.SerializeAsString();
  }
  return out;
}

// A store filled through the resolver and governance (a merge by e-mail,
// a manual merge, a deletion), then turned back into what schema 2 wrote:
// no recorded keys, plus index entries of older key rules.
class ReindexTest : public testing::Test {
 protected:
  void SetUp() override {
    Resolver resolver(db_.store(), DefaultMatchConfig());
    const char* given[] = {"Anne", "Bruno", "Chloe", "David", "Emma",  "Felix",
                           "Gina", "Hugo",  "Ines",  "Jules", "Karim", "Lea"};
    const char* family[] = {"Martin", "Bernard", "Dubois", "Thomas",
                            "Robert", "Richard", "Petit",  "Durand",
                            "Leroy",  "Moreau",  "Simon",  "Laurent"};
    std::vector<v1::Record> records;
    for (int i = 0; i < 12; ++i) {
      records.push_back(Person("crm", i, absl::StrCat("p", i, "@x.org"),
                               given[i], family[i]));
    }
    records.push_back(Person("shop", 1, "p1@x.org", given[1], family[1]));
    records.push_back(Person("shop", 2, "p2@x.org", given[2], family[2]));
    for (const v1::Record& r : records) {
      ASSERT_TRUE(resolver.Resolve(r).ok());
    }
    MatchConfig config = DefaultMatchConfig();
    Governance governance(db_.store(), &config);
    std::string a = Stored(Ref("crm", 3)).profile_id();
    std::string b = Stored(Ref("crm", 4)).profile_id();
    ASSERT_TRUE(governance.MergeProfiles({a, b}, "tester", "same").ok());
    ASSERT_TRUE(governance.DeleteRecord(Ref("crm", 5), "tester", "gone").ok());
  }

  static v1::RecordRef Ref(const std::string& source, int id) {
    v1::RecordRef ref;
    ref.set_source(source);
    ref.set_source_id(absl::StrCat(id));
    return ref;
  }

  storage::StoredRecord Stored(const v1::RecordRef& ref) {
    absl::StatusOr<std::optional<storage::StoredRecord>> r =
        db_.store()->GetRecord(ref);
    EXPECT_TRUE(r.ok() && r->has_value());
    return r.ok() && r->has_value() ? **r : storage::StoredRecord();
  }

  // Rewrites the store as schema 2 left it: records without recorded
  // keys, one entry missing, and stale entries of older rules (one of a
  // record that exists, one of a record long deleted).
  void MakeSchema2() {
    std::unique_ptr<StoreTxn> txn = db_.store()->BeginTxn();
    std::vector<storage::StoredRecord> all;
    ASSERT_TRUE(txn->ForEachRecord({},
                                   [&](const storage::StoredRecord& r) {
                                     all.push_back(r);
                                     return true;
                                   })
                    .ok());
    for (storage::StoredRecord& r : all) {
      r.clear_match_keys();
      txn->PutRecord(r);
    }
    storage::StoredRecord r = Stored(Ref("crm", 1));
    txn->DeleteMatchKey(MatchKeysOf(r.features()).front(), Ref("crm", 1));
    txn->PutMatchKey("~old:given1", {Ref("crm", 1), r.profile_id()});
    txn->PutMatchKey("~old:given1", {Ref("crm", 99), r.profile_id()});
    txn->PutSchemaVersion(2);
    ASSERT_TRUE(txn->Commit().ok());
  }

  // Reopens the store as `idres migrate` does.
  void ReopenForMigration() {
    StoreOptions options;
    options.open_older_schema = true;
    db_.Reopen(options);
    ASSERT_NE(db_.store(), nullptr);
  }

  ConsistencyReport Check(ProfileStore* store) {
    std::unique_ptr<StoreView> snapshot = store->NewSnapshot();
    absl::StatusOr<ConsistencyReport> report = CheckConsistency(snapshot.get());
    EXPECT_TRUE(report.ok()) << report.status();
    return report.ok() ? *report : ConsistencyReport();
  }

  static ReindexOptions SmallBatches() {
    ReindexOptions options;
    options.batch_records = 3;
    options.batch_entries = 7;
    return options;
  }

  TempStore db_;
};

TEST_F(ReindexTest, StoreBuiltTodayIsCleanAndUnchangedByAReindex) {
  EXPECT_TRUE(Check(db_.store()).ok());
  std::unique_ptr<StoreView> before = db_.store()->NewSnapshot();
  absl::StatusOr<ReindexReport> report =
      ReindexStore(db_.store(), SmallBatches());
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_EQ(report->from_version, kStoreSchemaVersion);
  EXPECT_EQ(report->records, 13);
  EXPECT_EQ(report->records_rekeyed, 0);
  EXPECT_EQ(report->entries_written, 0);
  EXPECT_EQ(report->entries_removed, 0);
  EXPECT_TRUE(report->done);
  std::unique_ptr<StoreView> after = db_.store()->NewSnapshot();
  EXPECT_EQ(Untouchable(before.get()), Untouchable(after.get()));
  EXPECT_EQ(Check(db_.store()).index_entries, report->entries_scanned);
}

TEST_F(ReindexTest, Schema2StoreIsRefusedUnlessOpenedForMigration) {
  MakeSchema2();
  StoreOptions read_only;
  read_only.read_only = true;
  absl::StatusOr<std::unique_ptr<ProfileStore>> s =
      OpenRocksDbProfileStore(db_.dir() + "/db", read_only);
  // The writable store is still open; a read-only one opens beside it.
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_TRUE(absl::StrContains(s.status().message(), "schema version 2"));
  EXPECT_TRUE(absl::StrContains(s.status().message(), "idres migrate"));
  read_only.open_older_schema = true;
  s = OpenRocksDbProfileStore(db_.dir() + "/db", read_only);
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_EQ(*(*s)->GetSchemaVersion(), 2);
}

TEST_F(ReindexTest, MigrationRecordsTodaysKeysAndRemovesStaleEntries) {
  std::map<std::string, std::string> before;
  {
    std::unique_ptr<StoreView> view = db_.store()->NewSnapshot();
    before = Untouchable(view.get());
  }
  MakeSchema2();
  ReopenForMigration();
  EXPECT_FALSE(Check(db_.store()).ok());
  absl::StatusOr<ReindexReport> report =
      ReindexStore(db_.store(), SmallBatches());
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_EQ(report->from_version, 2);
  EXPECT_EQ(report->records, 13);
  EXPECT_EQ(report->records_rekeyed, 13);
  EXPECT_EQ(report->entries_written, 1);
  EXPECT_EQ(report->entries_removed, 2);
  EXPECT_EQ(*db_.store()->GetSchemaVersion(), kStoreSchemaVersion);
  ConsistencyReport check = Check(db_.store());
  EXPECT_TRUE(check.ok()) << check.problems.front();
  EXPECT_EQ(check.index_entries, report->entries_scanned - 2);
  std::unique_ptr<StoreView> after = db_.store()->NewSnapshot();
  EXPECT_EQ(Untouchable(after.get()), before);
  absl::StatusOr<std::vector<MatchKeyEntry>> old =
      db_.store()->FindMatchKey("~old:given1", 10);
  ASSERT_TRUE(old.ok());
  EXPECT_TRUE(old->empty());
  after.reset();
  db_.Reopen();  // Schema 3 now: opens as usual.
  ASSERT_NE(db_.store(), nullptr);
  EXPECT_TRUE(Check(db_.store()).ok());
}

TEST_F(ReindexTest, InterruptedMigrationKeepsTheOldVersionAndResumes) {
  MakeSchema2();
  ReopenForMigration();
  ReindexOptions options = SmallBatches();
  int batches = 0;
  options.after_batch = [&](const ReindexReport&) { return ++batches < 2; };
  absl::StatusOr<ReindexReport> stopped = ReindexStore(db_.store(), options);
  ASSERT_FALSE(stopped.ok());
  EXPECT_EQ(stopped.status().code(), absl::StatusCode::kCancelled);
  EXPECT_EQ(*db_.store()->GetSchemaVersion(), 2);
  // The second stop lands in the index pass, after every record.
  batches = 0;
  options.after_batch = [&](const ReindexReport& r) {
    return r.records < 13 || ++batches < 2;
  };
  stopped = ReindexStore(db_.store(), options);
  ASSERT_FALSE(stopped.ok());
  EXPECT_EQ(*db_.store()->GetSchemaVersion(), 2);
  absl::StatusOr<ReindexReport> report =
      ReindexStore(db_.store(), SmallBatches());
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_EQ(report->records_rekeyed, 0);  // Done by the stopped runs.
  EXPECT_EQ(*db_.store()->GetSchemaVersion(), kStoreSchemaVersion);
  ConsistencyReport check = Check(db_.store());
  EXPECT_TRUE(check.ok()) << check.problems.front();
}

TEST_F(ReindexTest, ReindexReplacesKeysOfOlderRules) {
  // A record whose recorded keys came from older rules: one extra key (and
  // its entry), one of today's missing.
  storage::StoredRecord r = Stored(Ref("crm", 7));
  std::vector<std::string> today = MatchKeysOf(r.features());
  {
    std::unique_ptr<StoreTxn> txn = db_.store()->BeginTxn();
    txn->DeleteMatchKey(today.back(), Ref("crm", 7));
    r.mutable_match_keys()->RemoveLast();
    r.add_match_keys("~old:given7");
    txn->PutMatchKey("~old:given7", {Ref("crm", 7), r.profile_id()});
    txn->PutRecord(r);
    ASSERT_TRUE(txn->Commit().ok());
  }
  EXPECT_TRUE(Check(db_.store()).ok());  // Consistent with what it records.
  absl::StatusOr<ReindexReport> report =
      ReindexStore(db_.store(), SmallBatches());
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_EQ(report->records_rekeyed, 1);
  EXPECT_EQ(report->entries_written, 1);
  EXPECT_EQ(report->entries_removed, 1);
  storage::StoredRecord after = Stored(Ref("crm", 7));
  EXPECT_EQ(std::vector<std::string>(after.match_keys().begin(),
                                     after.match_keys().end()),
            today);
  EXPECT_TRUE(Check(db_.store()).ok());
}

TEST_F(ReindexTest, RefusesAStoreOlderThanSchema2) {
  {
    std::unique_ptr<StoreTxn> txn = db_.store()->BeginTxn();
    txn->PutSchemaVersion(1);
    ASSERT_TRUE(txn->Commit().ok());
  }
  absl::StatusOr<ReindexReport> report =
      ReindexStore(db_.store(), ReindexOptions());
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.status().code(), absl::StatusCode::kFailedPrecondition);
  StoreOptions options;
  options.read_only = true;
  options.open_older_schema = true;
  absl::StatusOr<std::unique_ptr<ProfileStore>> s =
      OpenRocksDbProfileStore(db_.dir() + "/db", options);
  ASSERT_FALSE(s.ok());
  EXPECT_TRUE(absl::StrContains(s.status().message(), "ingest"));
}

}  // namespace
}  // namespace idres
