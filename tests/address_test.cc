#include "normalize/address.h"

#include "gtest/gtest.h"

namespace idres {
namespace {

TEST(ParseStreetTest, ExpandsAbbreviations) {
  StreetParts a = ParseStreet("12 bd de la republique");
  StreetParts b = ParseStreet("12 boulevard de la republique");
  EXPECT_EQ(a.number, "12");
  EXPECT_EQ(a.name, "boulevard de la republique");
  EXPECT_EQ(a.name, b.name);
  EXPECT_EQ(ParseStreet("7 wallaby st").name, "wallaby street");
}

TEST(ParseStreetTest, SplitsGluedStreetTypes) {
  EXPECT_EQ(ParseStreet("177 pridhamstreet").name, "pridham street");
}

TEST(ParseStreetTest, KeepsNumberSuffixes) {
  EXPECT_EQ(ParseStreet("132 ter impasse des chataigniers").number, "132ter");
  EXPECT_EQ(ParseStreet("92b boulevard du stade").number, "92b");
  EXPECT_EQ(ParseStreet("lott place").number, "");
}

}  // namespace
}  // namespace idres
