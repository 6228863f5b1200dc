#include "normalize/nicknames.h"

#include <utility>

#include "gtest/gtest.h"

namespace idres {
namespace {

TEST(CanonicalGivenNameTest, MapsEnglishDiminutives) {
  struct Case {
    const char* alias;
    const char* canonical;
  };
  for (const Case& c : {
           Case{"bob", "robert"},        Case{"bobby", "robert"},
           Case{"rob", "robert"},        Case{"robbie", "robert"},
           Case{"bill", "william"},      Case{"will", "william"},
           Case{"billy", "william"},     Case{"liam", "william"},
           Case{"liz", "elizabeth"},     Case{"beth", "elizabeth"},
           Case{"betty", "elizabeth"},   Case{"lizzie", "elizabeth"},
           Case{"eliza", "elizabeth"},   Case{"jim", "james"},
           Case{"jimmy", "james"},       Case{"mike", "michael"},
           Case{"kate", "catherine"},    Case{"katie", "catherine"},
           Case{"cathy", "catherine"},   Case{"katherine", "catherine"},
           Case{"dave", "david"},        Case{"tom", "thomas"},
           Case{"chris", "christopher"}, Case{"alex", "alexander"},
           Case{"sam", "samuel"},        Case{"tony", "anthony"},
           Case{"ben", "benjamin"},      Case{"dan", "daniel"},
           Case{"jack", "john"},         Case{"johnny", "john"},
           Case{"peggy", "margaret"},    Case{"maggie", "margaret"},
           Case{"meg", "margaret"},      Case{"dick", "richard"},
           Case{"ted", "edward"},        Case{"harry", "henry"},
       }) {
    EXPECT_EQ(CanonicalGivenName(c.alias), c.canonical) << c.alias;
  }
}

TEST(CanonicalGivenNameTest, MapsFrenchDiminutives) {
  struct Case {
    const char* alias;
    const char* canonical;
  };
  for (const Case& c : {
           Case{"jeannot", "jean"},
           Case{"manu", "emmanuel"},
           Case{"margot", "margaret"},
           Case{"babette", "elizabeth"},
           Case{"fanfan", "francoise"},
           Case{"pierrot", "pierre"},
           Case{"mimi", "michelle"},
           Case{"dede", "andre"},
           Case{"nico", "nicholas"},
           Case{"seb", "sebastian"},
           Case{"fred", "frederick"},
           Case{"steph", "stephen"},
           Case{"alexandre", "alexander"},
           Case{"gege", "gerard"},
           Case{"ludo", "ludovic"},
           Case{"momo", "mohamed"},
       }) {
    EXPECT_EQ(CanonicalGivenName(c.alias), c.canonical) << c.alias;
  }
}

TEST(CanonicalGivenNameTest, ReturnsUnknownTokensUnchanged) {
  for (const char* token : {"robert", "jean", "zoltan", "", "x", "bobx"}) {
    EXPECT_EQ(CanonicalGivenName(token), token);
  }
}

TEST(CanonicalGivenNameTest, KeepsCrossLanguagePairsApartUnlessDocumented) {
  EXPECT_NE(CanonicalGivenName("jean"), CanonicalGivenName("john"));
  EXPECT_NE(CanonicalGivenName("guillaume"), CanonicalGivenName("william"));
  EXPECT_NE(CanonicalGivenName("pierre"), CanonicalGivenName("peter"));
  EXPECT_EQ(CanonicalGivenName("philippe"), CanonicalGivenName("philip"));
  EXPECT_EQ(CanonicalGivenName("nicolas"), CanonicalGivenName("nicholas"));
  // Forms of one name in other languages that English records use for one
  // person (Carl / Charles, Ian / John, Gwilym / William).
  for (const auto& [form, name] :
       {std::pair{"carl", "charles"}, {"karl", "charles"}, {"ian", "john"},
        {"sean", "john"}, {"johann", "john"}, {"gwilym", "william"},
        {"giorgio", "george"}, {"paolo", "paul"}, {"pietro", "peter"},
        {"francesco", "francis"}, {"dai", "david"}}) {
    EXPECT_EQ(CanonicalGivenName(form), name) << form;
  }
}

TEST(AreNameVariantsTest, MatchesTokensSharingCanonicalName) {
  EXPECT_TRUE(AreNameVariants("bob", "robbie"));
  EXPECT_TRUE(AreNameVariants("bob", "robert"));
  EXPECT_TRUE(AreNameVariants("kate", "cathy"));
  EXPECT_TRUE(AreNameVariants("seb", "sebastien"));
  EXPECT_TRUE(AreNameVariants("zoltan", "zoltan"));
}

TEST(AreNameVariantsTest, AmbiguousDiminutiveMatchesEachOfItsNames) {
  struct Case {
    const char* alias;
    const char* first;
    const char* second;
  };
  for (const Case& c : {Case{"dany", "daniel", "danielle"},
                        Case{"alex", "alexandre", "alexandra"},
                        Case{"steph", "stephane", "stephanie"},
                        Case{"gaby", "gabriel", "gabrielle"},
                        Case{"flo", "florence", "florian"},
                        Case{"pat", "patrick", "patricia"},
                        Case{"fred", "alfred", "frederick"},
                        Case{"harry", "harold", "henry"}}) {
    EXPECT_TRUE(AreNameVariants(c.alias, c.first)) << c.alias;
    EXPECT_TRUE(AreNameVariants(c.second, c.alias)) << c.alias;
    EXPECT_FALSE(AreNameVariants(c.first, c.second)) << c.alias;
  }
  EXPECT_EQ(CanonicalGivenName("dany"), "daniel");
}

// Common English diminutives; those shared by two names ("fred": alfred
// or frederick) are in the table of the test above.
TEST(AreNameVariantsTest, KnowsEnglishDiminutives) {
  for (auto [alias, name] :
       {std::pair{"bert", "herbert"}, {"bertie", "albert"}, {"joe", "joseph"},
        {"ernie", "ernest"}, {"archie", "archibald"}, {"gus", "augustus"},
        {"fanny", "frances"}, {"georgie", "george"}}) {
    EXPECT_TRUE(AreNameVariants(alias, name)) << alias;
  }
  EXPECT_FALSE(AreNameVariants("albert", "herbert"));
  EXPECT_FALSE(AreNameVariants("george", "georgina"));
}

TEST(AreNameVariantsTest, KnowsFrenchFamilyNicknames) {
  for (auto [alias, name] : {std::pair{"mika", "mickael"}, {"lili", "aurelie"},
                             {"juju", "julien"}, {"babeth", "elisabeth"},
                             {"jojo", "georges"}, {"tony", "antoine"}}) {
    EXPECT_TRUE(AreNameVariants(alias, name)) << alias;
  }
}

TEST(AreNameVariantsTest, RejectsDifferentOrEmptyNames) {
  EXPECT_FALSE(AreNameVariants("bob", "bill"));
  EXPECT_FALSE(AreNameVariants("jean", "jeanne"));
  EXPECT_FALSE(AreNameVariants("daniel", "danielle"));
  EXPECT_FALSE(AreNameVariants("", ""));
  EXPECT_FALSE(AreNameVariants("bob", ""));
}

}  // namespace
}  // namespace idres
