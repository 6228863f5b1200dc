// What the server does with request bytes that do not parse: the
// diagnosis (proto/request_decoding.h) and gRPC's traits for every request
// type (proto/grpc_request_traits.h).
#include "proto/request_decoding.h"

#include <set>
#include <string>

#include "google/protobuf/descriptor.h"
#include "grpcpp/support/byte_buffer.h"
#include "gtest/gtest.h"
#include "idres/v1/governance.grpc.pb.h"
#include "idres/v1/identity.grpc.pb.h"
#include "normalize/message_checks.h"

namespace idres {
namespace {

// Expects `s` to be InvalidArgument starting with `prefix`.
void ExpectInvalid(const absl::Status& s, absl::string_view prefix) {
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument) << s;
  EXPECT_EQ(s.message().substr(0, prefix.size()), prefix) << s;
}

// Serializes `r` with the bytes of `marker` (same length) replaced by
// `bad`, which the parser refuses as a proto3 string.
std::string WithBytes(const google::protobuf::Message& r,
                      absl::string_view marker, absl::string_view bad) {
  std::string bytes = r.SerializeAsString();
  size_t at = bytes.find(std::string(marker));
  EXPECT_NE(at, std::string::npos);
  bytes.replace(at, marker.size(), std::string(bad));
  return bytes;
}

TEST(RequestDecodingTest, DiagnosisNamesTheFieldThatIsNotUtf8) {
  v1::ResolveRequest r;
  r.mutable_record()->add_identifiers()->set_value("fine");
  r.mutable_record()->add_identifiers()->set_value("ab@@");
  std::string bytes = WithBytes(r, "@@", "\xff\xfe");
  v1::ResolveRequest parsed;
  ASSERT_FALSE(parsed.ParseFromString(bytes));
  EXPECT_EQ(DiagnoseUndecodable(*parsed.GetDescriptor(), bytes),
            "record.identifiers[1].value: is not valid UTF-8 at byte 2");

  v1::RecordInteractionRequest facts;
  (*facts.mutable_interaction()->mutable_facts())["k"] = std::string("v@@");
  EXPECT_EQ(DiagnoseUndecodable(*facts.GetDescriptor(),
                                WithBytes(facts, "@@", "\xc0\x80")),
            "interaction.facts[k]: is not valid UTF-8 at byte 1");
  (*facts.mutable_interaction()->mutable_facts())["@@"] = std::string("v");
  facts.mutable_interaction()->mutable_facts()->erase("k");
  EXPECT_EQ(DiagnoseUndecodable(*facts.GetDescriptor(),
                                WithBytes(facts, "@@", "\xc0\x80")),
            "interaction.facts: key is not valid UTF-8 at byte 0");
}

TEST(RequestDecodingTest, DiagnosisOfMalformedWireDataNamesTheType) {
  const std::string truncated = "\x0a\x05\x0a";  // Length 5, 1 byte given.
  EXPECT_EQ(DiagnoseUndecodable(*v1::ResolveRequest::descriptor(), truncated),
            "request: malformed protobuf wire data");
}

TEST(RequestDecodingTest, MarkIsFoundByValidatorsAndCannotBeForged) {
  v1::GetContextRequest r;
  r.set_max_interactions(3);
  MarkUndecodable(&r, "target.identifier.value: is not valid UTF-8 at byte 0");
  EXPECT_EQ(r.max_interactions(), 0);
  ExpectInvalid(CheckMessage(r, ""), "target.identifier.value: is not valid");

  v1::GetContextRequest forged;
  forged.GetReflection()->MutableUnknownFields(&forged)->AddLengthDelimited(
      kUndecodableField, "chosen text");
  RefuseForgedDiagnosis(&forged);
  ExpectInvalid(CheckMessage(forged, ""),
                "request: unknown field number 536870911");
}

grpc::ByteBuffer BufferOf(const std::string& bytes) {
  grpc::Slice slice(bytes);
  return grpc::ByteBuffer(&slice, 1);
}

TEST(RequestDecodingTest, TraitsParseGoodBytesAsProtobufDoes) {
  v1::GetContextRequest r;
  r.mutable_target()->set_profile_id("p-1");
  r.set_max_interactions(7);
  grpc::ByteBuffer buffer = BufferOf(r.SerializeAsString());
  v1::GetContextRequest parsed;
  grpc::Status s =
      grpc::SerializationTraits<v1::GetContextRequest>::Deserialize(&buffer,
                                                                    &parsed);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(parsed.SerializeAsString(), r.SerializeAsString());
  EXPECT_TRUE(CheckMessage(parsed, "").ok());
}

TEST(RequestDecodingTest, TraitsTurnRefusedBytesIntoAMarkedMessage) {
  v1::GetContextRequest r;
  r.mutable_target()->mutable_identifier()->set_type("email");
  r.mutable_target()->mutable_identifier()->set_value("x@@");
  grpc::ByteBuffer buffer = BufferOf(WithBytes(r, "@@", "\xe2\x28"));
  v1::GetContextRequest parsed;
  grpc::Status s =
      grpc::SerializationTraits<v1::GetContextRequest>::Deserialize(&buffer,
                                                                    &parsed);
  ASSERT_TRUE(s.ok()) << s.error_message();
  ExpectInvalid(CheckMessage(parsed, ""),
                "target.identifier.value: is not valid UTF-8 at byte 1");
}

// A new RPC's request type must be added to IDRES_DECODED_REQUESTS, or
// invalid UTF-8 in it would answer UNIMPLEMENTED again.
TEST(RequestDecodingTest, EveryServiceRequestTypeHasTheTraits) {
  const std::vector<std::string>& listed = DecodedRequestTypes();
  std::set<std::string> decoded(listed.begin(), listed.end());
  const google::protobuf::FileDescriptor* files[] = {
      v1::PingRequest::descriptor()->file(),
      v1::MergeProfilesRequest::descriptor()->file()};
  int methods = 0;
  for (const google::protobuf::FileDescriptor* file : files) {
    for (int s = 0; s < file->service_count(); ++s) {
      const google::protobuf::ServiceDescriptor* d = file->service(s);
      for (int i = 0; i < d->method_count(); ++i, ++methods) {
        EXPECT_TRUE(decoded.count(d->method(i)->input_type()->full_name()))
            << d->method(i)->full_name() << ": add its request type to "
            << "IDRES_DECODED_REQUESTS in proto/grpc_request_traits.h";
      }
    }
  }
  EXPECT_GE(methods, 18);
}

}  // namespace
}  // namespace idres
