#include "training/training.h"

#include <cmath>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"

#include "client/json_io.h"
#include "gtest/gtest.h"
#include "match/features.h"
#include "match/match_settings_text.h"
#include "graph/resolver.h"
#include "tests/test_support.h"
#include "training/guard_rails.h"

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

// Trains on the households sample of examples/ (the customers sample is
// too clean: every candidate pair of each session is one person, and
// training refuses it) and checks that the weights
// point the right way, that the report says what it did, and that the
// file written loads.
TEST(TrainingTest, TrainsOnIngestedSampleAndWritesLoadableSettings) {
  TempStore db;
  Resolver resolver(db.store(), DefaultMatchConfig());
  std::ifstream in(std::string(IDRES_SOURCE_DIR) +
                   "/examples/quality_households.jsonl");
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
  EXPECT_EQ(r->sessions.size(), 4u);
  const MatchConfig defaults = DefaultMatchConfig();
  const MatchWeights& w = r->config.weights;
  EXPECT_GT(w.given_exact, 2);
  EXPECT_LT(w.given_differs, -2);
  EXPECT_GT(w.family_exact, 2);
  EXPECT_GT(w.birth_date_exact, 5);
  EXPECT_GE(w.strong_identifier, defaults.link_threshold);
  EXPECT_LT(w.weak_identifier, defaults.review_threshold);
  EXPECT_GE(r->random_match_probability, 0);
  EXPECT_LT(r->random_match_probability, 0.01);
  for (const LevelEstimate& e : r->levels) {
    // A level keeps its default exactly when it says why, or is trained.
    if (!e.trained) {
      EXPECT_FALSE(e.note.empty()) << e.setting;
    }
  }
  EXPECT_EQ(r->change.pairs > 0, r->blocked_pairs > 0);
  EXPECT_LE(r->change.links_lost, r->change.links_now);

  absl::StatusOr<MatchConfig> loaded = ParseMatchSettings(
      FormatMatchSettings(r->config, "trained"), DefaultMatchConfig());
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  EXPECT_NEAR(loaded->weights.given_exact, w.given_exact, 1e-4);
  EXPECT_NEAR(loaded->link_threshold, r->config.link_threshold, 1e-4);
}

TEST(TrainingTest, CountsTheLinksNewWeightsWouldMakeAndUndo) {
  std::vector<storage::RecordFeatures> records = {
      Features("Anne", "Morel", "1980-02-03", "Lyon"),
      Features("Anne", "Morel", "1980-02-03", "Lyon"),  // Links: 21.5.
      Features("Anne", "Morel", "", "Lyon"),            // 12.5: does not.
  };
  auto pair = [](uint64_t i, uint64_t j) { return i << 32 | j; };
  std::vector<uint64_t> pairs = {pair(0, 1), pair(0, 2), pair(7, 1)};
  MatchConfig now = DefaultMatchConfig();
  MatchConfig trained = now;
  trained.weights.birth_date_exact = 2;  // 0-1 at 17: still links.
  trained.weights.city_exact = 4;        // 0-2 at 15: links now.
  ExpectedChange c = CountDecisionChanges(records, pairs, now, trained);
  EXPECT_EQ(c.pairs, 2u);  // The out-of-range pair is skipped.
  EXPECT_EQ(c.links_now, 1u);
  EXPECT_EQ(c.links_lost, 0u);
  EXPECT_EQ(c.links_gained, 1u);
  trained.weights.given_exact = 1;  // 0-1 at 13, 0-2 at 11: neither.
  c = CountDecisionChanges(records, pairs, now, trained);
  EXPECT_EQ(c.links_lost, 1u);
  EXPECT_EQ(c.links_gained, 0u);
}

using M = MatchWeights;

// Evidence of one level, as training would gather it.
LevelEvidence Level(WeightSetting setting, double m, double u,
                    double context_u = 0.01) {
  LevelEvidence e;
  e.setting = setting;
  e.estimated = true;
  e.m = m;
  e.u = u;
  e.expected_matches = 500;
  e.random_count = u * 300000;
  e.random_applicable = 300000;
  e.context_u = context_u;
  return e;
}

// The street comparison: exact, name only, differs.
std::vector<GuardedWeight> Street(double exact_context_u,
                                  double name_only_m = 0.01) {
  return GuardComparison(
      {Level(&M::street_exact, 0.95, 0.0002, exact_context_u),
       Level(&M::street_name_only, name_only_m, 0.007),
       Level(&M::street_differs, 0.04, 0.99)},
      DefaultMatchConfig());
}

TEST(GuardRailsTest, RaisesAnAgreementOnlyWhenDifferentPeopleRarelyShareIt) {
  // EM says 12.2 bits. A household's address: 76% of conflicting pairs
  // share it, so it keeps its default.
  std::vector<GuardedWeight> household = Street(0.76);
  EXPECT_DOUBLE_EQ(household[0].weight, 4.0);
  EXPECT_FALSE(household[0].trained);
  EXPECT_NEAR(household[0].estimate, 12.2, 0.1);
  EXPECT_NE(household[0].note.find("76% of conflicting"), std::string::npos)
      << household[0].note;
  // No evidence at all: the default too.
  EXPECT_DOUBLE_EQ(Street(-1)[0].weight, 4.0);
  // Rarely shared by two people: trained.
  std::vector<GuardedWeight> rare = Street(0.02);
  EXPECT_NEAR(rare[0].weight, 12.2, 0.1);
  EXPECT_TRUE(rare[0].trained);
}

TEST(GuardRailsTest, DisagreementHardensOnlyWithItsFieldsAgreement) {
  // EM says -4.6 for a different street.
  EXPECT_DOUBLE_EQ(Street(0.76)[2].weight, -2.0);  // Agreement held: soft.
  EXPECT_NE(Street(0.76)[2].note.find("no harder than the default"),
            std::string::npos);
  EXPECT_NEAR(Street(0.02)[2].weight, -4.6, 0.1);  // Agreement rose.
}

TEST(GuardRailsTest, AgreementLevelsKeepTheirOrder) {
  // "Same street, another number" estimated above "same address".
  std::vector<GuardedWeight> w = Street(0.76, /*name_only_m=*/0.9);
  EXPECT_DOUBLE_EQ(w[1].weight, w[0].weight);
  EXPECT_NE(w[1].note.find("kept below the level above it"),
            std::string::npos)
      << w[1].note;
}

TEST(GuardRailsTest, KeepsDefaultsTheDataCannotSupport) {
  LevelEvidence few = Level(&M::street_exact, 0.95, 0.0002);
  few.expected_matches = 4;
  LevelEvidence none = Level(&M::street_name_only, 0.1, 0.007);
  none.estimated = false;
  LevelEvidence wrong_sign = Level(&M::street_differs, 0.9, 0.1);
  std::vector<GuardedWeight> w =
      GuardComparison({few, none, wrong_sign}, DefaultMatchConfig());
  EXPECT_DOUBLE_EQ(w[0].weight, 4.0);
  EXPECT_NE(w[0].note.find("fewer than 10"), std::string::npos) << w[0].note;
  EXPECT_DOUBLE_EQ(w[1].weight, 1.5);
  EXPECT_NE(w[1].note.find("no session"), std::string::npos) << w[1].note;
  EXPECT_DOUBLE_EQ(w[2].weight, -2.0);
  EXPECT_NE(w[2].note.find("m above u"), std::string::npos) << w[2].note;
}

TEST(GuardRailsTest, BoundsURarelySeenAmongRandomPairs) {
  LevelEvidence e = Level(&M::street_exact, 0.9, 1e-7);
  e.random_count = 0;
  std::vector<GuardedWeight> w = GuardComparison(
      {e, Level(&M::street_name_only, 0.01, 0.007),
       Level(&M::street_differs, 0.04, 0.99)},
      DefaultMatchConfig());
  EXPECT_NEAR(w[0].weight, std::log2(0.9 / (3.0 / 300000)), 1e-6);
  EXPECT_NE(w[0].note.find("u bounded"), std::string::npos) << w[0].note;
}

TEST(GuardRailsTest, IdentifiersKeepTheirRoles) {
  // Trained as on customer data: a strong identifier below the link
  // threshold, a landline almost as strong, a near e-mail that links.
  std::vector<GuardedWeight> w = GuardComparison(
      {Level(&M::strong_identifier, 0.77, 0.000128),   // 12.6
       Level(&M::unique_identifier_differs, 0.0, 1.0),
       Level(&M::email_close, 0.5, 0.000005),           // 16.6
       Level(&M::unique_identifier_close, 0.0, 1.0),
       Level(&M::weak_identifier, 0.0057, 0.000002),    // 11.5
       Level(&M::identifier_differs, 0.22, 0.9998)},    // -2.2
      DefaultMatchConfig());
  EXPECT_DOUBLE_EQ(w[0].weight, 15.0);
  EXPECT_NE(w[0].note.find("links alone"), std::string::npos) << w[0].note;
  EXPECT_DOUBLE_EQ(w[2].weight, 6.0);
  EXPECT_DOUBLE_EQ(w[4].weight, 4.0);
  EXPECT_NE(w[4].note.find("review threshold"), std::string::npos)
      << w[4].note;
  // A person's other e-mail is no harder penalty than the default's.
  EXPECT_DOUBLE_EQ(w[5].weight,
                   DefaultMatchConfig().weights.identifier_differs);
}

TEST(GuardRailsTest, NamesStayWhereTheNameFrequencyTermExpectsThem) {
  std::vector<GuardedWeight> given = GuardComparison(
      {Level(&M::given_exact, 0.93, 0.0033, -1),  // 8.1; no context.
       Level(&M::given_variant, 0.01, 0.0002, -1),
       Level(&M::given_close, 0.05, 0.0013, -1),
       Level(&M::given_phonetic, 0.001, 0.0005, -1),
       Level(&M::given_similar, 0.001, 0.0009, -1),
       Level(&M::given_initial, 0.001, 0.0003, -1),
       Level(&M::given_differs, 0.0001, 0.99, -1)},
      DefaultMatchConfig());
  EXPECT_DOUBLE_EQ(given[0].weight, 5.0);
  EXPECT_DOUBLE_EQ(given[6].weight, -6.0);
  EXPECT_NE(given[6].note.find("conflict rule"), std::string::npos);
  std::vector<GuardedWeight> family = GuardComparison(
      {Level(&M::family_exact, 0.54, 0.0177),  // 4.9: below the default.
       Level(&M::family_close, 0.41, 0.0089),  // 5.5: above it.
       Level(&M::family_phonetic, 0.001, 0.0005),
       Level(&M::family_similar, 0.001, 0.002),
       Level(&M::family_differs, 0.05, 0.97)},
      DefaultMatchConfig());
  EXPECT_DOUBLE_EQ(family[0].weight, 6.0);
  EXPECT_DOUBLE_EQ(family[1].weight, 4.0);
  EXPECT_NE(family[1].note.find("Schmitt"), std::string::npos);
}

// Households: three members at one address with one landline, different
// given names and birth dates, each seen through three channels. Naive
// estimation makes the address and the landline nearly as strong as an
// e-mail; the guard rails keep them, and the trained weights resolve the
// records with no more false merges or splits than the defaults.
// A made-up word of `letters` letters from `seed`, consonant then vowel:
// two words rarely come within two edits of each other.
std::string Word(uint64_t seed, int letters) {
  static const char kConsonants[] = "bcdfgjklmnprstvz";
  static const char kVowels[] = "aeiou";
  std::string out;
  uint64_t x = seed * 0x9E3779B97F4A7C15ull + 12345;
  for (int i = 0; i < letters; ++i) {
    x ^= x >> 29;
    x *= 0xBF58476D1CE4E5B9ull;
    out.push_back(i % 2 == 0 ? kConsonants[x % 16] : kVowels[x % 5]);
  }
  return out;
}

v1::Record Member(int household, int member, absl::string_view channel) {
  static const char* kGiven[] = {"Louis", "Camille", "Hugo"};
  v1::Record r;
  r.set_source(std::string(channel));
  r.set_source_id(absl::StrCat(household, "-", member));
  r.mutable_name()->set_given(kGiven[member]);
  std::string family = Word(household, 7);
  family[0] = static_cast<char>(family[0] - 'a' + 'A');
  r.mutable_name()->set_family(family);
  auto add = [&](const char* type, std::string value) {
    v1::Identifier* id = r.add_identifiers();
    id->set_type(type);
    id->set_value(std::move(value));
  };
  if (channel != "shop") {
    add("email", absl::StrCat(Word(household * 3 + member + 1000, 9),
                              "@mail.fr"));
  }
  if (channel != "web") {
    add("phone", absl::StrCat("01 4", household / 100, " ",
                              absl::Dec(household % 100, absl::kZeroPad2),
                              " 55 10"));
    r.mutable_address()->set_line1(absl::StrCat(household + 1, " rue Blanche"));
    r.mutable_address()->set_postal_code(
        absl::StrCat(75000 + household % 20 + 1));
    r.mutable_address()->set_city("Paris");
  }
  if (channel == "crm") {
    r.set_birth_date(absl::StrCat(1950 + member * 20 + household % 7, "-0",
                                  1 + household % 9, "-1", member));
  }
  return r;
}

TEST(TrainingTest, HouseholdsKeepTheirAddressAndLandlineWeights) {
  TempStore db;
  Resolver resolver(db.store(), DefaultMatchConfig());
  std::vector<v1::Record> records;
  for (int h = 0; h < 140; ++h) {
    for (int m = 0; m < 3; ++m) {
      for (const char* channel : {"crm", "web", "shop"}) {
        records.push_back(Member(h, m, channel));
      }
    }
  }
  // Namesakes of members elsewhere: another town, another e-mail.
  for (int h = 0; h < 140; ++h) {
    v1::Record r = Member((h + 5) % 140, h % 3, "web");
    r.set_source("app");
    r.mutable_identifiers(0)->set_value(
        absl::StrCat(Word(h + 5000, 9), "@mail.fr"));
    r.mutable_address()->set_city("Lyon");
    records.push_back(std::move(r));
  }
  std::vector<std::string> by_defaults;
  for (const v1::Record& rec : records) {
    absl::StatusOr<ResolveResult> out = resolver.Resolve(rec);
    ASSERT_TRUE(out.ok()) << out.status();
    by_defaults.push_back(out->profile_id);
  }
  std::unique_ptr<StoreView> view = db.store()->NewSnapshot();
  TrainingOptions options;
  options.random_pairs = 100000;
  absl::StatusOr<TrainingReport> r =
      TrainMatchWeights(view.get(), DefaultMatchConfig(), options);
  ASSERT_TRUE(r.ok()) << r.status();
  // Only the names session has both matches and non-matches (namesakes).
  ASSERT_EQ(r->sessions.size(), 4u);
  EXPECT_TRUE(r->sessions[1].used) << r->sessions[1].note;
  EXPECT_FALSE(r->sessions[3].used);  // Identifiers: matches only.
  EXPECT_GT(r->sessions[3].conflicting_pairs, 0u);  // The landlines.
  const MatchWeights& d = DefaultMatchConfig().weights;
  const MatchWeights& w = r->config.weights;
  EXPECT_DOUBLE_EQ(w.street_exact, d.street_exact);
  EXPECT_DOUBLE_EQ(w.weak_identifier, d.weak_identifier);
  EXPECT_DOUBLE_EQ(w.strong_identifier, d.strong_identifier);
  EXPECT_LE(w.postal_code_exact, d.postal_code_exact);
  EXPECT_LE(w.family_exact, d.family_exact);
  EXPECT_GE(w.identifier_differs, d.identifier_differs);
  EXPECT_EQ(r->change.links_gained, 0u);

  // Resolved again with the trained weights: no more false merges and no
  // more split persons than with the defaults.
  TempStore again;
  Resolver trained(again.store(), r->config);
  std::vector<std::string> by_trained;
  for (const v1::Record& rec : records) {
    absl::StatusOr<ResolveResult> out = trained.Resolve(rec);
    ASSERT_TRUE(out.ok()) << out.status();
    by_trained.push_back(out->profile_id);
  }
  auto errors = [&](const std::vector<std::string>& assigned) {
    // Person: household-member, the app namesakes each their own.
    auto person = [&](size_t i) {
      return records[i].source() == "app"
                 ? "app" + records[i].source_id()
                 : records[i].source_id();
    };
    std::pair<int, int> out{0, 0};  // (false merges, splits), by pairs.
    for (size_t i = 0; i < records.size(); ++i) {
      for (size_t j = i + 1; j < records.size(); ++j) {
        bool same = person(i) == person(j);
        bool together = assigned[i] == assigned[j];
        out.first += together && !same;
        out.second += same && !together;
      }
    }
    return out;
  };
  std::pair<int, int> d_errors = errors(by_defaults);
  std::pair<int, int> t_errors = errors(by_trained);
  EXPECT_LE(t_errors.first, d_errors.first);
  EXPECT_LE(t_errors.second, d_errors.second);
}

}  // namespace
}  // namespace idres
