#include "training/evaluation.h"

#include <fstream>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "gtest/gtest.h"

namespace idres {
namespace {

// Builds an assignment of records "1", "2", ... of source "s" from
// space-separated labels; a "-" leaves that record out.
ClusterAssignment Labels(absl::string_view labels) {
  ClusterAssignment out;
  int id = 0;
  for (absl::string_view label : absl::StrSplit(labels, ' ')) {
    ++id;
    if (label != "-")
      out[RecordKey("s", std::to_string(id))] = std::string(label);
  }
  return out;
}

// Person A has records 1-3, B has 4-5, C has 6. True pairs: 3 + 1 = 4.
constexpr absl::string_view kTruth = "A A A B B C";

TEST(EvaluationTest, PerfectClusteringScoresOne) {
  ClusteringScore s =
      ScoreClustering(Labels("p1 p1 p1 p2 p2 p3"), Labels(kTruth));
  EXPECT_EQ(s.records, 6);
  EXPECT_EQ(s.true_pairs, 4);
  EXPECT_EQ(s.predicted_pairs, 4);
  EXPECT_EQ(s.true_positive_pairs, 4);
  EXPECT_DOUBLE_EQ(s.precision, 1.0);
  EXPECT_DOUBLE_EQ(s.recall, 1.0);
  EXPECT_DOUBLE_EQ(s.f1, 1.0);
  EXPECT_EQ(s.persons, 3);
  EXPECT_DOUBLE_EQ(s.single_interlocutor_rate, 1.0);
  EXPECT_EQ(s.missing_in_prediction, 0);
  EXPECT_EQ(s.missing_in_truth, 0);
}

TEST(EvaluationTest, OverMergeLowersPrecisionOnly) {
  // B and C merged: predicted pairs 3 + 3, of which 4 are true.
  ClusteringScore s =
      ScoreClustering(Labels("p1 p1 p1 p2 p2 p2"), Labels(kTruth));
  EXPECT_EQ(s.predicted_pairs, 6);
  EXPECT_EQ(s.true_positive_pairs, 4);
  EXPECT_DOUBLE_EQ(s.precision, 4.0 / 6.0);
  EXPECT_DOUBLE_EQ(s.recall, 1.0);
  EXPECT_DOUBLE_EQ(s.f1, 0.8);
  EXPECT_DOUBLE_EQ(s.single_interlocutor_rate, 1.0 / 3.0);
}

TEST(EvaluationTest, SplitLowersRecallOnly) {
  // A split into {1,2} and {3}: 2 of the 4 true pairs are found.
  ClusteringScore s =
      ScoreClustering(Labels("p1 p1 p9 p2 p2 p3"), Labels(kTruth));
  EXPECT_EQ(s.predicted_pairs, 2);
  EXPECT_EQ(s.true_positive_pairs, 2);
  EXPECT_DOUBLE_EQ(s.precision, 1.0);
  EXPECT_DOUBLE_EQ(s.recall, 0.5);
  EXPECT_DOUBLE_EQ(s.f1, 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(s.single_interlocutor_rate, 2.0 / 3.0);
}

TEST(EvaluationTest, RecordsOnOneSideAreCountedNotScored) {
  // Record 3 missing from the prediction, record 7 unknown to the truth.
  ClusteringScore s =
      ScoreClustering(Labels("p1 p1 - p2 p2 p3 p3"), Labels(kTruth));
  EXPECT_EQ(s.records, 5);
  EXPECT_EQ(s.missing_in_prediction, 1);
  EXPECT_EQ(s.missing_in_truth, 1);
  EXPECT_EQ(s.true_pairs, 2);
  EXPECT_EQ(s.true_positive_pairs, 2);
  EXPECT_DOUBLE_EQ(s.f1, 1.0);
  EXPECT_DOUBLE_EQ(s.single_interlocutor_rate, 1.0);
}

TEST(EvaluationTest, NoPairsOnEitherSideScoresOne) {
  ClusteringScore s = ScoreClustering(Labels("p1 p2"), Labels("A B"));
  EXPECT_EQ(s.true_pairs, 0);
  EXPECT_EQ(s.predicted_pairs, 0);
  EXPECT_DOUBLE_EQ(s.precision, 1.0);
  EXPECT_DOUBLE_EQ(s.recall, 1.0);
  EXPECT_DOUBLE_EQ(s.f1, 1.0);
}

TEST(EvaluationTest, EverythingInOneClusterOfSingletonsScoresZero) {
  ClusteringScore s = ScoreClustering(Labels("p1 p1"), Labels("A B"));
  EXPECT_DOUBLE_EQ(s.precision, 0.0);
  EXPECT_DOUBLE_EQ(s.recall, 1.0);
  EXPECT_DOUBLE_EQ(s.f1, 0.0);
  EXPECT_DOUBLE_EQ(s.single_interlocutor_rate, 0.0);
}

TEST(EvaluationTest, EmptyInputsScoreOne) {
  ClusteringScore s = ScoreClustering({}, {});
  EXPECT_EQ(s.records, 0);
  EXPECT_EQ(s.persons, 0);
  EXPECT_DOUBLE_EQ(s.f1, 1.0);
  EXPECT_DOUBLE_EQ(s.single_interlocutor_rate, 1.0);
}

std::string WriteFile(const std::string& name, const std::string& text) {
  std::string path = testing::TempDir() + name;
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

TEST(EvaluationTest, ReadsQuotedFieldsAnyColumnOrderAndCrlf) {
  std::string path = WriteFile("export.csv",
                               "\xEF\xBB\xBFprofile_id,source_id,source\r\n"
                               "p-1,\"a,1\",crm\r\n"
                               "\r\n"
                               "\"p-\"\"2\"\"\",b2,shop\r\n");
  absl::StatusOr<ClusterAssignment> got = ReadAssignmentCsv(path, "profile_id");
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_EQ(got->size(), 2u);
  EXPECT_EQ(got->at(RecordKey("crm", "a,1")), "p-1");
  EXPECT_EQ(got->at(RecordKey("shop", "b2")), "p-\"2\"");
}

TEST(EvaluationTest, MissingFileIsNotFound) {
  absl::StatusOr<ClusterAssignment> got =
      ReadAssignmentCsv(testing::TempDir() + "absent.csv", "cluster");
  EXPECT_EQ(got.status().code(), absl::StatusCode::kNotFound);
}

struct BadCsvCase {
  std::string text;
  std::string message;  // Expected after the path.
};

TEST(EvaluationTest, RejectsMalformedCsvNamingFileAndLine) {
  const std::vector<BadCsvCase> cases = {
      {"source,source_id,cluster\ns,1,A\ns,2\n",
       ":3: expected 3 fields, got 2"},
      {"source,source_id\ns,1\n", ":1: header lacks column cluster"},
      {"source,source_id,cluster\ns,\"1,A\n", ":2: unterminated quoted field"},
      {"source,source_id,cluster\ns,1,A\ns,1,B\n",
       ":3: record s/1 listed twice"},
      {"source,source_id,cluster\ns,1,\n",
       ":2: empty source, source_id or cluster label"},
      {"", ": no header line"},
  };
  for (const BadCsvCase& c : cases) {
    std::string path = WriteFile("truth.csv", c.text);
    absl::StatusOr<ClusterAssignment> got = ReadAssignmentCsv(path, "cluster");
    ASSERT_FALSE(got.ok()) << c.text;
    EXPECT_EQ(got.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_EQ(std::string(got.status().message()), path + c.message);
  }
}

}  // namespace
}  // namespace idres
