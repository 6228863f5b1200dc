#include "normalize/phonetic.h"

#include <string>

#include "gtest/gtest.h"

namespace idres {
namespace {

struct PairCase {
  const char* a;
  const char* b;
};

TEST(PhoneticKeyTest, SpellingVariantsShareKey) {
  for (const PairCase& c : {
           PairCase{"philippe", "filipe"},
           PairCase{"philippe", "phillipe"},
           PairCase{"catherine", "katherine"},
           PairCase{"catherine", "kathryn"},
           PairCase{"smith", "smyth"},
           PairCase{"thomson", "thompson"},
           PairCase{"dupont", "dupond"},
           PairCase{"lefebvre", "lefevre"},
           PairCase{"mohamed", "mohammed"},
           PairCase{"renault", "renaud"},
           PairCase{"renault", "reno"},
           PairCase{"gauthier", "gautier"},
           PairCase{"francois", "fransois"},
           PairCase{"christophe", "cristophe"},
           PairCase{"jean", "jeanne"},
           PairCase{"laurence", "lawrence"},
           PairCase{"emilie", "emily"},
           PairCase{"stephane", "stefan"},
           PairCase{"thomas", "tomas"},
           PairCase{"nicolas", "nicola"},
           PairCase{"schmidt", "schmitt"},
           PairCase{"michael", "michel"},
           PairCase{"dominique", "dominic"},
           PairCase{"eric", "erik"},
           PairCase{"yann", "ian"},
           PairCase{"arnaud", "arnaut"},
           PairCase{"leroux", "lerou"},
           PairCase{"girard", "girar"},
           PairCase{"henri", "henry"},
       }) {
    EXPECT_EQ(PhoneticKey(c.a), PhoneticKey(c.b)) << c.a << " vs " << c.b;
  }
}

TEST(PhoneticKeyTest, DifferentNamesGetDifferentKeys) {
  for (const PairCase& c : {
           PairCase{"martin", "bernard"},
           PairCase{"dupont", "durand"},
           PairCase{"marie", "mario"},
           PairCase{"marie", "maria"},
           PairCase{"petit", "martin"},
           PairCase{"thomas", "simon"},
           PairCase{"robert", "richard"},
           PairCase{"leroy", "moreau"},
           PairCase{"david", "daniel"},
           PairCase{"louis", "lucas"},
           PairCase{"kurt", "kur"},
       }) {
    EXPECT_NE(PhoneticKey(c.a), PhoneticKey(c.b)) << c.a << " vs " << c.b;
  }
}

TEST(PhoneticKeyTest, ProducesDocumentedKeys) {
  struct Case {
    const char* token;
    const char* key;
  };
  for (const Case& c : {
           Case{"philippe", "FLP"},
           Case{"catherine", "KTRN"},
           Case{"dupont", "DPN"},
           Case{"renault", "RNO"},
           Case{"francois", "FRNSA"},
           Case{"marie", "MRI"},
           Case{"mario", "MRO"},
           Case{"emilie", "AMLI"},
           Case{"lefebvre", "LFVR"},
           Case{"schmidt", "XMI"},
           Case{"knight", "NT"},
           Case{"guillaume", "GLM"},
           Case{"agnes", "ANS"},
           Case{"duboys", "DBA"},
           Case{"a", "A"},
       }) {
    EXPECT_EQ(PhoneticKey(c.token), c.key) << c.token;
  }
}

TEST(PhoneticKeyTest, EmptyOrLetterlessInputGivesEmptyKey) {
  EXPECT_EQ(PhoneticKey(""), "");
  EXPECT_EQ(PhoneticKey("1234"), "");
  EXPECT_EQ(PhoneticKey(" -"), "");
}

TEST(PhoneticKeyTest, IgnoresNonLetters) {
  EXPECT_EQ(PhoneticKey("du pont2"), PhoneticKey("dupont"));
}

}  // namespace
}  // namespace idres
