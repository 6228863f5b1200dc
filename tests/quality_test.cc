// Match quality floors: labelled samples of generated French customers go
// through the resolver, and the clustering is scored against their truth:
// examples/quality_customers.jsonl (bench/datasets/gen_customers.py
// --persons 400 --seed 11) and, from the second, independent generator,
// examples/quality_households.jsonl (bench/datasets/gen_households.py
// --persons 400 --seed 11: households, twins, same-name parents and
// children, family e-mails, nameless records).
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

  // Resolves every record of the sample `name` in file order.
  void IngestSample(absl::string_view name) {
    std::ifstream in(ExamplePath(name));
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
  IngestSample("quality_customers.jsonl");
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

TEST_F(QualityTest, SecondGeneratorsHouseholdsMeetPrecisionAndF1Floors) {
  IngestSample("quality_households.jsonl");
  absl::StatusOr<ClusterAssignment> truth = ReadAssignmentCsv(
      ExamplePath("quality_households_truth.csv"), "cluster");
  ASSERT_TRUE(truth.ok()) << truth.status();
  ClusteringScore score = ScoreClustering(Predicted(), *truth);
  EXPECT_EQ(score.missing_in_prediction, 0);
  // Floors a little under the figures measured when the sample was made
  // (2026-12-06): precision 0.9896, recall 0.8596, F1 0.9200,
  // single-interlocutor 0.82; recall is capped by records that carry no
  // name and an identifier seen nowhere else (docs/quality.md).
  EXPECT_GE(score.precision, 0.985);
  EXPECT_GE(score.f1, 0.91) << "recall " << score.recall;
  EXPECT_GE(score.single_interlocutor_rate, 0.81);
}

}  // namespace
}  // namespace idres
