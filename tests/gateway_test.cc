// The HTTP/JSON gateway and the metrics through a real server on a free
// loopback port and real HTTP requests (cpp-httplib's client): the same
// answers as gRPC, the status mapping, tokens and roles over HTTPS, and
// /metrics as Prometheus text whose counters follow the calls made.
#include "gateway/http_gateway.h"

#include <fstream>
#include <map>
#include <memory>
#include <regex>
#include <sstream>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "google/protobuf/util/message_differencer.h"
#include "grpcpp/client_context.h"
#include "grpcpp/create_channel.h"
#include "gtest/gtest.h"
#include "httplib.h"
#include "idres/v1/identity.grpc.pb.h"
#include "server/token_file.h"
#include "tests/test_support.h"

namespace idres {
namespace {

namespace pb = google::protobuf;

constexpr char kGetContext[] = "/v1/idres.v1.Identity/GetContext";

std::string ContextBody(const std::string& email) {
  return absl::StrCat(R"({"target":{"identifier":{"type":"email","value":")",
                      email, R"("}}})");
}

// The "code" and "message" of an error body.
std::pair<std::string, std::string> ErrorOf(const std::string& body) {
  pb::Struct error;
  EXPECT_TRUE(pb::util::JsonStringToMessage(body, &error).ok()) << body;
  return {error.fields().at("code").string_value(),
          error.fields().at("message").string_value()};
}

// A real server in development mode (no tokens) with the gateway in front.
class GatewayTest : public testing::Test {
 protected:
  void SetUp() override {
    dir_ = NewTempDir();
    ServerOptions options;
    options.listen = "127.0.0.1:0";
    options.db_dir = dir_ + "/db";
    options.rpc_observer = &metrics_;
    absl::StatusOr<std::unique_ptr<IdresServer>> server =
        StartServer(options);
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = *std::move(server);
    HttpGatewayOptions http;
    http.listen = "127.0.0.1:0";
    absl::StatusOr<std::unique_ptr<HttpGateway>> gateway =
        StartHttpGateway(server_.get(), &metrics_, http);
    ASSERT_TRUE(gateway.ok()) << gateway.status();
    gateway_ = *std::move(gateway);
    stub_ = v1::Identity::NewStub(grpc::CreateChannel(
        absl::StrCat("127.0.0.1:", server_->port()),
        grpc::InsecureChannelCredentials()));
    http_ = std::make_unique<httplib::Client>("127.0.0.1", gateway_->port());
  }

  void TearDown() override {
    http_.reset();
    gateway_.reset();
    server_.reset();
  }

  void ResolveOverGrpc(const std::string& id, const std::string& email) {
    v1::ResolveRequest request;
    *request.mutable_record() =
        MakeRecord("crm", id, {{"email", email}}, "Ann", "Martin");
    v1::ResolveResponse response;
    grpc::ClientContext context;
    ASSERT_TRUE(stub_->Resolve(&context, request, &response).ok());
  }

  httplib::Result Post(const std::string& path, const std::string& body) {
    return http_->Post(path.c_str(), body, "application/json");
  }

  // The value of the series `name{labels}` in a scrape; -1 when absent.
  double Series(const std::string& scrape, const std::string& series) {
    for (absl::string_view line : absl::StrSplit(scrape, '\n')) {
      if (absl::StartsWith(line, series + " ")) {
        double value = 0;
        EXPECT_TRUE(absl::SimpleAtod(line.substr(series.size() + 1), &value));
        return value;
      }
    }
    return -1;
  }

  std::string Scrape() {
    httplib::Result res = http_->Get("/metrics");
    EXPECT_TRUE(res) << "no answer";
    if (!res) return "";
    EXPECT_EQ(res->status, 200) << res->body;
    return res->body;
  }

  std::string dir_;
  ServerMetrics metrics_;
  std::unique_ptr<IdresServer> server_;
  std::unique_ptr<HttpGateway> gateway_;
  std::unique_ptr<v1::Identity::Stub> stub_;
  std::unique_ptr<httplib::Client> http_;
};

TEST_F(GatewayTest, GetContextAnswersTheSameContextAsGrpc) {
  ResolveOverGrpc("1", "ann.martin@free.fr");
  v1::GetContextRequest request;
  request.mutable_target()->mutable_identifier()->set_type("email");
  request.mutable_target()->mutable_identifier()->set_value(
      "ann.martin@free.fr");
  v1::GetContextResponse over_grpc;
  grpc::ClientContext context;
  ASSERT_TRUE(stub_->GetContext(&context, request, &over_grpc).ok());
  ASSERT_FALSE(over_grpc.context().profile_id().empty());

  httplib::Result res = Post(kGetContext, ContextBody("ann.martin@free.fr"));
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(res->get_header_value("Content-Type"), "application/json");
  // snake_case names, as in the proto.
  EXPECT_NE(res->body.find("\"profile_id\""), std::string::npos) << res->body;
  v1::GetContextResponse over_http;
  ASSERT_TRUE(pb::util::JsonStringToMessage(res->body, &over_http).ok());
  EXPECT_TRUE(pb::util::MessageDifferencer::Equals(over_grpc, over_http))
      << over_grpc.DebugString() << "\nvs\n" << over_http.DebugString();
}

TEST_F(GatewayTest, UnknownIdentifierIs404WithTheGrpcMessage) {
  v1::GetContextRequest request;
  request.mutable_target()->mutable_identifier()->set_type("email");
  request.mutable_target()->mutable_identifier()->set_value(
      "marie.curie@orange.fr");
  v1::GetContextResponse ignored;
  grpc::ClientContext context;
  grpc::Status status = stub_->GetContext(&context, request, &ignored);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);

  httplib::Result res = Post(kGetContext, ContextBody("marie.curie@orange.fr"));
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 404);
  auto [code, message] = ErrorOf(res->body);
  EXPECT_EQ(code, "NOT_FOUND");
  EXPECT_EQ(message, status.error_message());
}

TEST_F(GatewayTest, MalformedBodyAndUnknownFieldAre400NamingThem) {
  httplib::Result res = Post(kGetContext, "{\"target\": ");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
  EXPECT_EQ(ErrorOf(res->body).first, "INVALID_ARGUMENT");
  EXPECT_TRUE(absl::StartsWith(ErrorOf(res->body).second, "body: "))
      << res->body;

  res = Post(kGetContext, R"({"target":{"profile_id":"p-1"},"colour":1})");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
  EXPECT_NE(ErrorOf(res->body).second.find("colour"), std::string::npos)
      << res->body;
}

TEST_F(GatewayTest, TheServersOwnValidationAnswers) {
  // An empty request parses; the gRPC handler refuses it, naming the field.
  httplib::Result res = Post(kGetContext, "");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
  EXPECT_NE(ErrorOf(res->body).second.find("target"), std::string::npos)
      << res->body;
}

TEST_F(GatewayTest, UnknownRpcIs404AndStreamingRpcIs501) {
  httplib::Result res = Post("/v1/idres.v1.Identity/NoSuchMethod", "{}");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 404);
  res = Post("/v1/grpc.health.v1.Health/Check", "{}");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 404);
  res = Post("/v1/idres.v1.Identity/WatchChanges", "{}");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 501);
  EXPECT_EQ(ErrorOf(res->body).first, "UNIMPLEMENTED");
}

TEST_F(GatewayTest, ResolveOverHttpWritesThroughTheWriter) {
  httplib::Result res = Post(
      "/v1/idres.v1.Identity/Resolve",
      R"({"record":{"source":"shop","source_id":"9",)"
      R"("identifiers":[{"type":"email","value":"Bob.Durand@Orange.fr"}]}})");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  v1::ResolveResponse answer;
  ASSERT_TRUE(pb::util::JsonStringToMessage(res->body, &answer).ok());
  EXPECT_EQ(answer.outcome(), v1::OUTCOME_CREATED);
  res = Post(kGetContext, ContextBody("bob.durand@orange.fr"));
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200) << res->body;
  std::string scrape = Scrape();
  EXPECT_EQ(Series(scrape, R"(idres_resolve_outcomes_total{outcome="created"})"),
            1);
}

TEST_F(GatewayTest, MetricsAreTextAndCountEveryGetContext) {
  ResolveOverGrpc("1", "ann.martin@free.fr");
  const std::string counter =
      R"(idres_rpc_requests_total{method="idres.v1.Identity/GetContext"})";
  double before = Series(Scrape(), counter);
  ASSERT_GE(before, 0);
  for (int i = 0; i < 3; ++i) {
    httplib::Result res = Post(kGetContext, ContextBody("ann.martin@free.fr"));
    ASSERT_TRUE(res);
  }
  for (int i = 0; i < 2; ++i) {
    v1::GetContextRequest request;
    request.mutable_target()->mutable_identifier()->set_type("email");
    request.mutable_target()->mutable_identifier()->set_value("x@y.org");
    v1::GetContextResponse ignored;
    grpc::ClientContext context;
    (void)stub_->GetContext(&context, request, &ignored);
  }
  std::string scrape = Scrape();
  EXPECT_EQ(Series(scrape, counter), before + 5);
  EXPECT_EQ(Series(scrape, R"(idres_rpc_errors_total{)"
                           R"(code="NOT_FOUND",)"
                           R"(method="idres.v1.Identity/GetContext"})"),
            2) << scrape;
  EXPECT_GT(Series(scrape, "idres_process_resident_memory_bytes"), 1e6);
  EXPECT_GT(Series(scrape, R"(idres_store_bytes{what="block_cache_capacity"})"),
            0);
  // Every line a comment, blank, or `name{labels} value`.
  const std::regex sample(
      R"re([a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*="([^"\\]|\\.)*",?)*\})? ([-+]?[0-9.eE+-]+|[-+]?Inf|NaN))re");
  int samples = 0;
  for (absl::string_view line : absl::StrSplit(scrape, '\n')) {
    if (line.empty() || absl::StartsWith(line, "#")) continue;
    EXPECT_TRUE(std::regex_match(std::string(line), sample)) << line;
    ++samples;
  }
  EXPECT_GT(samples, 50);
}

TEST(GatewayExposureTest, PlainHttpOffLoopbackIsRefused) {
  ServerOptions server;
  HttpGatewayOptions http;
  http.listen = "0.0.0.0:8080";
  absl::Status s = CheckHttpExposure(http, server);
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(s.message().find("--http"), std::string::npos) << s;
  http.listen = "127.0.0.1:8080";
  EXPECT_TRUE(CheckHttpExposure(http, server).ok());
}

// TLS and a token file on both listeners, as `serve --tokens --tls-cert
// --tls-key --http` runs them.
class SecureGatewayTest : public testing::Test {
 protected:
  void SetUp() override {
    dir_ = NewTempDir();
    certs_ = MakeTestCertificates(dir_);
    ServerOptions options;
    options.listen = "127.0.0.1:0";
    options.db_dir = dir_ + "/db";
    options.tls_cert = certs_.cert;
    options.tls_key = certs_.key;
    options.tokens_file = dir_ + "/tokens";
    options.rpc_observer = &metrics_;
    std::ofstream(options.tokens_file) << "# callers\n";
    for (const char* role : {"bot", "agent", "auditor"}) {
      absl::StatusOr<std::string> token =
          AddToken(options.tokens_file, role, *ParseRole(role), "");
      ASSERT_TRUE(token.ok()) << token.status();
      tokens_[role] = *token;
    }
    absl::StatusOr<std::unique_ptr<IdresServer>> server =
        StartServer(options);
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = *std::move(server);
    HttpGatewayOptions http;
    http.listen = "127.0.0.1:0";
    http.tls_cert = certs_.cert;
    http.tls_key = certs_.key;
    absl::StatusOr<std::unique_ptr<HttpGateway>> gateway =
        StartHttpGateway(server_.get(), &metrics_, http);
    ASSERT_TRUE(gateway.ok()) << gateway.status();
    gateway_ = *std::move(gateway);
    https_ = std::make_unique<httplib::SSLClient>("127.0.0.1",
                                                  gateway_->port());
    https_->set_ca_cert_path(certs_.ca.c_str());
    https_->enable_server_certificate_verification(true);
  }

  void TearDown() override {
    https_.reset();
    gateway_.reset();
    server_.reset();
  }

  httplib::Result Post(const std::string& path, const std::string& body,
                       const std::string& role) {
    httplib::Headers headers;
    if (!role.empty()) {
      headers.emplace("Authorization", "Bearer " + tokens_[role]);
    }
    return https_->Post(path.c_str(), headers, body, "application/json");
  }

  httplib::Result GetMetrics(const std::string& role) {
    httplib::Headers headers;
    if (!role.empty()) {
      headers.emplace("Authorization", "Bearer " + tokens_[role]);
    }
    return https_->Get("/metrics", headers);
  }

  std::string dir_;
  TestCertificates certs_;
  std::map<std::string, std::string> tokens_;
  ServerMetrics metrics_;
  std::unique_ptr<IdresServer> server_;
  std::unique_ptr<HttpGateway> gateway_;
  std::unique_ptr<httplib::SSLClient> https_;
};

TEST_F(SecureGatewayTest, AnonymousIs401AndABotCallingAnAgentRpcIs403) {
  httplib::Result res = Post(kGetContext, ContextBody("marie.curie@orange.fr"), "");
  ASSERT_TRUE(res) << "no answer over HTTPS";
  EXPECT_EQ(res->status, 401);
  EXPECT_EQ(ErrorOf(res->body).first, "UNAUTHENTICATED");
  EXPECT_EQ(res->get_header_value("WWW-Authenticate"), "Bearer");

  res = Post("/v1/idres.v1.Identity/GetProfile",
             R"({"profile_id":"p-1"})", "bot");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 403);
  EXPECT_NE(ErrorOf(res->body).second.find("role bot"), std::string::npos)
      << res->body;

  // The bot's own RPC passes the token check: the profile is just absent.
  res = Post(kGetContext, ContextBody("marie.curie@orange.fr"), "bot");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 404) << res->body;
}

TEST_F(SecureGatewayTest, MetricsNeedAnAdminOrAuditorToken) {
  httplib::Result res = GetMetrics("");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 401);
  res = GetMetrics("bot");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 403);
  res = GetMetrics("auditor");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_NE(res->body.find("idres_rpc_requests_total"), std::string::npos);
}

TEST_F(SecureGatewayTest, PlainHttpGetsNoAnswer) {
  httplib::Client plain("127.0.0.1", gateway_->port());
  plain.set_connection_timeout(2);
  plain.set_read_timeout(2);
  httplib::Result res = plain.Get("/metrics");
  EXPECT_TRUE(!res || res->status != 200);
}

}  // namespace
}  // namespace idres
