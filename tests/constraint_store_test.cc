// The constraint and audit tables of the RocksDB store.
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "graph/link_constraints.h"
#include "store/profile_store.h"
#include "tests/test_support.h"

namespace idres {
namespace {

v1::LinkConstraint Cannot(const v1::RecordRef& x, const v1::RecordRef& y) {
  return MakeConstraint(v1::CONSTRAINT_KIND_CANNOT_LINK, x, y, "agent", "twins",
                        google::protobuf::Timestamp());
}

std::vector<std::string> Others(StoreView* view, const v1::RecordRef& ref) {
  std::vector<std::string> out;
  EXPECT_TRUE(view->ForEachConstraintOf(ref,
                                        [&](const v1::LinkConstraint& c) {
                                          out.push_back(
                                              RecordLabel(OtherEnd(c, ref)));
                                          return true;
                                        })
                  .ok());
  return out;
}

TEST(ConstraintStoreTest, AConstraintIsFoundFromBothRecordsAndListedOnce) {
  TempStore db;
  {
    std::unique_ptr<StoreTxn> txn = db.store()->BeginTxn();
    txn->PutConstraint(Cannot(Ref("web", "b"), Ref("crm", "a")));
    txn->PutConstraint(Cannot(Ref("crm", "a"), Ref("crm", "c")));
    ASSERT_TRUE(txn->Commit().ok());
  }
  EXPECT_EQ(Others(db.store(), Ref("crm", "a")),
            (std::vector<std::string>{"crm:c", "web:b"}));
  EXPECT_EQ(Others(db.store(), Ref("web", "b")),
            (std::vector<std::string>{"crm:a"}));
  // "crm:a" must not find constraints of a record "crm:a..." .
  EXPECT_TRUE(Others(db.store(), Ref("crm", "")).empty());
  int listed = 0;
  ASSERT_TRUE(db.store()
                  ->ForEachConstraint([&](const v1::LinkConstraint& c) {
                    EXPECT_EQ(c.a().source(), "crm");  // a sorts first.
                    ++listed;
                    return true;
                  })
                  .ok());
  EXPECT_EQ(listed, 2);
}

TEST(ConstraintStoreTest, PutReplacesAndDeleteRemovesBothDirections) {
  TempStore db;
  std::unique_ptr<StoreTxn> txn = db.store()->BeginTxn();
  txn->PutConstraint(Cannot(Ref("crm", "a"), Ref("crm", "b")));
  txn->PutConstraint(MakeConstraint(v1::CONSTRAINT_KIND_MUST_LINK,
                                    Ref("crm", "b"), Ref("crm", "a"), "x", "y",
                                    google::protobuf::Timestamp()));
  absl::StatusOr<std::optional<v1::LinkConstraint>> found =
      FindConstraint(txn.get(), Ref("crm", "b"), Ref("crm", "a"));
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_EQ((*found)->kind(), v1::CONSTRAINT_KIND_MUST_LINK);
  txn->DeleteConstraint(Ref("crm", "b"), Ref("crm", "a"));
  EXPECT_TRUE(Others(txn.get(), Ref("crm", "a")).empty());
  EXPECT_TRUE(Others(txn.get(), Ref("crm", "b")).empty());
}

TEST(ConstraintStoreTest, AuditEntriesAreListedUnderEachIdTheyName) {
  TempStore db;
  {
    std::unique_ptr<StoreTxn> txn = db.store()->BeginTxn();
    for (uint64_t seq : {2, 1}) {
      v1::AuditEntry e;
      e.set_sequence(seq);
      e.add_profile_ids_before("p-1");
      e.add_profile_ids_before(seq == 1 ? "p-2" : "p-1");
      e.add_profile_ids_after("p-1");
      txn->PutAuditEntry(e);
    }
    ASSERT_TRUE(txn->Commit().ok());
  }
  db.Reopen();
  std::vector<uint64_t> of_p1, of_p2;
  ASSERT_TRUE(db.store()
                  ->ForEachAuditOf("p-1",
                                   [&](const v1::AuditEntry& e) {
                                     of_p1.push_back(e.sequence());
                                     return true;
                                   })
                  .ok());
  ASSERT_TRUE(db.store()
                  ->ForEachAuditOf("p-2",
                                   [&](const v1::AuditEntry& e) {
                                     of_p2.push_back(e.sequence());
                                     return true;
                                   })
                  .ok());
  EXPECT_EQ(of_p1, (std::vector<uint64_t>{1, 2}));  // Oldest first, once.
  EXPECT_EQ(of_p2, (std::vector<uint64_t>{1}));
}

}  // namespace
}  // namespace idres
