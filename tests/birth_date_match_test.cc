#include "match/birth_date_match.h"

#include <optional>
#include <string>

#include "gtest/gtest.h"

namespace idres {
namespace {

storage::RecordFeatures WithDate(const std::string& date) {
  storage::RecordFeatures f;
  f.set_birth_date(date);
  return f;
}

storage::RecordFeatures WithPartialDate(const std::string& digits) {
  storage::RecordFeatures f;
  f.set_partial_birth_date(digits);
  return f;
}

std::string LevelOf(const storage::RecordFeatures& a, const storage::RecordFeatures& b) {
  std::optional<BirthDateLevel> level = CompareBirthDates(a, b);
  return level.has_value() ? level->name : "none";
}

TEST(BirthDateMatchTest, NamesTheLevelOfTwoRealDates) {
  struct Case {
    const char* a;
    const char* b;
    const char* level;
  };
  for (const Case& c : {
           Case{"1990-03-04", "1990-03-04", "exact"},
           Case{"1990-03-04", "1990-04-03", "day_month_swapped"},
           Case{"1943-03-04", "1946-03-04", "one_digit_typo"},
           Case{"1965-03-04", "1956-03-04", "one_digit_typo"},
           Case{"1990-03-04", "1982-03-04", "one_part_differs"},
           Case{"1990-03-04", "1990-11-20", "same_year"},
           Case{"1990-03-04", "1975-11-20", "different"},
       }) {
    EXPECT_EQ(LevelOf(WithDate(c.a), WithDate(c.b)), c.level)
        << c.a << " " << c.b;
    EXPECT_EQ(LevelOf(WithDate(c.b), WithDate(c.a)), c.level)
        << c.b << " " << c.a;
  }
}

// A partial date stands in for the real one; "00" is an unknown part.
TEST(BirthDateMatchTest, ComparesAPartialDatePartByPart) {
  struct Case {
    const char* partial;
    const char* level;
  };
  for (const Case& c : {
           Case{"1990-03-64", "one_digit_typo"},
           Case{"1990-13-04", "one_digit_typo"},
           Case{"1990-00-04", "one_part_differs"},
           Case{"1990-03-00", "one_part_differs"},
           Case{"1990-00-00", "none"},
           Case{"1990-13-24", "same_year"},
           Case{"1991-13-04", "different"},
       }) {
    EXPECT_EQ(LevelOf(WithDate("1990-03-04"), WithPartialDate(c.partial)),
              c.level)
        << c.partial;
  }
  EXPECT_EQ(LevelOf(WithPartialDate("2001-12-64"),
                    WithPartialDate("2001-12-64")),
            "exact");
}

TEST(BirthDateMatchTest, NoLevelWithoutADateOnBothSides) {
  EXPECT_EQ(LevelOf(WithDate("1990-03-04"), storage::RecordFeatures()), "none");
  EXPECT_EQ(LevelOf(storage::RecordFeatures(), storage::RecordFeatures()), "none");
  EXPECT_EQ(LevelOf(WithDate("1990-03-04"), WithPartialDate("garbage")),
            "none");
}

}  // namespace
}  // namespace idres
