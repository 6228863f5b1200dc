// The Identity service through a real gRPC server on a loopback port.
#include <string>
#include <set>
#include <vector>

#include "absl/strings/str_cat.h"
#include "grpcpp/client_context.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/health_check_service_interface.h"
#include "gtest/gtest.h"
#include "health_probe.grpc.pb.h"
#include "tests/test_support.h"

namespace idres {
namespace {

class ServiceTest : public testing::Test {
 protected:
  grpc::Status Resolve(const v1::Record& r, v1::ResolveResponse* out) {
    grpc::ClientContext context;
    v1::ResolveRequest request;
    *request.mutable_record() = r;
    return server_.stub()->Resolve(&context, request, out);
  }

  grpc::Status GetByEmail(absl::string_view email, v1::GetProfileResponse* out) {
    grpc::ClientContext context;
    v1::GetProfileRequest request;
    request.mutable_identifier()->set_type("email");
    request.mutable_identifier()->set_value(std::string(email));
    return server_.stub()->GetProfile(&context, request, out);
  }

  std::vector<v1::RecordAssignment> Export() {
    grpc::ClientContext context;
    auto reader =
        server_.stub()->ExportRecords(&context, v1::ExportRecordsRequest());
    std::vector<v1::RecordAssignment> out;
    v1::ExportRecordsResponse batch;
    while (reader->Read(&batch)) {
      out.insert(out.end(), batch.records().begin(), batch.records().end());
    }
    EXPECT_TRUE(reader->Finish().ok());
    return out;
  }

  TestServer server_;
};

TEST_F(ServiceTest, ResolveThenGetByNormalizedIdentifier) {
  v1::ResolveResponse a, b;
  ASSERT_TRUE(Resolve(EmailRecord("crm", "1", {"Ann@X.org"}), &a).ok());
  ASSERT_TRUE(Resolve(EmailRecord("shop", "2", {" ann@x.org "}), &b).ok());
  EXPECT_EQ(a.outcome(), v1::OUTCOME_CREATED);
  EXPECT_EQ(b.outcome(), v1::OUTCOME_LINKED);
  v1::GetProfileResponse got;
  ASSERT_TRUE(GetByEmail("ANN@x.org", &got).ok());
  EXPECT_EQ(got.profile().profile_id(), a.profile_id());
  EXPECT_EQ(got.profile().records_size(), 2);
  ASSERT_EQ(got.profile().golden().emails_size(), 1);
  EXPECT_EQ(got.profile().golden().emails(0), "ann@x.org");
}

TEST_F(ServiceTest, MergedAwayIdAnswersSurvivorMarkedRedirected) {
  v1::ResolveResponse a, b, c;
  ASSERT_TRUE(Resolve(EmailRecord("crm", "1", {"a@x.org"}), &a).ok());
  ASSERT_TRUE(Resolve(EmailRecord("crm", "2", {"b@x.org"}), &b).ok());
  v1::Record bridge = EmailRecord("chat", "3", {"a@x.org"});
  *bridge.add_identifiers() = EmailRecord("x", "x", {"b@x.org"}).identifiers(0);
  ASSERT_TRUE(Resolve(bridge, &c).ok());
  EXPECT_EQ(c.outcome(), v1::OUTCOME_MERGED);

  grpc::ClientContext context;
  v1::GetProfileRequest request;
  request.set_profile_id(b.profile_id());
  request.set_include_records(true);
  v1::GetProfileResponse got;
  ASSERT_TRUE(server_.stub()->GetProfile(&context, request, &got).ok());
  EXPECT_TRUE(got.redirected());
  EXPECT_EQ(got.requested_profile_id(), b.profile_id());
  EXPECT_EQ(got.profile().profile_id(), a.profile_id());
  EXPECT_EQ(got.records_size(), 3);
}

TEST_F(ServiceTest, InvalidRecordIsRejectedNamingFieldAndNothingWritten) {
  struct Case {
    v1::Record record;
    std::string field;
  };
  v1::Record long_id = EmailRecord("crm", std::string(300, 'x'), {"a@x.org"});
  v1::Record bad_date = EmailRecord("crm", "1", {"a@x.org"});
  bad_date.set_birth_date("1990-02-30");
  v1::Record many = EmailRecord("crm", "1", {""});
  for (int i = 0; i < 65; ++i) {
    *many.add_identifiers() = EmailRecord("x", "x", {"a@x.org"}).identifiers(0);
  }
  const Case cases[] = {{EmailRecord("", "1", {"a@x.org"}), "record.source"},
                        {long_id, "record.source_id"},
                        {bad_date, "record.birth_date"},
                        {many, "record.identifiers"}};
  for (const Case& c : cases) {
    v1::ResolveResponse out;
    grpc::Status s = Resolve(c.record, &out);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << c.field;
    EXPECT_NE(s.error_message().find(c.field), std::string::npos)
        << s.error_message();
  }
  EXPECT_TRUE(Export().empty());
}

TEST_F(ServiceTest, UnknownIdentifierIsNotFound) {
  v1::GetProfileResponse got;
  EXPECT_EQ(GetByEmail("nobody@x.org", &got).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

TEST_F(ServiceTest, GetProfileWithoutKeyIsInvalidArgument) {
  grpc::ClientContext context;
  v1::GetProfileResponse got;
  grpc::Status s = server_.stub()->GetProfile(&context, v1::GetProfileRequest(),
                                              &got);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(s.error_message().find("profile_id"), std::string::npos);
}

TEST_F(ServiceTest, StreamAnswersInOrderAndReportsBadRecordsInline) {
  grpc::ClientContext context;
  auto stream = server_.stub()->ResolveStream(&context);
  const int kRecords = 300;
  for (int i = 0; i < kRecords; ++i) {
    v1::ResolveRequest request;
    // Every 50th record lacks its source: rejected, the stream goes on.
    *request.mutable_record() =
        EmailRecord(i % 50 == 7 ? "" : "crm", std::to_string(i),
                    {absl::StrCat("person", i % 100, "@x.org")});
    ASSERT_TRUE(stream->Write(request));
  }
  stream->WritesDone();
  v1::ResolveResponse response;
  int n = 0, errors = 0;
  while (stream->Read(&response)) {
    EXPECT_EQ(response.record().source_id(), std::to_string(n));
    if (response.error_code() != 0) {
      ++errors;
      EXPECT_EQ(response.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    }
    ++n;
  }
  ASSERT_TRUE(stream->Finish().ok());
  EXPECT_EQ(n, kRecords);
  EXPECT_EQ(errors, kRecords / 50);
  std::vector<v1::RecordAssignment> exported = Export();
  EXPECT_EQ(exported.size(), static_cast<size_t>(kRecords - errors));
}

TEST_F(ServiceTest, ExportSpansSeveralBatchesWithoutDuplicates) {
  grpc::ClientContext context;
  auto stream = server_.stub()->ResolveStream(&context);
  const int kRecords = 2500;
  for (int i = 0; i < kRecords; ++i) {
    v1::ResolveRequest request;
    *request.mutable_record() =
        EmailRecord("shop", std::to_string(i), {absl::StrCat("p", i, "@x.org")});
    ASSERT_TRUE(stream->Write(request));
  }
  stream->WritesDone();
  v1::ResolveResponse response;
  while (stream->Read(&response)) {
  }
  ASSERT_TRUE(stream->Finish().ok());
  std::vector<v1::RecordAssignment> exported = Export();
  ASSERT_EQ(exported.size(), static_cast<size_t>(kRecords));
  std::set<std::string> ids;
  for (const auto& a : exported) ids.insert(a.source_id());
  EXPECT_EQ(ids.size(), static_cast<size_t>(kRecords));
}

TEST_F(ServiceTest, HealthServiceReportsServing) {
  auto channel = grpc::CreateChannel(server_.address(),
                                     grpc::InsecureChannelCredentials());
  auto health = grpc::health::v1::Health::NewStub(channel);
  grpc::ClientContext context;
  grpc::health::v1::HealthCheckRequest request;
  grpc::health::v1::HealthCheckResponse response;
  ASSERT_TRUE(health->Check(&context, request, &response).ok());
  EXPECT_EQ(response.status(),
            grpc::health::v1::HealthCheckResponse::SERVING);
}

}  // namespace
}  // namespace idres
