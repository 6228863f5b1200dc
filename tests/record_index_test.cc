#include "graph/record_index.h"

#include <memory>
#include <string>
#include <vector>

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

storage::StoredRecord MakeStored(const std::string& source_id,
                                 const std::string& profile_id,
                                 const std::vector<std::string>& keys) {
  storage::StoredRecord r;
  r.mutable_record()->set_source("crm");
  r.mutable_record()->set_source_id(source_id);
  r.set_profile_id(profile_id);
  for (const std::string& k : keys) r.add_match_keys(k);
  return r;
}

// Ann Lee's record (source, id) holding `email`.
v1::Record AnnLee(const std::string& source, const std::string& id,
                  const std::string& email) {
  return MakeRecord(source, id, {{"email", email}}, "Ann", "Lee");
}

class RecordIndexTest : public testing::Test {
 protected:
  // Commits what `stage` stages.
  void InTxn(const std::function<void(StoreTxn*)>& stage) {
    std::unique_ptr<StoreTxn> txn = db_.store()->BeginTxn();
    stage(txn.get());
    ASSERT_TRUE(txn->Commit().ok());
  }

  // Every index entry, as "key -> source:id=profile".
  std::vector<std::string> Index() {
    std::vector<std::string> out;
    absl::Status s = db_.store()->ForEachMatchKey(
        [&](absl::string_view key, const MatchKeyEntry& e) {
          out.push_back(std::string(key) + " -> " + e.record.source() + ":" +
                        e.record.source_id() + "=" + e.profile_id);
          return true;
        });
    EXPECT_TRUE(s.ok()) << s;
    return out;
  }

  storage::StoredRecord Stored(const v1::RecordRef& ref) {
    absl::StatusOr<std::optional<storage::StoredRecord>> r =
        db_.store()->GetRecord(ref);
    EXPECT_TRUE(r.ok() && r->has_value());
    return r.ok() && r->has_value() ? **r : storage::StoredRecord();
  }

  TempStore db_;
};

TEST_F(RecordIndexTest, IndexRecordWritesEachRecordedKeyNamingItsProfile) {
  storage::StoredRecord r = MakeStored("1", "p-1", {"email:a@x.org", "~d:1"});
  InTxn([&](StoreTxn* txn) { IndexRecord(txn, r); });
  EXPECT_EQ(Index(), (std::vector<std::string>{"email:a@x.org -> crm:1=p-1",
                                               "~d:1 -> crm:1=p-1"}));
}

TEST_F(RecordIndexTest, IndexRecordMovesEntriesToANewProfile) {
  storage::StoredRecord r = MakeStored("1", "p-1", {"email:a@x.org"});
  InTxn([&](StoreTxn* txn) { IndexRecord(txn, r); });
  r.set_profile_id("p-7");
  InTxn([&](StoreTxn* txn) { IndexRecord(txn, r); });
  EXPECT_EQ(Index(), (std::vector<std::string>{"email:a@x.org -> crm:1=p-7"}));
}

TEST_F(RecordIndexTest, UnindexRecordRemovesExactlyTheRecordedEntries) {
  storage::StoredRecord r = MakeStored("1", "p-1", {"email:a@x.org", "~d:1"});
  storage::StoredRecord other = MakeStored("2", "p-2", {"email:a@x.org"});
  InTxn([&](StoreTxn* txn) {
    IndexRecord(txn, r);
    IndexRecord(txn, other);
    // An entry of crm:1 that it does not record stays: not its to remove.
    txn->PutMatchKey("~other", {Ref("crm", "1"), "p-1"});
  });
  InTxn([&](StoreTxn* txn) { UnindexRecord(txn, r); });
  EXPECT_EQ(Index(), (std::vector<std::string>{"email:a@x.org -> crm:2=p-2",
                                               "~other -> crm:1=p-1"}));
}

TEST_F(RecordIndexTest, RekeyRecordReplacesThePreviousKeys) {
  storage::StoredRecord before = MakeStored("1", "p-1", {"a", "b"});
  InTxn([&](StoreTxn* txn) { IndexRecord(txn, before); });
  storage::StoredRecord after = MakeStored("1", "p-1", {});
  InTxn([&](StoreTxn* txn) { RekeyRecord(txn, {"b", "c"}, &before, &after); });
  EXPECT_EQ(std::vector<std::string>(after.match_keys().begin(),
                                     after.match_keys().end()),
            (std::vector<std::string>{"b", "c"}));
  EXPECT_EQ(Index(),
            (std::vector<std::string>{"b -> crm:1=p-1", "c -> crm:1=p-1"}));
}

TEST_F(RecordIndexTest, RebuildRecordIndexRecordsTodaysKeys) {
  v1::Record record = AnnLee("crm", "1", "ann.lee@x.org");
  storage::StoredRecord r;
  *r.mutable_record() = record;
  *r.mutable_features() =
      ExtractFeatures(record, DefaultMatchConfig()).features;
  r.set_profile_id("p-1");
  std::vector<std::string> today = MatchKeysOf(r.features());
  ASSERT_GE(today.size(), 3u);
  // Recorded by older rules: one key today lacks, one of today's missing;
  // one of today's entries names another profile.
  r.add_match_keys("~old:key");
  for (size_t i = 1; i < today.size(); ++i) r.add_match_keys(today[i]);
  InTxn([&](StoreTxn* txn) {
    IndexRecord(txn, r);
    txn->PutMatchKey(today[1], {RefOf(r), "p-9"});
  });
  absl::StatusOr<RecordIndexRepair> repair;
  InTxn([&](StoreTxn* txn) { repair = RebuildRecordIndex(txn, &r); });
  ASSERT_TRUE(repair.ok()) << repair.status();
  EXPECT_TRUE(repair->keys_changed);
  EXPECT_EQ(repair->entries_removed, 1);
  EXPECT_EQ(repair->entries_written, 2);  // today[0], and today[1] repointed.
  EXPECT_EQ(
      std::vector<std::string>(r.match_keys().begin(), r.match_keys().end()),
      today);
  std::vector<std::string> want;
  for (const std::string& k : today) want.push_back(k + " -> crm:1=p-1");
  EXPECT_EQ(Index(), want);

  InTxn([&](StoreTxn* txn) { repair = RebuildRecordIndex(txn, &r); });
  ASSERT_TRUE(repair.ok());
  EXPECT_FALSE(repair->keys_changed);
  EXPECT_EQ(repair->entries_written + repair->entries_removed, 0);
}

TEST_F(RecordIndexTest, RepairIndexEntryRemovesOrphansAndRepoints) {
  storage::StoredRecord r = MakeStored("1", "p-1", {"a"});
  EntryRepair belongs, orphan, gone, repointed;
  InTxn([&](StoreTxn* txn) {
    txn->PutMatchKey("a", {Ref("crm", "1"), "p-1"});
    txn->PutMatchKey("b", {Ref("crm", "1"), "p-1"});
    txn->PutMatchKey("a", {Ref("crm", "9"), "p-1"});
  });
  InTxn([&](StoreTxn* txn) {
    belongs = RepairIndexEntry(txn, "a", {Ref("crm", "1"), "p-1"}, &r);
    orphan = RepairIndexEntry(txn, "b", {Ref("crm", "1"), "p-1"}, &r);
    gone = RepairIndexEntry(txn, "a", {Ref("crm", "9"), "p-1"}, nullptr);
  });
  EXPECT_EQ(belongs, EntryRepair::kNone);
  EXPECT_EQ(orphan, EntryRepair::kRemoved);
  EXPECT_EQ(gone, EntryRepair::kRemoved);
  EXPECT_EQ(Index(), (std::vector<std::string>{"a -> crm:1=p-1"}));
  r.set_profile_id("p-2");
  InTxn([&](StoreTxn* txn) {
    repointed = RepairIndexEntry(txn, "a", {Ref("crm", "1"), "p-1"}, &r);
  });
  EXPECT_EQ(repointed, EntryRepair::kRewritten);
  EXPECT_EQ(Index(), (std::vector<std::string>{"a -> crm:1=p-2"}));
  EXPECT_TRUE(EntryBelongs(&r, "a", "p-2"));
  EXPECT_FALSE(EntryBelongs(&r, "a", "p-1"));
  EXPECT_FALSE(EntryBelongs(nullptr, "a", "p-2"));
}

TEST_F(RecordIndexTest, ResolutionRecordsTheKeysItIndexes) {
  Resolver resolver(db_.store(), DefaultMatchConfig());
  v1::Record record = AnnLee("crm", "1", "ann.lee@x.org");
  ASSERT_TRUE(resolver.Resolve(record).ok());
  storage::StoredRecord r = Stored(Ref("crm", "1"));
  std::vector<std::string> recorded(r.match_keys().begin(),
                                    r.match_keys().end());
  EXPECT_EQ(recorded, MatchKeysOf(r.features()));
  EXPECT_EQ(Index().size(), recorded.size());
  EXPECT_TRUE(RecordsKey(r, "email:ann.lee@x.org"));
}

TEST_F(RecordIndexTest, AnUpdateRemovesTheOldKeysItRecorded) {
  Resolver resolver(db_.store(), DefaultMatchConfig());
  ASSERT_TRUE(resolver.Resolve(AnnLee("crm", "1", "ann.lee@x.org")).ok());
  // As if older rules had written one more key for the record.
  storage::StoredRecord r = Stored(Ref("crm", "1"));
  r.add_match_keys("~old:ann");
  InTxn([&](StoreTxn* txn) {
    txn->PutRecord(r);
    IndexRecord(txn, r);
  });
  ASSERT_TRUE(resolver.Resolve(AnnLee("crm", "1", "ann.lee@y.org")).ok());
  for (const std::string& entry : Index()) {
    EXPECT_EQ(entry.find("ann.lee@x.org"), std::string::npos) << entry;
    EXPECT_EQ(entry.find("~old:ann"), std::string::npos) << entry;
  }
  std::unique_ptr<StoreView> snapshot = db_.store()->NewSnapshot();
  absl::StatusOr<ConsistencyReport> report = CheckConsistency(snapshot.get());
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->ok()) << report->problems.front();
}

TEST_F(RecordIndexTest, DeletionRemovesKeysOfOlderRulesToo) {
  Resolver resolver(db_.store(), DefaultMatchConfig());
  ASSERT_TRUE(resolver.Resolve(AnnLee("crm", "1", "ann.lee@x.org")).ok());
  ASSERT_TRUE(resolver.Resolve(AnnLee("shop", "1", "ann.lee@x.org")).ok());
  storage::StoredRecord r = Stored(Ref("crm", "1"));
  r.add_match_keys("~old:ann");  // A key today's rules no longer make.
  InTxn([&](StoreTxn* txn) {
    txn->PutRecord(r);
    IndexRecord(txn, r);
  });
  MatchConfig config = DefaultMatchConfig();
  Governance governance(db_.store(), &config);
  ASSERT_TRUE(governance.DeleteRecord(Ref("crm", "1"), "tester", "x").ok());
  for (const std::string& entry : Index()) {
    EXPECT_EQ(entry.find("crm:1"), std::string::npos) << entry;
  }
  std::unique_ptr<StoreView> snapshot = db_.store()->NewSnapshot();
  absl::StatusOr<ConsistencyReport> report = CheckConsistency(snapshot.get());
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->ok()) << report->problems.front();
}

}  // namespace
}  // namespace idres
