// The conflict rules of the record comparison (match/matcher.h): what
// says two records are two people whatever else they share.
#include <utility>

#include "gtest/gtest.h"
#include "match/match_config.h"
#include "match/matcher.h"
#include "tests/matcher_support.h"

namespace idres {
namespace {

TEST(NameConflictTest, HouseholdSharingALandlineDoesNotLink) {
  Person paul{.given = "Paul",
              .family = "Martin",
              .phone = "01 42 68 53 00",
              .street = "3 rue Lepic",
              .postal_code = "75018"};
  Person claire = paul;
  claire.given = "Claire";
  PairComparison c = Compare(paul, claire);
  EXPECT_TRUE(c.conflict);
  EXPECT_FALSE(IsLink(c, DefaultMatchConfig()));
}

TEST(NameConflictTest, TwinsConflictEvenWhenSharingAnEmail) {
  Person paul{.given = "Paul",
              .family = "Martin",
              .birth_date = "2001-05-06",
              .email = "p.martin@x.fr",
              .street = "3 rue Lepic",
              .postal_code = "75018"};
  Person louis = paul;
  louis.given = "Louis";
  PairComparison c = Compare(paul, louis);
  EXPECT_TRUE(c.shares_strong_identifier);
  EXPECT_TRUE(c.conflict);
  EXPECT_FALSE(IsLink(c, DefaultMatchConfig()));
}

TEST(NameConflictTest, DifferentGivenNamesConflict) {
  PairComparison c = Compare({.given = "Paul", .family = "Lee"},
                             {.given = "Claire", .family = "Lee"});
  EXPECT_TRUE(c.conflict);
  EXPECT_EQ(WeightOf(c, "given"), kW.given_differs);
}

// Issue 12: a son named after his father, at the father's address, with
// customer ids of their own used to link (name + address, the date only
// -4).
TEST(NameConflictTest, ParentAndChildOfOneNameConflictByTheirBirthDates) {
  Person father{.given = "Lucien",
                .family = "Morel",
                .birth_date = "1952-12-03",
                .street = "7 chemin de Bretagne",
                .postal_code = "75009"};
  Person son = father;
  son.birth_date = "1983-05-08";
  PairComparison c = Compare(father, son);
  EXPECT_TRUE(c.birth_date_compared);
  EXPECT_FALSE(c.birth_date_compatible);
  EXPECT_TRUE(c.conflict);
  EXPECT_FALSE(IsLink(c, DefaultMatchConfig()));
  // A shared strong identifier ties them: a source that replaced the
  // date kept the person's e-mail (resolution demotes a family e-mail
  // held by two profiles that conflict, so it no longer ties them).
  Person son_mail = son;
  father.email = son_mail.email = "lucien.morel@free.fr";
  EXPECT_FALSE(Compare(father, son_mail).conflict);
  // A weak one (a landline) does not.
  father.email.clear();
  father.phone = son.phone = "01 42 00 12 34";
  EXPECT_TRUE(Compare(father, son).conflict);
}

TEST(NameConflictTest, BirthDatesOnePersonCouldHaveDoNotConflict) {
  Person a{.given = "Lucien", .family = "Morel", .birth_date = "1952-12-03"};
  for (const char* other : {"1952-12-03", "1925-12-03", "1952-03-12",
                            "1952-07-03", "1952-01-01", "1955-12-03"}) {
    Person b = a;
    b.birth_date = other;
    PairComparison c = Compare(a, b);
    EXPECT_TRUE(c.birth_date_compatible) << other;
    EXPECT_FALSE(c.conflict) << other;
  }
  // Without a date on one side there is nothing to compare.
  Person undated = a;
  undated.birth_date.clear();
  EXPECT_FALSE(Compare(a, undated).birth_date_compared);
  EXPECT_FALSE(Compare(a, undated).conflict);
  // The rule is a setting: 0 turns it off.
  MatchConfig off = DefaultMatchConfig();
  off.birth_year_conflict_gap = 0;
  Person son = a;
  son.birth_date = "1983-05-08";
  EXPECT_FALSE(CompareRecords(FeaturesOf(a), FeaturesOf(son), off).conflict);
}

// Issue 12: twins Jean and Jeanne, Rene and Renee, same birth date and
// address: the feminine form was one edit away, "close", and linked.
TEST(NameConflictTest, MasculineAndFeminineFormsOfAGivenNameConflict) {
  for (auto [x, y] : {std::pair{"Jean", "Jeanne"}, {"Samir", "Samira"},
                      {"Louis", "Louise"}, {"Daniel", "Danielle"},
                      {"Paul", "Pauline"}, {"Henri", "Henriette"},
                      {"Mario", "Maria"}}) {
    Person a{.given = x,
             .family = "Pons",
             .birth_date = "1984-04-03",
             .street = "1 bis rue Charles de Gaulle",
             .postal_code = "69003"};
    Person b = a;
    b.given = y;
    PairComparison c = Compare(a, b);
    EXPECT_EQ(WeightOf(c, "given"), kW.given_differs) << x << " " << y;
    EXPECT_TRUE(c.conflict) << x << " " << y;
    // Records that say both are of one gender: a typo after all.
  }
  // Records that say both are of one gender: a typo after all, at the
  // level the edits give.
  for (auto [x, y] : {std::pair{"Jean", "Jeanne"}, {"Samir", "Samira"},
                      {"Louis", "Louise"}, {"Mario", "Maria"}}) {
    PairComparison c = Compare({.given = x, .gender = "F"},
                               {.given = y, .gender = "female"});
    EXPECT_EQ(WeightOf(c, "given"), kW.given_close) << x << " " << y;
    EXPECT_FALSE(c.conflict) << x << " " << y;
  }
  // Names that merely share a beginning stay close.
  EXPECT_FALSE(Compare({.given = "Christophe"}, {.given = "Christopher"})
                   .conflict);
  EXPECT_FALSE(Compare({.given = "Ann"}, {.given = "Anne"}).conflict);
  // A doubled or dropped final vowel is a typo.
  EXPECT_FALSE(Compare({.given = "Lotti"}, {.given = "Lottie"}).conflict);
  EXPECT_FALSE(Compare({.given = "Amelie"}, {.given = "Ameliee"}).conflict);
}

// Issue 12: "GARNIER Aurélie" written family first with no case to tell
// (given "garnier", family "aurelie") against her son "Clément Garnier":
// Garnier is in both, but in the wrong field of one, and Clément against
// Aurélie says two people; sharing the family e-mail and the landline,
// the pair linked.
TEST(NameConflictTest, NameInTheWrongFieldDoesNotExcuseADifferentGivenName) {
  Person son{.given = "Clement",
             .family = "Garnier",
             .email = "famillegarnier@laposte.net",
             .street = "1 rue du Lavoir",
             .postal_code = "62000"};
  Person mother{.given = "GARNIER",
                .family = "AURELIE",
                .email = "famillegarnier@laposte.net",
                .street = "1 rue du Lavoir",
                .postal_code = "62000"};
  EXPECT_TRUE(Compare(son, mother).conflict);
  EXPECT_TRUE(Compare(mother, son).conflict);
  // Her own records, one written the wrong way round, are one name.
  Person her = mother;
  her.given = "Aurelie";
  her.family = "Garnier";
  EXPECT_FALSE(Compare(her, mother).conflict);
  // A given name in the other's family field, the family name missing or
  // similar on the other side: one person.
  EXPECT_FALSE(Compare({.given = "Garnier"},
                       {.given = "Aurelie", .family = "Garnier"})
                   .conflict);
  EXPECT_FALSE(Compare({.given = "Martin", .family = "Aurelia"},
                       {.given = "Aurelie", .family = "Martin"})
                   .conflict);
}

// Issue 12: Pierre Raynaud and his son Pierre at one address, one record
// without a birth date: names and address (18.5) linked them although
// each has his own customer number.
TEST(AccountsKeepApartTest, NamesAndPlaceDoNotJoinTwoAccounts) {
  const MatchConfig config = DefaultMatchConfig();
  Person father{.given = "Pierre",
                .family = "Raynaud",
                .birth_date = "1949-10-09",
                .street = "2 rue de Lyon",
                .postal_code = "92700",
                .customer_id = "K45397079"};
  Person son{.given = "Pierre",
             .family = "Raynaud",
             .street = "2 rue de Lyon",
             .postal_code = "92700",
             .customer_id = "K21341784"};
  PairComparison c = Compare(father, son);
  EXPECT_GE(c.score, config.link_threshold);
  EXPECT_FALSE(c.conflict);
  EXPECT_TRUE(AccountsKeepApart(c, config));
  EXPECT_FALSE(IsLink(c, config));
  // The household's landline, shared, does not tell them apart either.
  father.phone = son.phone = "01 30 83 81 69";
  EXPECT_FALSE(IsLink(Compare(father, son), config));
  // A strong identifier shared, or birth dates that agree: one person
  // with two accounts.
  Person same_mobile = son;
  same_mobile.phone = "06 10 35 90 30";
  Person father_mobile = father;
  father_mobile.phone = "06 10 35 90 30";
  EXPECT_TRUE(IsLink(Compare(father_mobile, same_mobile), config));
  Person dated = son;
  dated.birth_date = father.birth_date;
  EXPECT_TRUE(IsLink(Compare(father, dated), config));
  // Two e-mails are not two accounts: a person has several.
  Person a{.given = "Claire",
           .family = "Rodriguez",
           .email = "c.rodriguez@orange.fr",
           .street = "1 bis route Voltaire",
           .postal_code = "82000"};
  Person b = a;
  b.email = "claire.r@outlook.fr";
  PairComparison emails = Compare(a, b);
  EXPECT_FALSE(AccountsKeepApart(emails, config));
  EXPECT_TRUE(IsLink(emails, config));
  // Accounts are configured per type: without customer_id among them, the
  // two Pierres link again.
  MatchConfig no_accounts = config;
  no_accounts.account_per_person.clear();
  EXPECT_TRUE(IsLink(Compare(father, son), no_accounts));
}

}  // namespace
}  // namespace idres
