// Match quality floors: a labelled sample of generated French customers
// (examples/quality_customers.jsonl, written by
// bench/datasets/gen_customers.py --persons 400 --seed 11) goes through
// the resolver, and the clustering is scored against its truth.
#include <fstream>
#include <string>

#include "training/evaluation.h"
#include "client/json_io.h"
#include "gtest/gtest.h"
#include "graph/resolver.h"
#include "tests/test_support.h"

namespace idres {
namespace {

std::string ExamplePath(absl::string_view name) {
  return std::string(IDRES_SOURCE_DIR) + "/examples/" + std::string(name);
}

class QualityTest : public testing::Test {
 protected:
  QualityTest() : resolver_(db_.store(), DefaultMatchConfig()) {}

  // Resolves every record of the sample in file order.
  void IngestSample() {
    std::ifstream in(ExamplePath("quality_customers.jsonl"));
    ASSERT_TRUE(in.good());
    std::string line;
    while (std::getline(in, line)) {
      v1::Record record;
      absl::Status parsed = ParseJson(line, &record);
      ASSERT_TRUE(parsed.ok()) << parsed;
      absl::StatusOr<ResolveResult> r = resolver_.Resolve(record);
      ASSERT_TRUE(r.ok()) << r.status();
    }
  }

  ClusterAssignment Predicted() {
    ClusterAssignment out;
    absl::Status s = db_.store()->ForEachRecord(
        v1::RecordRef(), [&](const storage::StoredRecord& r) {
          out[RecordKey(r.record().source(), r.record().source_id())] =
              r.profile_id();
          return true;
        });
    EXPECT_TRUE(s.ok()) << s;
    return out;
  }

  TempStore db_;
  Resolver resolver_;
};

TEST_F(QualityTest, GeneratedCustomersMeetPrecisionAndF1Floors) {
  IngestSample();
  absl::StatusOr<ClusterAssignment> truth = ReadAssignmentCsv(
      ExamplePath("quality_customers_truth.csv"), "cluster");
  ASSERT_TRUE(truth.ok()) << truth.status();
  ClusteringScore score = ScoreClustering(Predicted(), *truth);
  EXPECT_EQ(score.missing_in_prediction, 0);
  // Households, twins and namesakes must not merge.
  EXPECT_GE(score.precision, 0.99);
  // Floors a little under the figures measured when the sample was made:
  // precision, recall, F1 and single-interlocutor rate all 1.0.
  EXPECT_GE(score.f1, 0.98) << "recall " << score.recall;
  EXPECT_GE(score.single_interlocutor_rate, 0.97);
}

}  // namespace
}  // namespace idres
