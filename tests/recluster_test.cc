// ClusterRecords: how a profile's records group again on re-evaluation.
#include "graph/recluster.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "match/features.h"
#include "graph/link_constraints.h"

namespace idres {
namespace {

class ReclusterTest : public testing::Test {
 protected:
  // Adds a record "web:<id>" with `emails` and an optional given name.
  void Add(const std::string& id, std::vector<std::string> emails,
           const std::string& given = "") {
    v1::Record r;
    r.set_source("web");
    r.set_source_id(id);
    r.mutable_name()->set_given(given);
    if (!given.empty()) r.mutable_name()->set_family("Martin");
    for (const std::string& e : emails) {
      v1::Identifier* i = r.add_identifiers();
      i->set_type("email");
      i->set_value(e);
    }
    storage::StoredRecord& s = stored_.emplace_back();
    *s.mutable_record() = r;
    *s.mutable_features() = ExtractFeatures(r, config_).features;
    s.set_ingest_seq(stored_.size());
  }

  v1::RecordRef Ref(const std::string& id) {
    v1::RecordRef r;
    r.set_source("web");
    r.set_source_id(id);
    return r;
  }

  std::vector<std::vector<int>> Cluster() {
    std::vector<const storage::StoredRecord*> ptrs;
    for (const storage::StoredRecord& s : stored_) ptrs.push_back(&s);
    return ClusterRecords(ptrs, constraints_, config_,
                          google::protobuf::Timestamp(), &evidence_);
  }

  MatchConfig config_ = DefaultMatchConfig();
  std::vector<storage::StoredRecord> stored_;
  std::vector<v1::LinkConstraint> constraints_;
  std::vector<v1::LinkEvidence> evidence_;
};

using Groups = std::vector<std::vector<int>>;

TEST_F(ReclusterTest, ABridgeRecordHoldsTwoGroupsTogether) {
  Add("a", {"a@x.fr"});
  Add("b", {"b@x.fr"});
  Add("c", {"a@x.fr", "b@x.fr"});
  EXPECT_EQ(Cluster(), (Groups{{0, 1, 2}}));
  EXPECT_EQ(evidence_[0].rule(), "new_profile");
  EXPECT_EQ(evidence_[2].rule(), "score");
}

TEST_F(ReclusterTest, WithoutTheBridgeTheGroupsFallApartOldestFirst) {
  Add("b", {"b@x.fr"});
  Add("a", {"a@x.fr"});
  Add("a2", {"a@x.fr"});
  EXPECT_EQ(Cluster(), (Groups{{0}, {1, 2}}));
}

TEST_F(ReclusterTest, MustLinkHoldsConflictingRecordsTogether) {
  Add("1", {"lea@x.fr"}, "Lea");
  Add("2", {"zoe@x.fr"}, "Zoe");
  EXPECT_EQ(Cluster().size(), 2u);
  constraints_.push_back(MakeConstraint(v1::CONSTRAINT_KIND_MUST_LINK, Ref("1"),
                                        Ref("2"), "a", "r",
                                        google::protobuf::Timestamp()));
  EXPECT_EQ(Cluster(), (Groups{{0, 1}}));
  EXPECT_EQ(evidence_[1].rule(), "must_link");
}

TEST_F(ReclusterTest, CannotLinkKeepsABridgeFromJoiningBothSides) {
  Add("a", {"a@x.fr"});
  Add("b", {"b@x.fr"});
  Add("c", {"a@x.fr", "b@x.fr"});
  constraints_.push_back(MakeConstraint(v1::CONSTRAINT_KIND_CANNOT_LINK,
                                        Ref("a"), Ref("b"), "a", "r",
                                        google::protobuf::Timestamp()));
  Groups groups = Cluster();
  ASSERT_EQ(groups.size(), 2u);
  EXPECT_EQ(groups[0].size() + groups[1].size(), 3u);
}

}  // namespace
}  // namespace idres
