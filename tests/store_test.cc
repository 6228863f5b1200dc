#include <atomic>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "google/protobuf/arena.h"
#include "gtest/gtest.h"
#include "store/keys.h"
#include "store/profile_store.h"
#include "tests/test_support.h"

namespace idres {
namespace {

storage::StoredRecord MakeStored(const std::string& source,
                            const std::string& source_id,
                            const std::string& profile_id) {
  storage::StoredRecord r;
  r.mutable_record()->set_source(source);
  r.mutable_record()->set_source_id(source_id);
  r.mutable_record()->mutable_name()->set_given("Ann");
  r.set_profile_id(profile_id);
  r.set_ingest_seq(7);
  return r;
}

v1::Profile MakeProfile(const std::string& id) {
  v1::Profile p;
  p.set_profile_id(id);
  p.set_version(3);
  p.mutable_golden()->add_emails("ann@x.org");
  return p;
}

std::string Label(const v1::RecordRef& ref) {
  return ref.source() + ":" + ref.source_id();
}

std::vector<std::string> Labels(const std::vector<MatchKeyEntry>& entries) {
  std::vector<std::string> out;
  for (const MatchKeyEntry& e : entries) out.push_back(Label(e.record));
  return out;
}

// Runs `stage` in a new transaction and commits it.
void CommitTxn(ProfileStore* store,
               const std::function<void(StoreTxn*)>& stage) {
  std::unique_ptr<StoreTxn> txn = store->BeginTxn();
  stage(txn.get());
  ASSERT_TRUE(txn->Commit().ok());
}

// Commits one index entry for each of `refs` under `match_key`.
void PutEntries(ProfileStore* store, const std::string& match_key,
                const std::vector<v1::RecordRef>& refs) {
  CommitTxn(store, [&](StoreTxn* txn) {
    for (const v1::RecordRef& ref : refs) {
      txn->PutMatchKey(match_key, {ref, "p-" + ref.source_id()});
    }
  });
}

std::vector<std::string> RecordLabelsFrom(StoreView* view,
                                          const v1::RecordRef& start) {
  std::vector<std::string> out;
  absl::Status s = view->ForEachRecord(start, [&](const storage::StoredRecord& r) {
    out.push_back(r.record().source() + ":" + r.record().source_id());
    return true;
  });
  EXPECT_TRUE(s.ok()) << s;
  return out;
}

TEST(ProfileStoreTest, CommittedRecordProfileAndRedirectReadBack) {
  TempStore db;
  CommitTxn(db.store(), [](StoreTxn* txn) {
    txn->PutRecord(MakeStored("crm", "7", "p-1"));
    txn->PutProfile(MakeProfile("p-1"));
    txn->PutRedirect("p-2", "p-1");
  });
  absl::StatusOr<std::optional<storage::StoredRecord>> r =
      db.store()->GetRecord(Ref("crm", "7"));
  ASSERT_TRUE(r.ok() && r->has_value()) << r.status();
  EXPECT_EQ((*r)->SerializeAsString(),
            MakeStored("crm", "7", "p-1").SerializeAsString());
  absl::StatusOr<std::optional<v1::Profile>> p = db.store()->GetProfile("p-1");
  ASSERT_TRUE(p.ok() && p->has_value()) << p.status();
  EXPECT_EQ((*p)->SerializeAsString(), MakeProfile("p-1").SerializeAsString());
  EXPECT_EQ(*db.store()->GetRedirect("p-2"), "p-1");
  EXPECT_FALSE(db.store()->GetProfile("p-2")->has_value());
}

TEST(ProfileStoreTest, UnknownKeysReadAsNullopt) {
  TempStore db;
  EXPECT_FALSE(db.store()->GetRecord(Ref("crm", "7"))->has_value());
  EXPECT_FALSE(db.store()->GetProfile("p-1")->has_value());
  EXPECT_EQ(*db.store()->GetRedirect("p-1"), std::nullopt);
  EXPECT_EQ(*db.store()->GetMatchKeyEntry("email:a@x.fr", Ref("crm", "7")),
            std::nullopt);
  EXPECT_TRUE(db.store()->FindMatchKey("email:a@x.fr", 10)->empty());
}

TEST(ProfileStoreTest, DeletesRemoveRecordsProfilesAndEntries) {
  TempStore db;
  CommitTxn(db.store(), [](StoreTxn* txn) {
    txn->PutRecord(MakeStored("crm", "7", "p-1"));
    txn->PutProfile(MakeProfile("p-1"));
    txn->PutMatchKey("email:a@x.fr", {Ref("crm", "7"), "p-1"});
  });
  CommitTxn(db.store(), [](StoreTxn* txn) {
    txn->DeleteRecord(Ref("crm", "7"));
    txn->DeleteProfile("p-1");
    txn->DeleteMatchKey("email:a@x.fr", Ref("crm", "7"));
  });
  EXPECT_FALSE(db.store()->GetRecord(Ref("crm", "7"))->has_value());
  EXPECT_FALSE(db.store()->GetProfile("p-1")->has_value());
  EXPECT_TRUE(db.store()->FindMatchKey("email:a@x.fr", 10)->empty());
}

TEST(ProfileStoreTest, GetMatchKeyEntryReturnsTheEntrysProfile) {
  TempStore db;
  PutEntries(db.store(), "email:a@x.fr", {Ref("crm", "7")});
  EXPECT_EQ(*db.store()->GetMatchKeyEntry("email:a@x.fr", Ref("crm", "7")),
            "p-7");
  EXPECT_EQ(*db.store()->GetMatchKeyEntry("email:a@x.fr", Ref("crm", "8")),
            std::nullopt);
}

TEST(ProfileStoreTest, FindMatchKeyReturnsEntriesInRecordKeyOrder) {
  TempStore db;
  // Bytewise order of "source\0id": "a" < "b", and "10" < "9".
  PutEntries(db.store(), "email:a@x.fr",
             {Ref("b", "1"), Ref("a", "9"), Ref("ab", "1"), Ref("a", "10")});
  absl::StatusOr<std::vector<MatchKeyEntry>> found =
      db.store()->FindMatchKey("email:a@x.fr", 10);
  ASSERT_TRUE(found.ok()) << found.status();
  EXPECT_EQ(Labels(*found),
            (std::vector<std::string>{"a:10", "a:9", "ab:1", "b:1"}));
  EXPECT_EQ((*found)[0].profile_id, "p-10");
}

TEST(ProfileStoreTest, FindMatchKeyReturnsAtMostLimitEntries) {
  TempStore db;
  PutEntries(db.store(), "k",
             {Ref("s", "1"), Ref("s", "2"), Ref("s", "3"), Ref("s", "4")});
  EXPECT_EQ(Labels(*db.store()->FindMatchKey("k", 2)),
            (std::vector<std::string>{"s:1", "s:2"}));
  EXPECT_EQ(db.store()->FindMatchKey("k", 4)->size(), 4u);
  EXPECT_EQ(db.store()->FindMatchKey("k", 5)->size(), 4u);
}

TEST(ProfileStoreTest, FindMatchKeyWithLimitZeroReturnsNothing) {
  TempStore db;
  PutEntries(db.store(), "k", {Ref("s", "1"), Ref("s", "2")});
  EXPECT_TRUE(db.store()->FindMatchKey("k", 0)->empty());
}

TEST(ProfileStoreTest, FindMatchKeyIgnoresKeysItIsAPrefixOf) {
  TempStore db;
  PutEntries(db.store(), "email:a", {Ref("crm", "1")});
  PutEntries(db.store(), "email:ab", {Ref("crm", "2"), Ref("crm", "0")});
  PutEntries(db.store(), "email:", {Ref("crm", "3")});
  EXPECT_EQ(Labels(*db.store()->FindMatchKey("email:a", 10)),
            (std::vector<std::string>{"crm:1"}));
  EXPECT_EQ(Labels(*db.store()->FindMatchKey("email:ab", 10)),
            (std::vector<std::string>{"crm:0", "crm:2"}));
  EXPECT_EQ(Labels(*db.store()->FindMatchKey("email:", 10)),
            (std::vector<std::string>{"crm:3"}));
}

TEST(ProfileStoreTest, FindMatchKeyProfilesCountsEntriesAndListsProfiles) {
  TempStore db;
  CommitTxn(db.store(), [](StoreTxn* txn) {
    txn->PutMatchKey("k", {Ref("s", "1"), "p-1"});
    txn->PutMatchKey("k", {Ref("s", "2"), "p-1"});
    txn->PutMatchKey("k", {Ref("s", "3"), "p-2"});
    txn->PutMatchKey("k", {Ref("s", "4"), "p-3"});
    txn->PutMatchKey("kk", {Ref("s", "5"), "p-5"});  // "k" is its prefix.
  });
  std::unique_ptr<StoreTxn> txn = db.store()->BeginTxn();
  txn->PutMatchKey("j", {Ref("s", "6"), "p-6"});  // Seen through the txn.
  absl::StatusOr<std::vector<MatchKeyProfiles>> found =
      txn->FindMatchKeyProfiles({"k", "k", "none", "j", "kk"}, {10, 2, 5, 5, 5},
                                Ref("s", "3"));
  ASSERT_TRUE(found.ok()) << found.status();
  ASSERT_EQ(found->size(), 5u);
  // The excluded record counts as an entry but names no profile.
  EXPECT_EQ((*found)[0].entries, 4u);
  EXPECT_EQ((*found)[0].profile_ids, (std::vector<std::string>{"p-1", "p-3"}));
  EXPECT_EQ((*found)[1].entries, 2u);  // Stopped at the limit.
  EXPECT_EQ((*found)[1].profile_ids, (std::vector<std::string>{"p-1"}));
  EXPECT_EQ((*found)[2].entries, 0u);
  EXPECT_EQ((*found)[3].profile_ids, (std::vector<std::string>{"p-6"}));
  EXPECT_EQ((*found)[4].profile_ids, (std::vector<std::string>{"p-5"}));
}

TEST(ProfileStoreTest, UndecodableMatchKeyIsDataLossNamingTheKey) {
  TempStore db;
  // A blocking key: scanned (an identifier key is a point read of its
  // key_owners row, which never meets the other key's entry).
  CommitTxn(db.store(), [](StoreTxn* txn) {
    txn->PutMatchKey("~k", {Ref("s", "1"), "p-1"});
    // A NUL in the match key: the stored key holds three separators.
    txn->PutMatchKey(std::string("~k\0x", 4), {Ref("s", "2"), "p-2"});
  });
  auto expect_data_loss = [](const absl::Status& s) {
    EXPECT_EQ(s.code(), absl::StatusCode::kDataLoss) << s;
    EXPECT_NE(s.message().find("match_keys ~k\\000x\\000s\\0002"),
              absl::string_view::npos)
        << s;
  };
  expect_data_loss(db.store()->FindMatchKey("~k", 10).status());
  expect_data_loss(db.store()->FindMatchKeyPrefix("~k", 10).status());
  int seen = 0;
  expect_data_loss(db.store()->ForEachMatchKey(
      [&](absl::string_view, const MatchKeyEntry&) { return ++seen > 0; }));
  EXPECT_EQ(seen, 1);  // The entry before the undecodable one.
  absl::StatusOr<std::vector<MatchKeyEntry>> first =
      db.store()->FindMatchKey("~k", 1);  // Stops before it.
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_EQ(Labels(*first), (std::vector<std::string>{"s:1"}));
}

TEST(ProfileStoreTest, SchemaVersionIsCurrentAndStagedByTransactions) {
  TempStore db;
  EXPECT_EQ(*db.store()->GetSchemaVersion(), kStoreSchemaVersion);
  CommitTxn(db.store(), [](StoreTxn* txn) {
    txn->PutSchemaVersion(kOldestMigratableSchemaVersion);
  });
  EXPECT_EQ(*db.store()->GetSchemaVersion(), kOldestMigratableSchemaVersion);
  StoreOptions read_only;
  read_only.read_only = true;  // Beside the open store.
  absl::StatusOr<std::unique_ptr<ProfileStore>> other =
      OpenRocksDbProfileStore(db.dir() + "/db", read_only);
  EXPECT_EQ(other.status().code(), absl::StatusCode::kFailedPrecondition);
}

TEST(ProfileStoreTest, ReadContextIntoParsesIntoAnArenaMessage) {
  TempStore db;
  v1::ProfileContext context;
  context.set_profile_id("p-1");
  context.mutable_golden()->add_emails("ann@x.org");
  context.add_search_terms("ann");
  CommitTxn(db.store(), [&](StoreTxn* txn) { txn->PutContext(context); });
  google::protobuf::Arena arena;
  auto* out = google::protobuf::Arena::CreateMessage<v1::ProfileContext>(&arena);
  absl::StatusOr<bool> found = db.store()->ReadContextInto("p-1", out);
  ASSERT_TRUE(found.ok()) << found.status();
  EXPECT_TRUE(*found);
  EXPECT_EQ(out->SerializeAsString(), context.SerializeAsString());
  out->set_profile_id("untouched");
  found = db.store()->ReadContextInto("p-2", out);
  ASSERT_TRUE(found.ok()) << found.status();
  EXPECT_FALSE(*found);
  EXPECT_EQ(out->profile_id(), "untouched");
}

TEST(ProfileStoreTest, TxnReadsItsOwnWritesBeforeCommit) {
  TempStore db;
  PutEntries(db.store(), "k", {Ref("s", "2")});
  std::unique_ptr<StoreTxn> txn = db.store()->BeginTxn();
  txn->PutRecord(MakeStored("crm", "7", "p-1"));
  txn->PutProfile(MakeProfile("p-1"));
  txn->PutRedirect("p-2", "p-1");
  txn->PutMatchKey("k", {Ref("s", "1"), "p-1"});
  EXPECT_TRUE(txn->GetRecord(Ref("crm", "7"))->has_value());
  EXPECT_TRUE(txn->GetProfile("p-1")->has_value());
  EXPECT_EQ(*txn->GetRedirect("p-2"), "p-1");
  EXPECT_EQ(*txn->GetMatchKeyEntry("k", Ref("s", "1")), "p-1");
  EXPECT_EQ(Labels(*txn->FindMatchKey("k", 10)),
            (std::vector<std::string>{"s:1", "s:2"}));
  // The store itself still reads the committed state.
  EXPECT_FALSE(db.store()->GetRecord(Ref("crm", "7"))->has_value());
  EXPECT_EQ(db.store()->FindMatchKey("k", 10)->size(), 1u);
}

TEST(ProfileStoreTest, TxnReadsItsOwnDeletesBeforeCommit) {
  TempStore db;
  PutEntries(db.store(), "k", {Ref("s", "1"), Ref("s", "2")});
  std::unique_ptr<StoreTxn> txn = db.store()->BeginTxn();
  txn->DeleteMatchKey("k", Ref("s", "1"));
  EXPECT_EQ(Labels(*txn->FindMatchKey("k", 10)),
            (std::vector<std::string>{"s:2"}));
  EXPECT_EQ(*txn->GetMatchKeyEntry("k", Ref("s", "1")), std::nullopt);
  EXPECT_EQ(db.store()->FindMatchKey("k", 10)->size(), 2u);
}

TEST(ProfileStoreTest, UncommittedTxnDiscardsItsWrites) {
  TempStore db;
  {
    std::unique_ptr<StoreTxn> txn = db.store()->BeginTxn();
    txn->PutRecord(MakeStored("crm", "7", "p-1"));
    txn->PutProfile(MakeProfile("p-1"));
    txn->PutMatchKey("k", {Ref("crm", "7"), "p-1"});
  }
  EXPECT_FALSE(db.store()->GetRecord(Ref("crm", "7"))->has_value());
  EXPECT_FALSE(db.store()->GetProfile("p-1")->has_value());
  EXPECT_TRUE(db.store()->FindMatchKey("k", 10)->empty());
  // The abandoned transaction released the writer lock.
  std::unique_ptr<StoreTxn> next = db.store()->BeginTxn();
  EXPECT_FALSE(next->GetRecord(Ref("crm", "7"))->has_value());
}

TEST(ProfileStoreTest, NextCounterCountsFromOnePerName) {
  TempStore db;
  std::unique_ptr<StoreTxn> txn = db.store()->BeginTxn();
  EXPECT_EQ(*txn->NextCounter("profile"), 1u);
  EXPECT_EQ(*txn->NextCounter("profile"), 2u);
  EXPECT_EQ(*txn->NextCounter("ingest"), 1u);
  EXPECT_EQ(*txn->NextCounter("profile"), 3u);
}

TEST(ProfileStoreTest, CommitsAndCountersPersistAcrossReopen) {
  TempStore db;
  CommitTxn(db.store(), [](StoreTxn* txn) {
    ASSERT_EQ(*txn->NextCounter("profile"), 1u);
    ASSERT_EQ(*txn->NextCounter("profile"), 2u);
    txn->PutRecord(MakeStored("crm", "7", "p-1"));
    txn->PutMatchKey("k", {Ref("crm", "7"), "p-1"});
  });
  db.Reopen();
  ASSERT_NE(db.store(), nullptr);
  EXPECT_TRUE(db.store()->GetRecord(Ref("crm", "7"))->has_value());
  EXPECT_EQ(*db.store()->GetMatchKeyEntry("k", Ref("crm", "7")), "p-1");
  EXPECT_EQ(*db.store()->BeginTxn()->NextCounter("profile"), 3u);
}

TEST(ProfileStoreTest, AbandonedTxnsCounterValueIsHandedOutAgain) {
  TempStore db;
  uint64_t first = *db.store()->BeginTxn()->NextCounter("profile");
  uint64_t second = *db.store()->BeginTxn()->NextCounter("profile");
  EXPECT_EQ(second, first);
}

TEST(ProfileStoreTest, BeginTxnWaitsUntilTheOpenTxnEnds) {
  TempStore db;
  std::unique_ptr<StoreTxn> first = db.store()->BeginTxn();
  std::atomic<bool> second_began{false};
  uint64_t second_value = 0;
  std::thread other([&] {
    std::unique_ptr<StoreTxn> second = db.store()->BeginTxn();
    second_began = true;
    second_value = *second->NextCounter("c");
    EXPECT_TRUE(second->Commit().ok());
  });
  ASSERT_EQ(*first->NextCounter("c"), 1u);
  ASSERT_TRUE(first->Commit().ok());
  EXPECT_FALSE(second_began);
  first.reset();
  other.join();
  EXPECT_EQ(second_value, 2u);
}

TEST(ProfileStoreTest, SnapshotDoesNotSeeLaterCommits) {
  TempStore db;
  CommitTxn(db.store(), [](StoreTxn* txn) {
    txn->PutRecord(MakeStored("crm", "1", "p-1"));
    txn->PutProfile(MakeProfile("p-1"));
  });
  std::unique_ptr<StoreView> snapshot = db.store()->NewSnapshot();
  CommitTxn(db.store(), [](StoreTxn* txn) {
    txn->PutRecord(MakeStored("crm", "2", "p-1"));
    txn->DeleteProfile("p-1");
    txn->PutMatchKey("k", {Ref("crm", "2"), "p-1"});
  });
  EXPECT_EQ(RecordLabelsFrom(snapshot.get(), {}),
            (std::vector<std::string>{"crm:1"}));
  EXPECT_TRUE(snapshot->GetProfile("p-1")->has_value());
  EXPECT_TRUE(snapshot->FindMatchKey("k", 10)->empty());
  EXPECT_EQ(RecordLabelsFrom(db.store(), {}),
            (std::vector<std::string>{"crm:1", "crm:2"}));
  EXPECT_FALSE(db.store()->GetProfile("p-1")->has_value());
}

TEST(ProfileStoreTest, ForEachRecordStartsAtTheGivenRef) {
  TempStore db;
  CommitTxn(db.store(), [](StoreTxn* txn) {
    for (const char* id : {"1", "2", "3"}) {
      txn->PutRecord(MakeStored("a", id, "p-1"));
    }
    txn->PutRecord(MakeStored("b", "1", "p-1"));
  });
  EXPECT_EQ(RecordLabelsFrom(db.store(), {}),
            (std::vector<std::string>{"a:1", "a:2", "a:3", "b:1"}));
  EXPECT_EQ(RecordLabelsFrom(db.store(), Ref("a", "2")),
            (std::vector<std::string>{"a:2", "a:3", "b:1"}));
  // A start between two keys begins at the next one.
  EXPECT_EQ(RecordLabelsFrom(db.store(), Ref("a", "25")),
            (std::vector<std::string>{"a:3", "b:1"}));
  EXPECT_TRUE(RecordLabelsFrom(db.store(), Ref("c", "")).empty());
}

TEST(ProfileStoreTest, ForEachRecordStopsWhenTheCallbackReturnsFalse) {
  TempStore db;
  CommitTxn(db.store(), [](StoreTxn* txn) {
    for (const char* id : {"1", "2", "3"}) {
      txn->PutRecord(MakeStored("a", id, "p-1"));
    }
  });
  int records = 0;
  absl::Status s = db.store()->ForEachRecord(
      {}, [&](const storage::StoredRecord&) { return ++records < 2; });
  ASSERT_TRUE(s.ok()) << s;
  EXPECT_EQ(records, 2);
}

TEST(ProfileStoreTest, ForEachVisitsEveryProfileIndexEntryAndRedirect) {
  TempStore db;
  PutEntries(db.store(), "email:a", {Ref("crm", "1")});
  PutEntries(db.store(), "email:ab", {Ref("crm", "2")});
  CommitTxn(db.store(), [](StoreTxn* txn) {
    txn->PutProfile(MakeProfile("p-2"));
    txn->PutProfile(MakeProfile("p-1"));
    txn->PutRedirect("p-5", "p-1");
  });
  std::vector<std::string> seen;
  auto add = [&](std::string item) {
    seen.push_back(std::move(item));
    return true;
  };
  ASSERT_TRUE(db.store()
                  ->ForEachProfile(
                      [&](const v1::Profile& p) { return add(p.profile_id()); })
                  .ok());
  ASSERT_TRUE(
      db.store()
          ->ForEachMatchKey([&](absl::string_view k, const MatchKeyEntry& e) {
            return add(std::string(k) + "=" + Label(e.record) + ">" +
                       e.profile_id);
          })
          .ok());
  ASSERT_TRUE(
      db.store()
          ->ForEachRedirect([&](absl::string_view f, absl::string_view t) {
            return add(std::string(f) + ">" + std::string(t));
          })
          .ok());
  EXPECT_EQ(seen, (std::vector<std::string>{"p-1", "p-2", "email:a=crm:1>p-1",
                                            "email:ab=crm:2>p-2", "p-5>p-1"}));
}

TEST(ProfileStoreTest, CheckpointOpensAsAStoreWithTheSameData) {
  TempStore db;
  CommitTxn(db.store(), [](StoreTxn* txn) {
    txn->PutRecord(MakeStored("crm", "7", "p-1"));
    txn->PutProfile(MakeProfile("p-1"));
    txn->PutRedirect("p-2", "p-1");
    txn->PutMatchKey("k", {Ref("crm", "7"), "p-1"});
    ASSERT_EQ(*txn->NextCounter("profile"), 1u);
  });
  const std::string parent = NewTempDir();
  const std::string dir = parent + "/checkpoint";
  ASSERT_TRUE(db.store()->Checkpoint(dir).ok());
  // A later commit to the original does not reach the copy.
  CommitTxn(db.store(), [](StoreTxn* txn) {
    txn->PutRecord(MakeStored("crm", "8", "p-1"));
  });
  {
    absl::StatusOr<std::unique_ptr<ProfileStore>> copy =
        OpenRocksDbProfileStore(dir);
    ASSERT_TRUE(copy.ok()) << copy.status();
    ProfileStore* c = copy->get();
    EXPECT_EQ(RecordLabelsFrom(c, {}), (std::vector<std::string>{"crm:7"}));
    EXPECT_EQ((*c->GetProfile("p-1"))->SerializeAsString(),
              MakeProfile("p-1").SerializeAsString());
    EXPECT_EQ(*c->GetRedirect("p-2"), "p-1");
    EXPECT_EQ(*c->GetMatchKeyEntry("k", Ref("crm", "7")), "p-1");
    EXPECT_EQ(*c->BeginTxn()->NextCounter("profile"), 2u);
  }
  std::filesystem::remove_all(parent);
}

}  // namespace
}  // namespace idres
