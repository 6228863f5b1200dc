#include "match/profile_score.h"

#include <cmath>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "match/features.h"
#include "match/match_config.h"
#include "tests/test_support.h"

namespace idres {
namespace {

struct Fields {
  std::string given = "";
  std::string family = "";
  std::string birth_date = "";
  std::string email = "";
  std::string passport = "";
  std::string postal_code = "";
  std::string customer_id = "";
};

storage::RecordFeatures FeaturesOf(const Fields& f) {
  v1::Record r;
  r.set_source("crm");
  r.set_source_id("1");
  r.mutable_name()->set_given(f.given);
  r.mutable_name()->set_family(f.family);
  r.set_birth_date(f.birth_date);
  r.mutable_address()->set_postal_code(f.postal_code);
  for (const auto& [type, value] :
       {std::pair{"email", f.email},
        {"passport", f.passport},
        {"customer_id", f.customer_id}}) {
    if (value.empty()) continue;
    v1::Identifier* id = r.add_identifiers();
    id->set_type(type);
    id->set_value(value);
  }
  return ExtractFeatures(r, DefaultMatchConfig()).features;
}

std::vector<const storage::RecordFeatures*> Pointers(
    const std::vector<storage::RecordFeatures>& records) {
  std::vector<const storage::RecordFeatures*> out;
  for (const storage::RecordFeatures& r : records) out.push_back(&r);
  return out;
}

double WeightOf(const ProfileScore& s, const std::string& field) {
  for (const v1::FieldComparison& f : s.combined.fields) {
    if (f.field() == field) return f.weight();
  }
  return NAN;
}

const MatchConfig kConfig = DefaultMatchConfig();

TEST(ProfileScoreTest, AddsTheBestLevelOfEachFieldAcrossRecords) {
  // One record confirms the e-mail, another the birth date.
  std::vector<storage::RecordFeatures> profile = {
      FeaturesOf({.email = "anne.x@mail.fr"}),
      FeaturesOf(
          {.given = "Anne", .family = "Morel", .birth_date = "1980-02-03"})};
  ProfileScore s = ScoreAgainstProfile(FeaturesOf({.given = "Anne",
                                                   .family = "Morel",
                                                   .birth_date = "1980-02-03",
                                                   .email = "anne.x@mail.fr"}),
                                       Pointers(profile), kConfig);
  const MatchWeights& w = kConfig.weights;
  EXPECT_DOUBLE_EQ(s.combined.score, w.strong_identifier + w.given_exact +
                                         w.family_exact + w.birth_date_exact);
  EXPECT_EQ(s.best_record, 1);
  EXPECT_FALSE(s.conflict);
  EXPECT_TRUE(s.combined.shares_strong_identifier);
  EXPECT_TRUE(IsProfileLink(s, kConfig));
}

TEST(ProfileScoreTest, EmptyProfileScoresNothing) {
  ProfileScore s =
      ScoreAgainstProfile(FeaturesOf({.given = "Anne"}), {}, kConfig);
  EXPECT_EQ(s.best_record, -1);
  EXPECT_EQ(s.combined.score, 0);
  EXPECT_FALSE(IsProfileLink(s, kConfig));
}

TEST(ProfileScoreTest, GivenNameMatchingNoRecordIsAConflict) {
  std::vector<storage::RecordFeatures> twin = {
      FeaturesOf({.given = "Paul",
                  .family = "Morel",
                  .birth_date = "2001-05-06",
                  .email = "famille.morel@mail.fr"})};
  ProfileScore s =
      ScoreAgainstProfile(FeaturesOf({.given = "Lucie",
                                      .family = "Morel",
                                      .birth_date = "2001-05-06",
                                      .email = "famille.morel@mail.fr"}),
                          Pointers(twin), kConfig);
  EXPECT_TRUE(s.conflict);
  EXPECT_FALSE(IsProfileLink(s, kConfig));
}

TEST(ProfileScoreTest, AnyCompatibleSpellingOfTheProfileAvoidsConflict) {
  std::vector<storage::RecordFeatures> profile = {
      FeaturesOf({.given = "Robert", .email = "r@mail.fr"}),
      FeaturesOf({.given = "Bob", .email = "r@mail.fr"})};
  ProfileScore s =
      ScoreAgainstProfile(FeaturesOf({.given = "Bobby", .email = "r@mail.fr"}),
                          Pointers(profile), kConfig);
  EXPECT_FALSE(s.conflict);
}

// Issue 12: a father's profile (a dated record, an undated one) and his
// son of the same name: the son's date is a generation away from every
// dated record of the profile.
TEST(ProfileScoreTest, BirthDateAGenerationFromEveryDatedRecordIsAConflict) {
  std::vector<storage::RecordFeatures> father = {
      FeaturesOf({.given = "Lucien",
                  .family = "Morel",
                  .birth_date = "1952-12-03",
                  .postal_code = "75009"}),
      FeaturesOf({.given = "Lucien",
                  .family = "Morel",
                  .email = "lucien.morel@mail.fr",
                  .postal_code = "75009"})};
  storage::RecordFeatures son = FeaturesOf({.given = "Lucien",
                                            .family = "Morel",
                                            .birth_date = "1983-05-08",
                                            .email = "famille.morel@mail.fr",
                                            .postal_code = "75009"});
  ProfileScore s = ScoreAgainstProfile(son, Pointers(father), kConfig);
  EXPECT_TRUE(s.conflict);
  EXPECT_FALSE(IsProfileLink(s, kConfig));
  std::vector<storage::RecordFeatures> sons = {son};
  EXPECT_TRUE(ProfilesConflict(Pointers(father), Pointers(sons), kConfig));
  // One record of the profile with a date the son could have is enough.
  father.push_back(FeaturesOf({.given = "Lucien",
                               .family = "Morel",
                               .birth_date = "1983-05-09"}));
  EXPECT_FALSE(ScoreAgainstProfile(son, Pointers(father), kConfig).conflict);
  EXPECT_FALSE(ProfilesConflict(Pointers(father), Pointers(sons), kConfig));
}

// The account rule (AccountsKeepApart) reads the profile's combined
// evidence: one record of the profile with the record's customer number
// is enough, and a profile with none keeps the record apart.
TEST(ProfileScoreTest, AccountOfNoRecordOfTheProfileKeepsTheRecordApart) {
  Fields record{.given = "Pierre",
                .family = "Raynaud",
                .postal_code = "92700",
                .customer_id = "K21341784"};
  Fields other = record;
  other.customer_id = "K45397079";
  Fields named = record;
  named.customer_id = "";
  named.birth_date = "1949-10-09";
  MatchConfig config = kConfig;
  // Names and postal code (13, 11 with two customer numbers) reach it.
  config.link_threshold = 10;
  std::vector<storage::RecordFeatures> apart = {FeaturesOf(other),
                                                FeaturesOf(named)};
  ProfileScore kept = ScoreAgainstProfile(FeaturesOf(record), Pointers(apart),
                                          config);
  EXPECT_GE(kept.combined.score, config.link_threshold);
  EXPECT_FALSE(kept.conflict);
  EXPECT_FALSE(IsProfileLink(kept, config));
  std::vector<storage::RecordFeatures> shared = {FeaturesOf(other),
                                                 FeaturesOf(record)};
  ProfileScore joined = ScoreAgainstProfile(FeaturesOf(record),
                                            Pointers(shared), config);
  EXPECT_TRUE(IsProfileLink(joined, config));
}

TEST(ProfilesConflictTest, SharedUniqueIdentifierOutweighsGivenNames) {
  std::vector<storage::RecordFeatures> a = {
      FeaturesOf({.given = "Paul", .passport = "12AB34567"})};
  std::vector<storage::RecordFeatures> b = {
      FeaturesOf({.given = "Lucie", .passport = "12AB34567"})};
  std::vector<storage::RecordFeatures> c = {FeaturesOf({.given = "Lucie"})};
  EXPECT_FALSE(ProfilesConflict(Pointers(a), Pointers(b), kConfig));
  EXPECT_TRUE(ProfilesConflict(Pointers(a), Pointers(c), kConfig));
  // No given name on one side: nothing to disagree on.
  std::vector<storage::RecordFeatures> d = {FeaturesOf({.family = "Morel"})};
  EXPECT_FALSE(ProfilesConflict(Pointers(a), Pointers(d), kConfig));
}

TEST(AdjustForNameFrequencyTest, CommonFullNameWeighsLess) {
  std::vector<storage::RecordFeatures> profile = {FeaturesOf(
      {.given = "Jean", .family = "Martin", .postal_code = "75011"})};
  const storage::RecordFeatures record =
      FeaturesOf({.given = "Jean", .family = "Martin", .postal_code = "75011"});
  ProfileScore s = ScoreAgainstProfile(record, Pointers(profile), kConfig);
  const double before = s.combined.score;
  AdjustForNameFrequency(1, kConfig, &s);
  EXPECT_DOUBLE_EQ(s.combined.score, before);
  AdjustForNameFrequency(8, kConfig, &s);
  EXPECT_DOUBLE_EQ(s.combined.score,
                   before - 3 * kConfig.weights.name_frequency);
  EXPECT_DOUBLE_EQ(WeightOf(s, "name_frequency"),
                   -3 * kConfig.weights.name_frequency);
}

// A typo is itself evidence: namesakes of the record's spelling rarely
// match it at the "close" level, so their count does not apply.
TEST(AdjustForNameFrequencyTest, IgnoresNamesMatchingOnlyWithATypo) {
  std::vector<storage::RecordFeatures> profile = {FeaturesOf(
      {.given = "Karin", .family = "Mueller", .birth_date = "1974-02-09"})};
  ProfileScore s = ScoreAgainstProfile(
      FeaturesOf(
          {.given = "Karin", .family = "Muellrr", .birth_date = "1974-02-09"}),
      Pointers(profile), kConfig);
  const double before = s.combined.score;
  AdjustForNameFrequency(16, kConfig, &s);
  EXPECT_DOUBLE_EQ(s.combined.score, before);
  EXPECT_TRUE(IsProfileLink(s, kConfig));
  // A nickname with the exact family name still counts its namesakes.
  profile = {FeaturesOf(
      {.given = "William", .family = "Mueller", .birth_date = "1974-02-09"})};
  s = ScoreAgainstProfile(
      FeaturesOf(
          {.given = "Bill", .family = "Mueller", .birth_date = "1974-02-09"}),
      Pointers(profile), kConfig);
  const double nickname = s.combined.score;
  AdjustForNameFrequency(16, kConfig, &s);
  EXPECT_DOUBLE_EQ(s.combined.score,
                   nickname - 4 * kConfig.weights.name_frequency);
}

TEST(AdjustForNameFrequencyTest, IgnoresScoresWithoutAFullNameMatch) {
  std::vector<storage::RecordFeatures> profile = {
      FeaturesOf({.given = "Jean", .family = "Martin"})};
  ProfileScore s =
      ScoreAgainstProfile(FeaturesOf({.given = "Jean", .family = "Dupont"}),
                          Pointers(profile), kConfig);
  const double before = s.combined.score;
  AdjustForNameFrequency(16, kConfig, &s);
  EXPECT_DOUBLE_EQ(s.combined.score, before);
  EXPECT_TRUE(std::isnan(WeightOf(s, "name_frequency")));
}

TEST(NotePossibleMatchTest, KeepsBestEntryPerProfileSortedAndCapped) {
  v1::Profile profile;
  profile.set_profile_id("p-1");
  NotePossibleMatch("p-2", 10, Ref("crm", "a"), 2, &profile);
  NotePossibleMatch("p-3", 12, Ref("crm", "b"), 2, &profile);
  NotePossibleMatch("p-2", 11, Ref("crm", "c"), 2, &profile);  // Better: replaces.
  NotePossibleMatch("p-2", 9, Ref("crm", "d"), 2, &profile);   // Worse: ignored.
  NotePossibleMatch("p-1", 13, Ref("crm", "e"), 2, &profile);  // Itself: ignored.
  ASSERT_EQ(profile.possible_matches_size(), 2);
  EXPECT_EQ(profile.possible_matches(0).profile_id(), "p-3");
  EXPECT_EQ(profile.possible_matches(1).profile_id(), "p-2");
  EXPECT_EQ(profile.possible_matches(1).record().source_id(), "c");
  NotePossibleMatch("p-4", 9.5, Ref("crm", "f"), 2, &profile);  // Below both: cut.
  ASSERT_EQ(profile.possible_matches_size(), 2);
  EXPECT_EQ(profile.possible_matches(1).profile_id(), "p-2");
}

}  // namespace
}  // namespace idres
