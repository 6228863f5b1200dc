#include "normalize/similarity.h"

#include "gtest/gtest.h"

namespace idres {
namespace {

TEST(JaroWinklerTest, MatchesReferenceValues) {
  struct Case {
    const char* a;
    const char* b;
    double expected;
  };
  // Reference values from Winkler (1990) and the usual worked examples.
  for (const Case& c :
       {Case{"martha", "marhta", 0.961111}, Case{"dwayne", "duane", 0.840000},
        Case{"dixon", "dicksonx", 0.813333}, Case{"jones", "johnson", 0.832381},
        Case{"abc", "xyz", 0.0}}) {
    EXPECT_NEAR(JaroWinkler(c.a, c.b), c.expected, 1e-6) << c.a << " " << c.b;
    EXPECT_NEAR(JaroWinkler(c.b, c.a), c.expected, 1e-6) << c.b << " " << c.a;
  }
}

TEST(JaroWinklerTest, EqualStringsScoreOne) {
  EXPECT_EQ(JaroWinkler("dupont", "dupont"), 1.0);
  EXPECT_EQ(JaroWinkler("", ""), 1.0);
  EXPECT_EQ(JaroWinkler("a", "a"), 1.0);
}

TEST(JaroWinklerTest, EmptyStringScoresZero) {
  EXPECT_EQ(JaroWinkler("", "dupont"), 0.0);
  EXPECT_EQ(JaroWinkler("dupont", ""), 0.0);
}

TEST(JaroWinklerTest, CommonPrefixRaisesScore) {
  EXPECT_GT(JaroWinkler("dupont", "dupond"), JaroWinkler("tupond", "dupond"));
  EXPECT_LT(JaroWinkler("martin", "bernard"), 0.7);
  EXPECT_GT(JaroWinkler("catherine", "katherine"), 0.9);
}

TEST(JaroWinklerTest, StaysWithinUnitInterval) {
  for (const char* a : {"a", "ab", "abcdefghij", "aaaa", "jean pierre"}) {
    for (const char* b : {"b", "ba", "jihgfedcba", "aaab", "pierre jean"}) {
      const double score = JaroWinkler(a, b);
      EXPECT_GE(score, 0.0) << a << " " << b;
      EXPECT_LE(score, 1.0) << a << " " << b;
    }
  }
}

struct DistanceCase {
  const char* a;
  const char* b;
  int distance;
};

constexpr DistanceCase kDistanceCases[] = {
    {"", "", 0},
    {"", "abc", 3},
    {"abc", "", 3},
    {"dupont", "dupont", 0},
    {"dupont", "dupond", 1},
    {"martin", "matrin", 1},
    {"ab", "ba", 1},
    {"ca", "abc", 3},
    {"kitten", "sitting", 3},
    {"smith", "smyth", 1},
    {"lefebvre", "lefevre", 1},
    {"abcdef", "badcfe", 3},
    {"martin", "bernard", 6},
};

TEST(EditDistanceTest, CountsOsaEdits) {
  for (const DistanceCase& c : kDistanceCases) {
    EXPECT_EQ(EditDistance(c.a, c.b), c.distance) << c.a << " " << c.b;
    EXPECT_EQ(EditDistance(c.b, c.a), c.distance) << c.b << " " << c.a;
  }
}

TEST(WithinEditDistanceTest, AgreesWithEditDistanceForEveryBound) {
  for (const DistanceCase& c : kDistanceCases) {
    for (int max = -1; max <= 8; ++max) {
      EXPECT_EQ(WithinEditDistance(c.a, c.b, max), c.distance <= max)
          << c.a << " " << c.b << " max " << max;
    }
  }
}

TEST(WithinEditDistanceTest, RejectsLengthGapBeyondBound) {
  EXPECT_FALSE(WithinEditDistance("a", "abcdefgh", 2));
  EXPECT_TRUE(WithinEditDistance("abcdefgh", "abcdefgh", 0));
}

TEST(IsInitialOfTest, AcceptsOnlyMatchingSingleLetter) {
  EXPECT_TRUE(IsInitialOf("j", "jean"));
  EXPECT_TRUE(IsInitialOf("j", "j"));
  EXPECT_FALSE(IsInitialOf("p", "jean"));
  EXPECT_FALSE(IsInitialOf("je", "jean"));
  EXPECT_FALSE(IsInitialOf("", "jean"));
  EXPECT_FALSE(IsInitialOf("j", ""));
  EXPECT_FALSE(IsInitialOf("1", "1abc"));
}

}  // namespace
}  // namespace idres
