// The clients' JSON limits against the server's record rules: the
// largest record ValidateRecord accepts fits in one line of
// kMaxRecordLineBytes, whatever its bytes.
#include "client/json_io.h"

#include <string>

#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "normalize/record_validation.h"

namespace idres {
namespace {

// '<' is printed as \u003c: six bytes of JSON per byte, the most any byte
// allowed in these fields costs.
std::string Widest(size_t n) { return std::string(n, '<'); }

v1::Record LargestValidRecord() {
  v1::Record r;
  r.set_source(std::string(kMaxSourceLength, 's'));
  r.set_source_id(Widest(kMaxSourceIdLength));
  r.mutable_observed_at()->set_seconds(253402300799);
  r.mutable_observed_at()->set_nanos(999999999);
  for (size_t i = 0; i < kMaxIdentifiers; ++i) {
    v1::Identifier* id = r.add_identifiers();
    id->set_type(std::string(kMaxIdentifierTypeLength, 'a'));
    id->set_value(Widest(kMaxFieldLength));
  }
  for (std::string* text :
       {r.mutable_name()->mutable_given(), r.mutable_name()->mutable_family(),
        r.mutable_name()->mutable_full(), r.mutable_organization(),
        r.mutable_gender(), r.mutable_address()->mutable_line1(),
        r.mutable_address()->mutable_line2(),
        r.mutable_address()->mutable_postal_code(),
        r.mutable_address()->mutable_city(),
        r.mutable_address()->mutable_region(),
        r.mutable_address()->mutable_country(), r.mutable_birth_date_text()}) {
    *text = Widest(kMaxFieldLength);
  }
  r.set_birth_date("2000-02-29");
  for (size_t i = 0; i < kMaxAttributes; ++i) {
    std::string key = Widest(kMaxAttributeKeyLength - 2);
    key.push_back(static_cast<char>('a' + i / 26));
    key.push_back(static_cast<char>('a' + i % 26));
    (*r.mutable_attributes())[key] = Widest(kMaxAttributeValueLength);
  }
  return r;
}

TEST(JsonIoTest, LargestValidRecordFitsInOneLine) {
  v1::Record record = LargestValidRecord();
  ASSERT_TRUE(ValidateRecord(record).ok()) << ValidateRecord(record);
  absl::StatusOr<std::string> printed = ToJson(record, false);
  ASSERT_TRUE(printed.ok()) << printed.status();
  const std::string& json = *printed;
  EXPECT_GT(json.size(), kMaxRecordLineBytes / 4);  // The escapes counted.
  EXPECT_LT(json.size(), kMaxRecordLineBytes);
  EXPECT_EQ(json.find('\n'), std::string::npos);
  EXPECT_LT(record.ByteSizeLong(), size_t{4} << 20);  // Server's message cap.
  v1::Record parsed;
  ASSERT_TRUE(ParseJson(json, &parsed).ok());
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(parsed, record));
}

}  // namespace
}  // namespace idres
