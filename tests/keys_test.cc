#include "store/keys.h"
#include "tests/test_support.h"

#include <optional>
#include <string>

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

}  // namespace
}  // namespace idres
