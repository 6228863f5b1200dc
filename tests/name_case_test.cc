#include "normalize/name_case.h"

#include <optional>

#include "gtest/gtest.h"

namespace idres {
namespace {

TEST(NameCaseTest, FamilyNameInCapitalsAtEitherEndIsTheFamily) {
  struct Case {
    const char* full;
    const char* given;
    const char* family;
  };
  for (const Case& c : {Case{"GARNIER Aurélie", "Aurélie", "GARNIER"},
                        Case{"Aurélie GARNIER", "Aurélie", "GARNIER"},
                        Case{"DE LA FONTAINE Jean", "Jean", "DE LA FONTAINE"},
                        Case{"Jean DE LA FONTAINE", "Jean", "DE LA FONTAINE"},
                        Case{"ÉTIENNE Yvette", "Yvette", "ÉTIENNE"},
                        Case{"MME GARNIER Aurélie", "Aurélie", "MME GARNIER"},
                        Case{"Jean P MARTIN", "Jean P", "MARTIN"},
                        Case{"M. Jean DUPONT", "M. Jean", "DUPONT"},
                        Case{"NGUYEN Thi Lan", "Thi Lan", "NGUYEN"},
                        Case{"ИВАНОВ Иван", "Иван", "ИВАНОВ"}}) {
    std::optional<NameParts> parts = SplitNameByCase(c.full);
    ASSERT_TRUE(parts.has_value()) << c.full;
    EXPECT_EQ(parts->given, c.given) << c.full;
    EXPECT_EQ(parts->family, c.family) << c.full;
  }
}

TEST(NameCaseTest, CaseThatSaysNothingLeavesTheSplitToTheCaller) {
  for (const char* full :
       {"GARNIER AURÉLIE", "garnier aurélie", "Aurélie Garnier", "GARNIER",
        "Aurélie", "", "Jean MARIE Dupont",
        "DUPONT Jean MARTIN", "王伟 李", "J Martin", "Jean-Pierre O'Neil"}) {
    EXPECT_FALSE(SplitNameByCase(full).has_value()) << full;
  }
}

}  // namespace
}  // namespace idres
