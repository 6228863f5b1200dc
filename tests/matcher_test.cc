#include "match/matcher.h"

#include <optional>
#include <string>

#include "gtest/gtest.h"
#include "match/match_config.h"
#include "tests/matcher_support.h"

namespace idres {
namespace {

TEST(MatcherTest, SameEmailAloneLinks) {
  PairComparison c = Compare({.email = "Ann@X.org"}, {.email = "ann@x.org "});
  EXPECT_TRUE(c.shares_strong_identifier);
  EXPECT_FALSE(c.conflict);
  EXPECT_TRUE(IsLink(c, DefaultMatchConfig()));
}

TEST(MatcherTest, SameMobileAloneLinksButSameLandlineAloneDoesNot) {
  PairComparison mobile =
      Compare({.phone = "06 48 51 00 52"}, {.phone = "+33648510052"});
  PairComparison landline =
      Compare({.phone = "01 42 68 53 00"}, {.phone = "+33142685300"});
  EXPECT_TRUE(mobile.shares_strong_identifier);
  EXPECT_TRUE(IsLink(mobile, DefaultMatchConfig()));
  EXPECT_FALSE(landline.shares_strong_identifier);
  EXPECT_FALSE(IsLink(landline, DefaultMatchConfig()));
}

TEST(MatcherTest, NicknameCountsAsAGivenNameVariant) {
  Person bob{.given = "Bob", .family = "Smith", .birth_date = "1970-01-02"};
  Person robert = bob;
  robert.given = "Robert";
  PairComparison c = Compare(bob, robert);
  EXPECT_EQ(WeightOf(c, "given"), kW.given_variant);
  EXPECT_FALSE(c.conflict);
  EXPECT_TRUE(IsLink(c, DefaultMatchConfig()));
}

// A birth date within a generation never vetoes a link (dates are often
// mistyped); it weighs by how the two dates differ. (Dates a generation
// apart: ParentAndChildOfOneNameConflictByTheirBirthDates.)
TEST(MatcherTest, WeighsBirthDatesByHowTheyDiffer) {
  struct Case {
    const char* a;
    const char* b;
    double weight;
  };
  for (const Case& c : {
           Case{"1990-03-04", "1990-03-04", kW.birth_date_exact},
           Case{"1990-03-04", "1990-04-03", kW.birth_date_swapped},
           Case{"1990-03-04", "1991-03-04", kW.birth_date_typo},
           Case{"1990-03-04", "1990-03-14", kW.birth_date_typo},
           Case{"1990-03-04", "1990-08-04", kW.birth_date_typo},
           Case{"1965-03-04", "1956-03-04", kW.birth_date_typo},
           Case{"1990-03-04", "1982-03-04", kW.birth_date_close},
           Case{"1990-03-04", "1990-03-27", kW.birth_date_close},
           Case{"1990-03-04", "1990-11-04", kW.birth_date_close},
           Case{"1990-03-04", "1984-11-20", kW.birth_date_differs},
           Case{"1990-03-04", "1991-04-03", kW.birth_date_differs},
       }) {
    PairComparison p = Compare({.given = "Ann", .birth_date = c.a},
                               {.given = "Ann", .birth_date = c.b});
    EXPECT_EQ(WeightOf(p, "birth_date"), c.weight) << c.a << " " << c.b;
    EXPECT_FALSE(p.conflict) << c.a << " " << c.b;
  }
}

// A date that is no calendar date is compared part by part with a real
// one: a digit off is a typo, a part missing ("00") is neither equal nor
// different.
TEST(MatcherTest, PartialBirthDateIsComparedPartByPart) {
  struct Case {
    const char* text;
    std::optional<double> weight;
  };
  for (const Case& c : {
           Case{"1990-03-64", kW.birth_date_typo},
           Case{"1990-0-4", kW.birth_date_close},
           Case{"1990-13-04", kW.birth_date_typo},
           Case{"1990-03", kW.birth_date_close},
           Case{"1990-19-04", kW.birth_date_close},
           Case{"1990", std::nullopt},
           Case{"1991-13-04", kW.birth_date_differs},
           Case{"1990-13-24", kW.birth_date_same_year},
       }) {
    PairComparison p =
        Compare({.given = "Ann", .birth_date = "1990-03-04"},
                {.given = "Ann", .birth_date_text = c.text});
    EXPECT_EQ(WeightOf(p, "birth_date"), c.weight) << c.text;
    EXPECT_FALSE(p.conflict) << c.text;
  }
  // Two records with the same invalid date.
  EXPECT_EQ(WeightOf(Compare({.given = "Ann", .birth_date_text = "2001-12-64"},
                             {.given = "Ann", .birth_date_text = "2001-12-64"}),
                     "birth_date"),
            kW.birth_date_exact);
  // A real date wins over the text.
  EXPECT_EQ(WeightOf(Compare({.given = "Ann", .birth_date = "1990-03-04",
                              .birth_date_text = "1975"},
                             {.given = "Ann", .birth_date = "1990-03-04"}),
                     "birth_date"),
            kW.birth_date_exact);
}

// A lone name (no family or no given name) that matches the other
// record's name in the other field counts, as a family name less the
// swapped penalty and at most a given name's weight; it is no given-name
// conflict.
TEST(MatcherTest, LoneNameMatchesTheOtherRecordsOtherField) {
  const Person full{.given = "Harry", .family = "Samuel",
                    .birth_date = "1853-08-03"};
  PairComparison p = Compare({.given = "Samuel", .birth_date = "1853-08-03"},
                             full);
  EXPECT_EQ(WeightOf(p, "family"), kW.given_exact - kW.swapped_penalty);
  EXPECT_EQ(WeightOf(p, "given"), std::nullopt);
  EXPECT_FALSE(p.conflict);
  // Weaker than a name in its field: a lone name and a date do not link.
  EXPECT_FALSE(IsLink(p, DefaultMatchConfig()));
  p = Compare({.family = "Harry", .birth_date = "1853-08-03"}, full);
  EXPECT_EQ(WeightOf(p, "family"), kW.given_exact - kW.swapped_penalty);
  // In its own field the lone name compares as before.
  p = Compare({.given = "Harry", .birth_date = "1853-08-03"}, full);
  EXPECT_EQ(WeightOf(p, "given"), kW.given_exact);
  EXPECT_EQ(WeightOf(p, "family"), std::nullopt);
  // A lone name matching neither field stays a different given name.
  p = Compare({.given = "Oscar", .birth_date = "1853-08-03"}, full);
  EXPECT_EQ(WeightOf(p, "given"), kW.given_differs);
  EXPECT_TRUE(p.conflict);
}

// The tokens of a full name that its parts lack (middle names) match the
// other record's given name: one source calls the person by a middle
// name. They never match a family name: a middle name is often a family
// name (a mother's).
TEST(MatcherTest, MiddleNameOfTheFullNameMatchesAGivenName) {
  const Person fred{.given = "Fred", .family = "Crespigny",
                    .birth_date = "1822-12-12",
                    .full = "Fred Champion Crespigny"};
  PairComparison p = Compare(
      {.given = "Champion", .family = "Crespigny", .birth_date = "1822-12-12"},
      fred);
  EXPECT_EQ(WeightOf(p, "given"), kW.given_exact);
  EXPECT_FALSE(p.conflict);
  EXPECT_TRUE(IsLink(p, DefaultMatchConfig()));
  p = Compare({.given = "Henry", .family = "Wright"},
              {.given = "Henry", .family = "Wood",
               .full = "Henry Wright Wood"});
  EXPECT_EQ(WeightOf(p, "family"), kW.family_differs);
}

// A one-keystroke date typo on top of a one-letter name typo still links;
// a whole part of the date replaced does not, the name typo being the only
// other doubt (namesakes differ that way).
TEST(MatcherTest, DateTypoLinksWhereAReplacedDatePartDoesNot) {
  Person a{.given = "Andreas", .family = "Meier", .birth_date = "1932-04-23"};
  Person typo = a;
  typo.given = "Andyreas";
  typo.birth_date = "1932-04-27";
  EXPECT_TRUE(Links(a, typo));
  Person replaced = typo;
  replaced.birth_date = "1932-04-11";
  EXPECT_FALSE(Links(a, replaced));
  EXPECT_GT(kW.birth_date_typo, kW.birth_date_close);
  EXPECT_LT(kW.birth_date_typo, kW.birth_date_exact);
}

TEST(MatcherTest, DayMonthSwappedDateStillLinksWithOtherEvidence) {
  Person a{.given = "Ann",
           .family = "Lee",
           .birth_date = "1990-03-04",
           .postal_code = "75001"};
  Person b = a;
  b.birth_date = "1990-04-03";
  EXPECT_TRUE(Links(a, b));
}

TEST(MatcherTest, SwappedGivenAndFamilyNamesLink) {
  PairComparison c =
      Compare({.given = "Lee", .family = "Ann", .birth_date = "1990-03-04"},
              {.given = "Ann", .family = "Lee", .birth_date = "1990-03-04"});
  EXPECT_FALSE(c.conflict);
  EXPECT_EQ(c.score, kW.given_exact + kW.family_exact + kW.birth_date_exact -
                         2 * kW.swapped_penalty);
  EXPECT_TRUE(IsLink(c, DefaultMatchConfig()));
}

TEST(MatcherTest, NamesakesWithDifferentBirthDatesDoNotLink) {
  Person a{.given = "John",
           .family = "Smith",
           .birth_date = "1980-01-01",
           .street = "1 High Street",
           .postal_code = "SW1A 1AA"};
  Person b = a;
  b.birth_date = "1975-06-12";
  PairComparison c = Compare(a, b);
  EXPECT_EQ(WeightOf(c, "birth_date"), kW.birth_date_differs);
  EXPECT_FALSE(IsLink(c, DefaultMatchConfig()));
}

TEST(MatcherTest, FieldsEmptyOnEitherSideAreNotCompared) {
  PairComparison c =
      Compare({.email = "ann@x.org"}, {.given = "Ann",
                                       .family = "Lee",
                                       .birth_date = "1990-03-04",
                                       .email = "ann@x.org",
                                       .street = "1 rue X",
                                       .postal_code = "75001"});
  ASSERT_EQ(c.fields.size(), 1u);
  EXPECT_EQ(c.score, kW.strong_identifier);
}

TEST(MatcherTest, DifferentPassportsWeighAgainstTheMatch) {
  PairComparison c = Compare({.email = "ann@x.org", .passport = "12AB34567"},
                             {.email = "ann@x.org", .passport = "99ZZ11111"});
  EXPECT_EQ(WeightOf(c, "passport"), kW.unique_identifier_differs);
  EXPECT_FALSE(IsLink(c, DefaultMatchConfig()));
}

TEST(MatcherTest, ComparisonIsSymmetric) {
  const Person people[] = {
      {.given = "Ann",
       .family = "Lee",
       .birth_date = "1990-03-04",
       .email = "ann@x.org"},
      {.given = "Lee", .family = "Ann", .birth_date = "1990-04-03"},
      {.given = "Annie",
       .family = "Leigh",
       .phone = "01 42 68 53 00",
       .postal_code = "75001"},
      {.given = "Bob",
       .family = "Smith",
       .birth_date = "1975-06-12",
       .phone = "01 42 68 53 00"},
      {.family = "Lee", .email = "ann@x.org", .passport = "12AB34567"},
      {.given = "Lee", .birth_date_text = "1990-03-64"},
      {.given = "Bob", .family = "Lee", .full = "Bob Ann Lee"},
      {.given = "Ann", .birth_date_text = "1990"},
  };
  for (const Person& a : people) {
    for (const Person& b : people) {
      PairComparison ab = Compare(a, b);
      PairComparison ba = Compare(b, a);
      EXPECT_DOUBLE_EQ(ab.score, ba.score) << a.given << "/" << b.given;
      EXPECT_EQ(ab.conflict, ba.conflict) << a.given << "/" << b.given;
    }
  }
}

TEST(MatcherTest, InitialsOfACompoundGivenNameAreAVariant) {
  PairComparison c = Compare({.given = "JP", .family = "Morel"},
                             {.given = "Jean-Pierre", .family = "Morel"});
  EXPECT_EQ(WeightOf(c, "given"), DefaultMatchConfig().weights.given_variant);
  EXPECT_FALSE(c.conflict);
}

TEST(MatcherTest, NameSpelledLocalPartAtAnotherProviderWeighsNothing) {
  const MatchWeights w = DefaultMatchConfig().weights;
  // Namesakes choose the same name-made local part at different providers.
  EXPECT_EQ(WeightOf(Compare({.given = "Yohan", .family = "Muller",
                              .email = "muller.yohan@sfr.fr"},
                             {.given = "Yohan", .family = "Muller",
                              .email = "muller.yohan@yahoo.fr"}),
                     "email"),
            0.0);
  // A local part that is not a name still tells.
  EXPECT_EQ(WeightOf(Compare({.given = "Yohan", .email = "zorglub77@sfr.fr"},
                             {.given = "Yohan",
                              .email = "zorglub77@yahoo.fr"}),
                     "email"),
            w.email_close);
  // A typo in a name-made address is the same address.
  EXPECT_EQ(WeightOf(Compare({.given = "Evie", .email = "evied56@harris.net"},
                             {.given = "Evie", .email = "evihd56@harris.net"}),
                     "email"),
            w.email_close);
}

TEST(MatcherTest, AnotherHomeCountsAgainstButSwappedLinesDoNot) {
  const MatchWeights w = DefaultMatchConfig().weights;
  EXPECT_EQ(WeightOf(Compare({.street = "12 rue des Lilas"},
                             {.street = "98 avenue Victor Hugo"}),
                     "street"),
            w.street_differs);
  // Same number: a typo or the lines written the other way round.
  EXPECT_EQ(WeightOf(Compare({.street = "15 lubuma place"},
                             {.street = "15 merewether public school"}),
                     "street"),
            std::nullopt);
  EXPECT_EQ(WeightOf(Compare({.street = "12 rue des Lilas"},
                             {.street = "14 rue des Lilas"}),
                     "street"),
            w.street_name_only);
}

TEST(MatcherTest, IsLinkNeedsThresholdAndNoConflict) {
  const MatchConfig config = DefaultMatchConfig();
  struct Case {
    double score;
    bool conflict;
    bool link;
  };
  for (const Case& c : {Case{config.link_threshold, false, true},
                        Case{config.link_threshold - 0.1, false, false},
                        Case{100, true, false}, Case{-5, false, false}}) {
    PairComparison p;
    p.score = c.score;
    p.conflict = c.conflict;
    EXPECT_EQ(IsLink(p, config), c.link) << c.score << " " << c.conflict;
  }
}

TEST(MatcherTest, HouseholdEmailAloneDoesNotLink) {
  PairComparison c = Compare({.given = "Paul", .family = "Meyer",
                              .email = "meyer.famille@wanadoo.fr"},
                             {.email = "Meyer.famille@wanadoo.fr"});
  EXPECT_FALSE(c.shares_strong_identifier);
  EXPECT_EQ(WeightOf(c, "email"), kW.weak_identifier);
  EXPECT_FALSE(IsLink(c, DefaultMatchConfig()));
}

TEST(MatcherTest, BareFamilyNameEmailIsWeakButNamesStillLink) {
  Person named{.given = "Paul", .family = "Meyer",
               .email = "meyer@wanadoo.fr"};
  PairComparison alone = Compare(named, {.email = "meyer@wanadoo.fr"});
  EXPECT_FALSE(alone.shares_strong_identifier);
  EXPECT_FALSE(IsLink(alone, DefaultMatchConfig()));
  EXPECT_TRUE(Links(named, named));
  // A personal address still links alone.
  EXPECT_TRUE(Links({.email = "paul.meyer@wanadoo.fr"},
                    {.email = "paul.meyer@wanadoo.fr"}));
}

TEST(MatcherTest, SameNameAtOneAddressWithOtherIdentifiersIsNotALink) {
  // A parent and a child of one name: every identifier both give differs
  // and one record has no birth date.
  Person parent{.given = "Mehdi", .family = "Aissaoui",
                .birth_date = "1971-03-02",
                .email = "m.aissaoui@orange.fr", .phone = "06 77 46 06 28",
                .street = "1 rue du Bois", .postal_code = "13005"};
  Person child{.given = "Mehdi", .family = "Aissaoui",
               .email = "mehdi.aissaoui02@gmail.com",
               .phone = "06 56 39 97 08", .street = "1 rue du Bois",
               .postal_code = "13005"};
  PairComparison c = Compare(parent, child);
  EXPECT_EQ(WeightOf(c, "email"), kW.identifier_differs);
  EXPECT_EQ(WeightOf(c, "phone"), kW.identifier_differs);
  EXPECT_FALSE(IsLink(c, DefaultMatchConfig()));
  // One of them again, with a new e-mail but the same mobile: linked.
  Person again = child;
  again.email = "mehdi13@free.fr";
  EXPECT_TRUE(Links(child, again));
}

}  // namespace
}  // namespace idres
