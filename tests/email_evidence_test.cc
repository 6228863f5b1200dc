#include "match/email_evidence.h"

#include "gtest/gtest.h"

namespace idres {
namespace {

TEST(EmailEvidenceTest, HouseholdWordsMakeAHouseholdAddress) {
  EXPECT_TRUE(IsHouseholdEmail("famille.martin@orange.fr"));
  EXPECT_TRUE(IsHouseholdEmail("martin.famille@orange.fr"));
  EXPECT_TRUE(IsHouseholdEmail("famillemartin@free.fr"));
  EXPECT_TRUE(IsHouseholdEmail("famille-martin12@free.fr"));
  EXPECT_TRUE(IsHouseholdEmail("the_smith_family@gmail.com"));
  EXPECT_TRUE(IsHouseholdEmail("foyer.dupont@laposte.net"));
}

TEST(EmailEvidenceTest, LesAndAFamilyNameIsAHouseholdAddress) {
  EXPECT_TRUE(IsHouseholdEmail("lesfrancois@orange.fr"));
  EXPECT_TRUE(IsHouseholdEmail("les.martin@orange.fr"));
  EXPECT_TRUE(IsHouseholdEmail("lesmartin75@orange.fr"));
}

TEST(EmailEvidenceTest, PersonalAddressesAreNotHouseholdOnes) {
  EXPECT_FALSE(IsHouseholdEmail("leslie.martin@gmail.com"));
  EXPECT_FALSE(IsHouseholdEmail("leslie@gmail.com"));
  EXPECT_FALSE(IsHouseholdEmail("lesueur@free.fr"));  // Lesueur, a name.
  EXPECT_FALSE(IsHouseholdEmail("paul.martin@orange.fr"));
  EXPECT_FALSE(IsHouseholdEmail("jean.famil@orange.fr"));
  EXPECT_FALSE(IsHouseholdEmail("famil@x.fr"));
}

TEST(EmailEvidenceTest, BareFamilyNameAddresses) {
  EXPECT_TRUE(IsFamilyNameEmail("martin@orange.fr", "martin"));
  EXPECT_TRUE(IsFamilyNameEmail("martin.75@orange.fr", "martin"));
  EXPECT_TRUE(IsFamilyNameEmail("le-gall@orange.fr", "legall"));
  EXPECT_FALSE(IsFamilyNameEmail("paul.martin@orange.fr", "martin"));
  EXPECT_FALSE(IsFamilyNameEmail("martin@orange.fr", "dupont"));
  // Too short to tell a family from a nickname.
  EXPECT_FALSE(IsFamilyNameEmail("li@x.cn", "li"));
}

}  // namespace
}  // namespace idres
