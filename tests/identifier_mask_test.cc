#include "normalize/identifier_mask.h"

#include "gtest/gtest.h"

namespace idres {
namespace {

TEST(IdentifierMaskTest, Emails) {
  const struct {
    const char* in;
    const char* out;
  } kCases[] = {
      {"jean.dupont@free.fr", "j***@free.fr"},
      {"j@free.fr", "j***@free.fr"},
      {"élodie@orange.fr", "é***@orange.fr"},
      {"@free.fr", "@***r"},
      {"nobody", "n***y"},
  };
  for (const auto& c : kCases) EXPECT_EQ(MaskEmail(c.in), c.out) << c.in;
}

TEST(IdentifierMaskTest, Phones) {
  const struct {
    const char* in;
    const char* out;
  } kCases[] = {
      {"+33612345652", "+33 6 ** ** ** 52"},
      {"+14155550123", "+1 4 ** ** ** * 23"},
      {"+447911123456", "+44 7 ** ** ** * 56"},
      {"0612345652", "0***2"},
      {"+", "***"},
  };
  for (const auto& c : kCases) EXPECT_EQ(MaskPhone(c.in), c.out) << c.in;
}

TEST(IdentifierMaskTest, OtherTypesKeepOnlyTheirEnds) {
  EXPECT_EQ(MaskIdentifier("customer_id", "C-000123"), "C***3");
  EXPECT_EQ(MaskIdentifier("loyalty_card", "1234"), "***");
  EXPECT_EQ(MaskIdentifier("email", "ann@x.org"), "a***@x.org");
  EXPECT_EQ(MaskIdentifier("phone", "+33612345652"), "+33 6 ** ** ** 52");
}

}  // namespace
}  // namespace idres
