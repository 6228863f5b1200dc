#include "normalize/normalize.h"

#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"

namespace idres {
namespace {

TEST(NormalizeEmailTest, TrimsAndLowercases) {
  EXPECT_EQ(NormalizeEmail("  Ann.Lee@Example.ORG \t"), "ann.lee@example.org");
}

TEST(NormalizeEmailTest, RejectsMalformedAddresses) {
  const std::string too_long = std::string(250, 'a') + "@x.fr";
  for (absl::string_view raw :
       {"", "   ", "ann", "@x.org", "ann@", "ann@x", "ann@@x.org",
        "ann@b@x.org", "ann@x..org", "ann@.x.org", "ann@x.org.", "an n@x.org",
        "ann@x\t.org"}) {
    EXPECT_EQ(NormalizeEmail(raw), std::nullopt) << raw;
  }
  EXPECT_EQ(NormalizeEmail(too_long), std::nullopt);
}

TEST(NormalizeEmailTest, AcceptsLongestAllowedAddress) {
  const std::string raw = std::string(248, 'a') + "@x.org";
  ASSERT_EQ(raw.size(), 254u);
  EXPECT_EQ(NormalizeEmail(raw), raw);
}

TEST(NormalizePhoneTest, FrenchFormsGiveOneE164Mobile) {
  for (absl::string_view raw :
       {"06 48 51 00 52", "06.48.51.00.52", "0648510052", "06-48-51-00-52",
        "+33 6 48 51 00 52", "0033 6 48 51 00 52", "+33 (0)6 48 51 00 52",
        "+33648510052"}) {
    std::optional<Phone> phone = NormalizePhone(raw, "FR");
    ASSERT_TRUE(phone.has_value()) << raw;
    EXPECT_EQ(phone->e164, "+33648510052") << raw;
    EXPECT_EQ(phone->kind, PhoneKind::kMobile) << raw;
  }
}

TEST(NormalizePhoneTest, ReportsKindFromNumberingPlan) {
  struct Case {
    const char* raw;
    const char* region;
    const char* e164;
    PhoneKind kind;
  };
  for (const Case& c : {
           Case{"01 42 68 53 00", "FR", "+33142685300", PhoneKind::kFixedLine},
           Case{"0800 123 456", "FR", "+33800123456", PhoneKind::kOther},
           Case{"07911 123456", "GB", "+447911123456", PhoneKind::kMobile},
           Case{"020 7946 0018", "GB", "+442079460018", PhoneKind::kFixedLine},
           Case{"(650) 253-0000", "US", "+16502530000",
                PhoneKind::kFixedLineOrMobile},
       }) {
    std::optional<Phone> phone = NormalizePhone(c.raw, c.region);
    ASSERT_TRUE(phone.has_value()) << c.raw;
    EXPECT_EQ(phone->e164, c.e164) << c.raw;
    EXPECT_EQ(phone->kind, c.kind) << c.raw;
  }
}

TEST(NormalizePhoneTest, AcceptsLowercaseRegion) {
  std::optional<Phone> phone = NormalizePhone("06 48 51 00 52", "fr");
  ASSERT_TRUE(phone.has_value());
  EXPECT_EQ(phone->e164, "+33648510052");
}

TEST(NormalizePhoneTest, InternationalFormNeedsNoRegion) {
  std::optional<Phone> phone = NormalizePhone("+44 7911 123456", "");
  ASSERT_TRUE(phone.has_value());
  EXPECT_EQ(phone->e164, "+447911123456");
}

TEST(NormalizePhoneTest, RejectsInvalidNumbers) {
  for (absl::string_view raw :
       {"", "0000000000", "123", "06 48 51", "not a phone", "+33 0 00 00 00 00",
        "\xff\xfe\xfd"}) {
    EXPECT_EQ(NormalizePhone(raw, "FR"), std::nullopt) << raw;
  }
  EXPECT_EQ(NormalizePhone("06 48 51 00 52", ""), std::nullopt);
}

TEST(NormalizePhoneTest, GivesSameResultsFromManyThreads) {
  std::vector<int> valid_counts(4, 0);
  std::vector<std::thread> threads;
  for (int& valid : valid_counts) {
    threads.emplace_back([&valid] {
      for (int i = 0; i < 100; ++i) {
        std::optional<Phone> phone = NormalizePhone("06 48 51 00 52", "FR");
        if (phone.has_value() && phone->e164 == "+33648510052") ++valid;
      }
    });
  }
  for (std::thread& t : threads) t.join();
  for (int valid : valid_counts) EXPECT_EQ(valid, 100);
}

TEST(FoldTextTest, FoldsToLowercaseAsciiWords) {
  struct Case {
    const char* raw;
    const char* folded;
  };
  for (const Case& c : {
           Case{"Émilie", "emilie"},
           Case{"PHILIPPE", "philippe"},
           Case{"Jean-Pierre", "jean pierre"},
           Case{"O'Brien", "obrien"},
           Case{"O\u2019Brien", "obrien"},
           Case{"Müller", "muller"},
           Case{"Straße", "strasse"},
           Case{"  12,  rue de la   Paix ", "12 rue de la paix"},
           Case{"Иван", "ivan"},
           Case{"Игорь", "igor"},
           Case{"王伟", "wang wei"},
           Case{"Αλέξανδρος", "alexandros"},
           Case{"ＡＢＣ", "abc"},
           Case{"e\u0301mile", "emile"},
           Case{"", ""},
           Case{" -- ", ""},
       }) {
    EXPECT_EQ(FoldText(c.raw), c.folded) << c.raw;
  }
}

// Latin-1 letters and the oe ligature are folded without ICU; a Cyrillic
// word beside one sends the whole text through ICU, which must agree.
TEST(FoldTextTest, LatinOneLettersFoldAsIcuFoldsThem) {
  std::vector<int> code_points = {0x152, 0x153};
  for (int cp = 0xC0; cp <= 0xFF; ++cp) code_points.push_back(cp);
  for (int cp : code_points) {
    char utf8[3] = {static_cast<char>(0xC0 | (cp >> 6)),
                    static_cast<char>(0x80 | (cp & 0x3F)), 0};
    const std::string word = absl::StrCat("x", utf8, "x");
    const std::string through_icu = FoldText(absl::StrCat(word, " \u0436"));
    const size_t last_space = through_icu.rfind(' ');
    ASSERT_NE(last_space, std::string::npos) << std::hex << cp;
    EXPECT_EQ(FoldText(word), through_icu.substr(0, last_space))
        << std::hex << cp;
  }
  EXPECT_EQ(FoldText("Œuvre Ørsted Þór Ñuñez"), "oeuvre orsted thor nunez");
}

TEST(FoldTextTest, ArabicGivesLatinLetters) {
  const std::string folded = FoldText("محمد");
  EXPECT_FALSE(folded.empty());
  for (char c : folded) EXPECT_TRUE(c >= 'a' && c <= 'z') << folded;
}

TEST(FoldTextTest, InvalidUtf8BecomesSeparator) {
  EXPECT_EQ(FoldText("ab\xff\xfe"
                     "cd"),
            "ab cd");
  EXPECT_EQ(FoldText("\xc3"), "");
  EXPECT_EQ(FoldText("\xe9t\xe9"), "t");
}

TEST(FoldTextTest, GivesSameResultsFromManyThreads) {
  const std::vector<std::string> expected = {FoldText("Émilie Müller"),
                                             FoldText("Иван Петров")};
  std::vector<std::vector<std::string>> results(4);
  std::vector<std::thread> threads;
  for (auto& result : results) {
    threads.emplace_back([&result] {
      for (int i = 0; i < 200; ++i) {
        result.push_back(
            FoldText(i % 2 == 0 ? "Émilie Müller" : "Иван Петров"));
      }
    });
  }
  for (std::thread& t : threads) t.join();
  for (const auto& result : results) {
    ASSERT_EQ(result.size(), 200u);
    for (size_t i = 0; i < result.size(); ++i) {
      EXPECT_EQ(result[i], expected[i % 2]);
    }
  }
  EXPECT_EQ(expected[0], "emilie muller");
  EXPECT_EQ(expected[1], "ivan petrov");
}

TEST(NameTokensTest, SplitsOnSpaces) {
  EXPECT_EQ(NameTokens("jean pierre de la tour"),
            (std::vector<std::string>{"jean", "pierre", "de", "la", "tour"}));
  EXPECT_EQ(NameTokens(" a  b "), (std::vector<std::string>{"a", "b"}));
  EXPECT_TRUE(NameTokens("").empty());
}

TEST(NormalizePostalCodeTest, UppercasesAndDropsSpacesAndHyphens) {
  EXPECT_EQ(NormalizePostalCode("51 010"), "51010");
  EXPECT_EQ(NormalizePostalCode("sw1a 1aa"), "SW1A1AA");
  EXPECT_EQ(NormalizePostalCode(" 94043-1351 "), "940431351");
  EXPECT_EQ(NormalizePostalCode(""), "");
}

TEST(ParseIsoDateTest, ParsesValidDates) {
  struct Case {
    const char* raw;
    int year, month, day;
  };
  for (const Case& c :
       {Case{"1985-07-14", 1985, 7, 14}, Case{"2000-02-29", 2000, 2, 29},
        Case{"2024-02-29", 2024, 2, 29}, Case{"1800-01-01", 1800, 1, 1},
        Case{"2200-12-31", 2200, 12, 31}}) {
    std::optional<CivilDate> date = ParseIsoDate(c.raw);
    ASSERT_TRUE(date.has_value()) << c.raw;
    EXPECT_EQ(date->year, c.year) << c.raw;
    EXPECT_EQ(date->month, c.month) << c.raw;
    EXPECT_EQ(date->day, c.day) << c.raw;
  }
}

TEST(ParseIsoDateTest, RejectsMalformedOrImpossibleDates) {
  for (absl::string_view raw :
       {"", "1985-7-14", "1985/07/14", "14-07-1985", "1985-07-14T00:00",
        " 1985-07-14", "1985-13-01", "1985-00-10", "1985-04-31", "1985-07-00",
        "1900-02-29", "2023-02-29", "1799-12-31", "2201-01-01", "19a5-07-14",
        "+985-07-14"}) {
    EXPECT_EQ(ParseIsoDate(raw).has_value(), false) << raw;
  }
}

TEST(NormalizePartialDateTest, PadsPartsAndMarksMissingOnesZero) {
  for (const auto& [raw, want] :
       {std::pair{"2001-12-64", "2001-12-64"}, {"1949-0-13", "1949-00-13"},
        {"1950-19-5", "1950-19-05"}, {"1982-01", "1982-01-00"},
        {"1982", "1982-00-00"}, {"19560231", "1956-02-31"},
        {" 1960/6/50 ", "1960-06-50"}, {"1990-03-04", "1990-03-04"}}) {
    EXPECT_EQ(NormalizePartialDate(raw), std::optional<std::string>(want))
        << raw;
  }
}

TEST(NormalizePartialDateTest, RejectsTextWithoutALeadingYear) {
  for (const char* raw : {"", "unknown", "12/11/73", "85-01-02", "0000-00-00",
                          "1990-123-01", "1990-01-02-03", "199001"}) {
    EXPECT_EQ(NormalizePartialDate(raw), std::nullopt) << raw;
  }
}

TEST(ParseDateDigitsTest, ReadsPartsWithoutRangeChecks) {
  std::optional<CivilDate> d = ParseDateDigits("2001-19-64");
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->year, 2001);
  EXPECT_EQ(d->month, 19);
  EXPECT_EQ(d->day, 64);
  EXPECT_EQ(ParseDateDigits("2001-1-640"), std::nullopt);
  EXPECT_EQ(ParseDateDigits("2001-ab-01"), std::nullopt);
}

TEST(FormatIsoDateTest, PadsWithZeros) {
  EXPECT_EQ(FormatIsoDate(CivilDate{1985, 7, 4}), "1985-07-04");
  EXPECT_EQ(FormatIsoDate(*ParseIsoDate("2000-02-29")), "2000-02-29");
}

TEST(NormalizeIdentifierValueTest, DropsSeparatorsAndUppercases) {
  EXPECT_EQ(NormalizeIdentifierValue(" ab-12.34/x y\t"), "AB1234XY");
  EXPECT_EQ(NormalizeIdentifierValue("1 85 07 75 123 456"), "1850775123456");
  EXPECT_EQ(NormalizeIdentifierValue(""), "");
}

TEST(IsPlaceholderValueTest, FlagsPlaceholders) {
  for (absl::string_view value : {"",
                                  "0000000000",
                                  "1111111",
                                  "XXXX",
                                  "aaa",
                                  "123456",
                                  "123456789",
                                  "0123456789",
                                  "1234567890",
                                  "987654321",
                                  "NONE",
                                  "null",
                                  "NA",
                                  "UNKNOWN",
                                  "test",
                                  "INCONNU",
                                  "+33600000000",
                                  "+33612345678",
                                  "test@test.com",
                                  "test@gmail.com",
                                  "noreply@shop.fr",
                                  "no-reply@shop.fr",
                                  "none@none.fr",
                                  "a@a.fr",
                                  "xxx@gmail.com",
                                  "aaaa@orange.fr",
                                  "ann@example.com",
                                  "ann@example.org",
                                  "unknown@shop.fr",
                                  "ann@shop.test",
                                  "ann@test.fr",
                                  "ann@none.com"}) {
    EXPECT_TRUE(IsPlaceholderValue(value)) << value;
  }
}

TEST(IsPlaceholderValueTest, AcceptsRealValues) {
  for (absl::string_view value :
       {"ann.lee@gmail.com", "a@gmail.com", "jo@orange.fr", "+33648510052",
        "+447911123456", "AB1234XY", "185077512345", "12345", "SW1A1AA",
        "51010", "XX", "1122334455", "testa@gmail.com", "ann@testing.fr"}) {
    EXPECT_FALSE(IsPlaceholderValue(value)) << value;
  }
}

TEST(NormalizeUnlistedPhoneTest, KeepsUnlistedMobileBlocks) {
  std::optional<Phone> p = NormalizeUnlistedPhone("07 27 56 58 57", "FR");
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(p->e164, "+33727565857");
  EXPECT_EQ(p->kind, PhoneKind::kMobile);
}

TEST(NormalizeUnlistedPhoneTest, AgreesWithNormalizePhoneOnValidNumbers) {
  std::optional<Phone> p = NormalizeUnlistedPhone("01 42 68 53 00", "FR");
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(p->e164, "+33142685300");
  EXPECT_EQ(p->kind, PhoneKind::kFixedLine);
}

TEST(NormalizeUnlistedPhoneTest, RejectsImpossibleLengths) {
  EXPECT_FALSE(NormalizeUnlistedPhone("123", "FR").has_value());
  EXPECT_FALSE(NormalizeUnlistedPhone("", "FR").has_value());
}

}  // namespace
}  // namespace idres
