#include "training/training.h"

#include <fstream>
#include <string>

#include "client/json_io.h"
#include "gtest/gtest.h"
#include "match/features.h"
#include "match/match_settings_text.h"
#include "graph/resolver.h"
#include "tests/test_support.h"

namespace idres {
namespace {

storage::RecordFeatures Features(absl::string_view given, absl::string_view family,
                            absl::string_view birth_date,
                            absl::string_view city,
                            absl::string_view email = "") {
  v1::Record r;
  r.set_source("t");
  r.set_source_id("1");
  r.mutable_name()->set_given(std::string(given));
  r.mutable_name()->set_family(std::string(family));
  r.set_birth_date(std::string(birth_date));
  r.mutable_address()->set_city(std::string(city));
  if (!email.empty()) {
    v1::Identifier* id = r.add_identifiers();
    id->set_type("email");
    id->set_value(std::string(email));
  }
  return ExtractFeatures(r, DefaultMatchConfig()).features;
}

LevelVector Classify(const storage::RecordFeatures& a, const storage::RecordFeatures& b) {
  return ClassifyPair(CompareRecords(a, b, DefaultMatchConfig()), a, b);
}

TEST(TrainingTest, ClassifiesEachFieldByItsLevel) {
  LevelVector v = Classify(
      Features("Anne", "Martin", "1980-02-03", "Lyon", "anne@home.fr"),
      Features("Anne", "Martin", "1980-03-02", "Paris", "zoe1@work.com"));
  EXPECT_EQ(v[kIdentifierComparison], 5);  // identifier_differs
  EXPECT_EQ(v[kGivenComparison], 0);
  EXPECT_EQ(v[kFamilyComparison], 0);
  EXPECT_EQ(v[kBirthDateComparison], 2);  // day and month swapped
  EXPECT_EQ(v[kCityComparison], 2);       // city_differs
  EXPECT_EQ(v[kPostalCodeComparison], -1);
  EXPECT_EQ(v[kGenderComparison], -1);
}

TEST(TrainingTest, ClassifiesADateTypoAsItsOwnLevel) {
  LevelVector v =
      Classify(Features("Anne", "Martin", "1980-02-03", "Lyon", "a@x.fr"),
               Features("Anne", "Martin", "1986-02-03", "Lyon", "a@x.fr"));
  EXPECT_EQ(v[kBirthDateComparison], 1);  // birth_date_typo
  v = Classify(Features("Anne", "Martin", "1980-02-03", "Lyon", "a@x.fr"),
               Features("Anne", "Martin", "1980-02-27", "Lyon", "a@x.fr"));
  EXPECT_EQ(v[kBirthDateComparison], 3);  // birth_date_close
}

TEST(TrainingTest, SwappedNamesAndSharedEmailLevels) {
  LevelVector v = Classify(Features("Martin", "Anne", "", "", "a@x.fr"),
                           Features("Anne", "Martin", "", "", "a@x.fr"));
  EXPECT_EQ(v[kIdentifierComparison], 0);  // strong_identifier
  EXPECT_EQ(v[kGivenComparison], -1);
  EXPECT_EQ(v[kFamilyComparison], -1);
  EXPECT_EQ(v[kBirthDateComparison], -1);
}

TEST(TrainingTest, LevelsNameRealSettings) {
  for (int k = 0; k < kTrainedComparisonCount; ++k) {
    for (WeightSetting s :
         ComparisonLevels(static_cast<TrainedComparison>(k))) {
      EXPECT_FALSE(WeightSettingName(s).empty()) << k;
    }
  }
}

TEST(TrainingTest, EmptyStoreIsFailedPrecondition) {
  TempStore db;
  std::unique_ptr<StoreView> view = db.store()->NewSnapshot();
  absl::StatusOr<TrainingReport> r =
      TrainMatchWeights(view.get(), DefaultMatchConfig(), TrainingOptions());
  EXPECT_EQ(r.status().code(), absl::StatusCode::kFailedPrecondition);
}

// Trains on the generated sample of examples/ and checks that the weights
// point the right way and that the file written loads.
TEST(TrainingTest, TrainsOnIngestedSampleAndWritesLoadableSettings) {
  TempStore db;
  Resolver resolver(db.store(), DefaultMatchConfig());
  std::ifstream in(std::string(IDRES_SOURCE_DIR) +
                   "/examples/quality_customers.jsonl");
  ASSERT_TRUE(in.good());
  std::string line;
  while (std::getline(in, line)) {
    v1::Record record;
    ASSERT_TRUE(ParseJson(line, &record).ok());
    ASSERT_TRUE(resolver.Resolve(record).ok());
  }
  std::unique_ptr<StoreView> view = db.store()->NewSnapshot();
  TrainingOptions options;
  options.random_pairs = 50000;
  absl::StatusOr<TrainingReport> r =
      TrainMatchWeights(view.get(), DefaultMatchConfig(), options);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_GT(r->records, 400u);
  EXPECT_GT(r->blocked_pairs, 100u);
  const MatchWeights& w = r->config.weights;
  EXPECT_GT(w.given_exact, 2);
  EXPECT_LT(w.given_differs, -2);
  EXPECT_GT(w.family_exact, 2);
  EXPECT_GT(w.birth_date_exact, 5);
  EXPECT_GT(w.strong_identifier, 5);
  EXPECT_GT(r->random_match_probability, 0);
  EXPECT_LT(r->random_match_probability, 0.01);

  absl::StatusOr<MatchConfig> loaded = ParseMatchSettings(
      FormatMatchSettings(r->config, "trained"), DefaultMatchConfig());
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  EXPECT_NEAR(loaded->weights.given_exact, w.given_exact, 1e-4);
  EXPECT_NEAR(loaded->link_threshold, r->config.link_threshold, 1e-4);
}

}  // namespace
}  // namespace idres
