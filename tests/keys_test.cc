#include "store/keys.h"
#include "tests/test_support.h"

#include <optional>
#include <string>
#include <vector>

#include "graph/profile_ids.h"
#include "gtest/gtest.h"

namespace idres {
namespace {

using std::string_literals::operator""s;

TEST(KeysTest, RecordKeyJoinsSourceAndIdWithOneSeparator) {
  EXPECT_EQ(EncodeRecordKey(Ref("crm", "7")),
            "crm\0"s
            "7");
}

TEST(KeysTest, RecordKeyRoundTrips) {
  for (const auto& [source, source_id] :
       {std::pair<std::string, std::string>{"crm", "7"},
        {"shop.eu-1", "a b:c/d"},
        {"crm", "Zoë-42"},
        {"x", std::string(256, 'i')},
        {"crm", ""}}) {
    std::optional<v1::RecordRef> ref =
        DecodeRecordKey(EncodeRecordKey(Ref(source, source_id)));
    ASSERT_TRUE(ref.has_value()) << source << "/" << source_id;
    EXPECT_EQ(ref->source(), source);
    EXPECT_EQ(ref->source_id(), source_id);
  }
}

TEST(KeysTest, DecodeRecordKeyRejectsKeysWithoutExactlyOneSeparator) {
  for (const std::string& key : {""s, "crm"s, "crm7"s,
                                 "crm\0"
                                 "7\0"s,
                                 "a\0b\0c"s, "\0\0"s}) {
    EXPECT_FALSE(DecodeRecordKey(key).has_value())
        << "key of " << key.size() << " bytes";
  }
}

TEST(KeysTest, MatchKeyPrefixEndsWithSeparator) {
  EXPECT_EQ(EncodeMatchKeyPrefix("email:a@x.fr"), "email:a@x.fr\0"s);
}

TEST(KeysTest, MatchKeyEntryStartsWithItsPrefix) {
  std::string entry = EncodeMatchKeyEntry("email:a@x.fr", Ref("crm", "7"));
  EXPECT_EQ(entry,
            "email:a@x.fr\0crm\0"
            "7"s);
  EXPECT_EQ(entry.rfind(EncodeMatchKeyPrefix("email:a@x.fr"), 0), 0u);
}

TEST(KeysTest, PrefixOfAKeyDoesNotPrefixEntriesOfALongerKey) {
  std::string longer = EncodeMatchKeyEntry("email:ab", Ref("crm", "7"));
  EXPECT_NE(longer.rfind(EncodeMatchKeyPrefix("email:a"), 0), 0u);
}

TEST(KeysTest, MatchKeyEntryRoundTrips) {
  struct Case {
    std::string match_key;
    std::string source;
    std::string source_id;
  };
  for (const Case& c : {Case{"email:ann@x.org", "crm", "7"},
                        Case{"phone:+33648510052", "shop", "a:b"},
                        Case{"~fd:LE:1990-01-02", "x", "Zoë"},
                        Case{"customer_id:AB12", "crm", ""}}) {
    std::optional<DecodedMatchKeyEntry> d = DecodeMatchKeyEntry(
        EncodeMatchKeyEntry(c.match_key, Ref(c.source, c.source_id)));
    ASSERT_TRUE(d.has_value()) << c.match_key;
    EXPECT_EQ(d->match_key, c.match_key);
    EXPECT_EQ(d->ref.source(), c.source);
    EXPECT_EQ(d->ref.source_id(), c.source_id);
  }
}

TEST(KeysTest, DecodeMatchKeyEntryRejectsKeysWithoutExactlyTwoSeparators) {
  for (const std::string& key : {""s, "email:a"s, "email:a\0"s, "email:a\0crm"s,
                                 "email:a\0crm\0"
                                 "7\0"s,
                                 "a\0b\0c\0d"s}) {
    EXPECT_FALSE(DecodeMatchKeyEntry(key).has_value())
        << "key of " << key.size() << " bytes";
  }
}

TEST(KeysTest, RecordAndIndexKeysAreNotMistakenForEachOther) {
  v1::RecordRef ref = Ref("crm", "7");
  EXPECT_FALSE(DecodeMatchKeyEntry(EncodeRecordKey(ref)).has_value());
  EXPECT_FALSE(
      DecodeRecordKey(EncodeMatchKeyEntry("email:a@x.fr", ref)).has_value());
}

TEST(KeysTest, PossibleMatchRankKeysSortHigherScoresFirst) {
  const std::vector<double> scores = {14.4, 12.5, 11, 9.0, 0.5, 0, -3};
  for (size_t i = 1; i < scores.size(); ++i) {
    EXPECT_LT(EncodePossibleMatchRankKey(scores[i - 1], "p-9", "p-1"),
              EncodePossibleMatchRankKey(scores[i], "p-1", "p-2"))
        << scores[i - 1] << " before " << scores[i];
  }
}

// The index's tie order is OlderProfile's (graph/profile_ids.h).
TEST(KeysTest, PossibleMatchRankKeysTieByOlderProfileAsOlderProfileDoes) {
  const std::vector<std::string> ids = {"p-1",  "p-2", "p-9", "p-10",
                                        "p-11", "p-100", "p-01", "q-1",
                                        "p-",   "p-x", "z"};
  for (const std::string& a : ids) {
    for (const std::string& b : ids) {
      if (a == b) continue;
      EXPECT_EQ(EncodePossibleMatchRankKey(11, a, a) <
                    EncodePossibleMatchRankKey(11, b, b),
                OlderProfile(a, b))
          << a << " vs " << b;
    }
  }
  // The older id of the pair ranks first, whichever profile holds it.
  EXPECT_LT(EncodePossibleMatchRankKey(11, "p-12", "p-3"),
            EncodePossibleMatchRankKey(11, "p-4", "p-5"));
  EXPECT_NE(EncodePossibleMatchRankKey(11, "p-3", "p-12"),
            EncodePossibleMatchRankKey(11, "p-12", "p-3"));
}

}  // namespace
}  // namespace idres
