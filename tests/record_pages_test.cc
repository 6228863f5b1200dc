// GetProfile's records in pages, and the server's send limit, through a
// real server.
#include "server/record_pages.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "grpcpp/client_context.h"
#include "gtest/gtest.h"
#include "tests/test_support.h"

namespace idres {
namespace {

// More records than one response could carry (4 MiB), but no more than
// resolution compares (MatchConfig::max_compared_records), so that they
// all join one profile.
constexpr int kRecords = 64;

// A record of about 70 KB: 64 attributes of 1 KiB and long texts.
v1::Record BigRecord(int i) {
  v1::Record r;
  r.set_source("crm");
  r.set_source_id(absl::StrCat("big-", i));
  v1::Identifier* email = r.add_identifiers();
  email->set_type("email");
  email->set_value("ann@x.org");
  const std::string text(250, static_cast<char>('a' + i % 26));
  r.mutable_address()->set_line1(text);
  r.mutable_address()->set_line2(text);
  r.set_organization(text);
  r.set_gender(text);
  for (int k = 0; k < 64; ++k) {
    (*r.mutable_attributes())[absl::StrCat("k", k)] =
        std::string(1024, static_cast<char>('a' + (i + k) % 26));
  }
  return r;
}

void ResolveAll(TestServer* server, int from, int to) {
  for (int i = from; i < to; ++i) {
    grpc::ClientContext context;
    v1::ResolveRequest request;
    *request.mutable_record() = BigRecord(i);
    v1::ResolveResponse out;
    grpc::Status s = server->stub()->Resolve(&context, request, &out);
    ASSERT_TRUE(s.ok()) << s.error_message();
  }
}

v1::GetProfileRequest RecordsOfAnn() {
  v1::GetProfileRequest r;
  r.mutable_identifier()->set_type("email");
  r.mutable_identifier()->set_value("ann@x.org");
  r.set_include_records(true);
  return r;
}

grpc::Status Get(TestServer* server, const v1::GetProfileRequest& request,
                 v1::GetProfileResponse* out) {
  grpc::ClientContext context;
  return server->stub()->GetProfile(&context, request, out);
}

class RecordPagesTest : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new TestServer();
    ResolveAll(server_, 0, kRecords);
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }
  static TestServer* server_;
};
TestServer* RecordPagesTest::server_ = nullptr;

TEST_F(RecordPagesTest, MoreThanFourMegabytesOfRecordsComeInPagesBelowTheLimit) {
  v1::GetProfileRequest request = RecordsOfAnn();
  std::vector<std::string> got;
  size_t bytes = 0;
  int pages = 0;
  v1::Profile profile;
  do {
    v1::GetProfileResponse page;
    grpc::Status s = Get(server_, request, &page);
    ASSERT_TRUE(s.ok()) << s.error_message();
    EXPECT_LT(page.ByteSizeLong(), kMaxRecordsPageBytes + 200000);
    for (const v1::RecordView& v : page.records()) {
      got.push_back(v.record().source_id());
      bytes += v.ByteSizeLong();
    }
    profile = page.profile();
    request.set_records_page_token(page.next_records_page_token());
    ++pages;
  } while (!request.records_page_token().empty() && pages < 1000);
  ASSERT_EQ(profile.records_size(), kRecords);
  ASSERT_EQ(got.size(), static_cast<size_t>(kRecords));
  for (int i = 0; i < kRecords; ++i) {
    EXPECT_EQ(got[i], profile.records(i).source_id()) << i;
  }
  EXPECT_GT(bytes, size_t{4} << 20);
  EXPECT_GE(pages, 4);  // About 1 MiB each.
}

TEST_F(RecordPagesTest, PageSizeBoundsTheRecordsOfAPage) {
  v1::GetProfileRequest request = RecordsOfAnn();
  request.set_records_page_size(3);
  v1::GetProfileResponse first, second;
  ASSERT_TRUE(Get(server_, request, &first).ok());
  EXPECT_EQ(first.records_size(), 3);
  request.set_records_page_token(first.next_records_page_token());
  ASSERT_TRUE(Get(server_, request, &second).ok());
  ASSERT_EQ(second.records_size(), 3);
  EXPECT_EQ(second.records(0).record().source_id(),
            first.profile().records(3).source_id());
}

TEST_F(RecordPagesTest, BadPageRequestsAreInvalidArgument) {
  const struct {
    const char* name;
    v1::GetProfileRequest request;
    const char* field;
  } cases[] = {
      {"size", [] { auto r = RecordsOfAnn(); r.set_records_page_size(1001);
                    return r; }(), "records_page_size: must be 0 to 1000"},
      {"shape", [] { auto r = RecordsOfAnn(); r.set_records_page_token("x:1");
                     return r; }(), "records_page_token: "},
      {"offset 0", [] { auto r = RecordsOfAnn();
                        r.set_records_page_token("1:0"); return r; }(),
       "records_page_token: "},
      {"no records", [] { auto r = RecordsOfAnn();
                          r.set_include_records(false);
                          r.set_records_page_token("1:1"); return r; }(),
       "records_page_token: only with include_records"},
  };
  for (const auto& c : cases) {
    v1::GetProfileResponse out;
    grpc::Status s = Get(server_, c.request, &out);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << c.name;
    EXPECT_EQ(s.error_message().rfind(c.field, 0), 0u) << s.error_message();
  }
  v1::GetProfileResponse first;
  ASSERT_TRUE(Get(server_, RecordsOfAnn(), &first).ok());
  v1::GetProfileRequest past = RecordsOfAnn();
  past.set_records_page_token(
      RecordsPageToken({first.profile().version(), kRecords}));
  v1::GetProfileResponse out;
  grpc::Status s = Get(server_, past, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(s.error_message().find("past the 64 records"), std::string::npos)
      << s.error_message();
}

TEST(RecordPagesChangeTest, TokenOfAnOlderVersionIsFailedPrecondition) {
  TestServer server;
  ResolveAll(&server, 0, 5);
  v1::GetProfileRequest request = RecordsOfAnn();
  request.set_records_page_size(2);
  v1::GetProfileResponse first;
  ASSERT_TRUE(Get(&server, request, &first).ok());
  ResolveAll(&server, 5, 6);
  request.set_records_page_token(first.next_records_page_token());
  v1::GetProfileResponse out;
  grpc::Status s = Get(&server, request, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(s.error_message().find("changed since that page"),
            std::string::npos)
      << s.error_message();
}

TEST(RecordPagesLimitTest, ServerRefusesToSendMoreThanItsLimit) {
  ServerOptions options;
  options.max_send_message_bytes = 256 << 10;
  TestServer server(options);
  ResolveAll(&server, 0, 20);
  v1::GetProfileResponse out;
  grpc::Status s = Get(&server, RecordsOfAnn(), &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED)
      << s.error_message();
  v1::GetProfileRequest small = RecordsOfAnn();
  small.set_records_page_size(2);
  EXPECT_TRUE(Get(&server, small, &out).ok());
  EXPECT_EQ(out.records_size(), 2);
}

}  // namespace
}  // namespace idres
