// The rules every accepted message meets (normalize/message_checks.h).
#include "normalize/message_checks.h"

#include <string>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "idres/v1/governance.pb.h"
#include "idres/v1/identity.pb.h"
#include "proto/request_decoding.h"

namespace idres {
namespace {

// Expects `s` to be InvalidArgument starting with `prefix`.
void ExpectInvalid(const absl::Status& s, absl::string_view prefix) {
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument) << s;
  EXPECT_EQ(s.message().substr(0, prefix.size()), prefix) << s;
}

TEST(MessageChecksTest, TextProblemAcceptsUtf8AndRefusesControls) {
  const struct {
    std::string text;
    TextKind kind;
    const char* problem;  // "" when accepted.
  } cases[] = {
      {"Zoë Ådahl 李 🙂", TextKind::kLine, ""},
      {"a\tb\nc", TextKind::kFreeText, ""},
      {"a\tb", TextKind::kLine, "contains control character U+0009 at byte 1"},
      {"a\nb", TextKind::kLine, "contains control character U+000A at byte 1"},
      {"a\r\nb", TextKind::kFreeText,
       "contains control character U+000D at byte 1 (free text allows tab "
       "and newline only)"},
      {"\x1b[31m", TextKind::kLine,
       "contains control character U+001B at byte 0"},
      {std::string("ab\0", 3), TextKind::kFreeText,
       "contains a NUL byte at byte 2"},
      {"x\x7f", TextKind::kLine, "contains control character U+007F at byte 1"},
      {"x\xc2\x9b", TextKind::kLine,
       "contains control character U+009B at byte 1"},
      {"\xc2\xa0", TextKind::kLine, ""},  // U+00A0, past C1.
      {"ab\xff", TextKind::kLine, "is not valid UTF-8 at byte 2"},
      {"\xc0\x80", TextKind::kLine, "is not valid UTF-8 at byte 0"},  // Overlong.
      {"\xed\xa0\x80", TextKind::kLine, "is not valid UTF-8 at byte 0"},  // Surrogate.
      {"\xf4\x90\x80\x80", TextKind::kLine, "is not valid UTF-8 at byte 0"},
      {"Zo\xc3", TextKind::kLine, "is not valid UTF-8 at byte 2"},  // Cut.
  };
  for (const auto& c : cases) {
    EXPECT_EQ(TextProblem(c.text, c.kind), c.problem) << absl::CHexEscape(c.text);
  }
}

TEST(MessageChecksTest, NamesThePathOfNestedRepeatedAndMapFields) {
  v1::RecordInteractionRequest r;
  r.mutable_target()->mutable_identifier()->set_value("a\x01");
  ExpectInvalid(CheckMessage(r, ""), "target.identifier.value: contains");

  v1::SplitProfileRequest split;
  split.add_records()->set_source("crm");
  split.add_records()->set_source_id("b\x1b");
  ExpectInvalid(CheckMessage(split, ""), "records[1].source_id: contains");

  v1::RecordInteractionRequest facts;
  (*facts.mutable_interaction()->mutable_facts())["order"] = std::string("1\n2");
  ExpectInvalid(CheckMessage(facts, ""), "interaction.facts[order]: contains");
  v1::RecordInteractionRequest keys;
  (*keys.mutable_interaction()->mutable_facts())["a\nb"] = std::string("1");
  ExpectInvalid(CheckMessage(keys, ""),
                "interaction.facts[a\\nb]: key contains control character");
}

TEST(MessageChecksTest, FreeTextIsSummariesReasonsAndAttributeValues) {
  v1::RecordInteractionRequest r;
  r.mutable_interaction()->set_summary("line 1\n\tline 2");
  EXPECT_TRUE(CheckMessage(r, "").ok());
  r.mutable_interaction()->set_intent("a\nb");
  ExpectInvalid(CheckMessage(r, ""), "interaction.intent: ");

  v1::MergeProfilesRequest m;
  m.set_reason("two\nlines");
  EXPECT_TRUE(CheckMessage(m, "").ok());
  m.set_actor("bob\n");
  ExpectInvalid(CheckMessage(m, ""), "actor: ");

  v1::Record record;
  (*record.mutable_attributes())["note"] = std::string("a\nb");
  EXPECT_TRUE(CheckMessage(record, "record").ok());
  (*record.mutable_attributes())["no\tte"] = std::string("x");
  ExpectInvalid(CheckMessage(record, "record"), "record.attributes[no\\tte]: key");
}

TEST(MessageChecksTest, RefusesUnknownFieldsAnywhereNamingNumberAndPath) {
  v1::ResolveRequest r;
  r.mutable_record()->mutable_name()->set_given("Ann");
  v1::PersonName* name = r.mutable_record()->mutable_name();
  name->GetReflection()->MutableUnknownFields(name)->AddLengthDelimited(
      99, std::string(1000, 'x'));
  ExpectInvalid(CheckMessage(r, ""),
                "record.name: unknown field number 99 (1000 bytes) in "
                "idres.v1.PersonName");

  v1::GetContextRequest top;
  top.GetReflection()->MutableUnknownFields(&top)->AddVarint(7, 1);
  top.GetReflection()->MutableUnknownFields(&top)->AddVarint(8, 1);
  ExpectInvalid(CheckMessage(top, ""),
                "request: unknown field number 7 (a varint) and 1 more");
  ExpectInvalid(CheckNoUnknownFields(top, ""), "request: unknown field");
}

TEST(MessageChecksTest, RefusesUnknownEnumValues) {
  v1::RecordInteractionRequest r;
  r.mutable_interaction()->set_kind(static_cast<v1::InteractionKind>(99));
  ExpectInvalid(CheckMessage(r, ""),
                "interaction.kind: unknown value 99 of idres.v1.InteractionKind");
  r.mutable_interaction()->set_kind(v1::INTERACTION_KIND_CALL);
  EXPECT_TRUE(CheckMessage(r, "").ok());
}

TEST(MessageChecksTest, RangeChecksEveryTimestamp) {
  v1::SetConsentRequest c;
  c.mutable_consent()->mutable_at()->set_seconds(kMaxTimestampSeconds);
  c.mutable_consent()->mutable_at()->set_nanos(999999999);
  EXPECT_TRUE(CheckMessage(c, "").ok());
  c.mutable_consent()->mutable_at()->set_seconds(int64_t{1} << 62);
  ExpectInvalid(CheckMessage(c, ""),
                "consent.at: outside 0001-01-01..9999-12-31");
  c.mutable_consent()->mutable_at()->set_seconds(kMinTimestampSeconds - 1);
  ExpectInvalid(CheckMessage(c, ""), "consent.at: outside");
  c.mutable_consent()->mutable_at()->set_seconds(0);
  c.mutable_consent()->mutable_at()->set_nanos(-1);
  ExpectInvalid(CheckMessage(c, ""), "consent.at: outside");
}

}  // namespace
}  // namespace idres
