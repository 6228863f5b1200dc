// The server's safe defaults: no unprotected server off loopback, no two
// servers on one port, TLS options that go together, and which addresses
// count as loopback.
#include "server/server_security.h"

#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "server/token_file.h"
#include "tests/test_support.h"

namespace idres {
namespace {

ServerOptions Options(const std::string& listen) {
  ServerOptions options;
  options.listen = listen;
  options.db_dir = NewTempDir() + "/db";
  return options;
}

TEST(SecureServerTest, RefusesAnyAddressWithoutTlsAndTokens) {
  absl::StatusOr<std::unique_ptr<IdresServer>> server =
      StartServer(Options("0.0.0.0:0"));
  ASSERT_FALSE(server.ok());
  EXPECT_EQ(server.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(server.status().message(),
            "refusing to listen on 0.0.0.0:0, which is not a loopback "
            "address, without TLS (--tls-cert, --tls-key) and tokens "
            "(--tokens): anyone reaching the port could read and change "
            "every profile. Add them, or pass --insecure to accept that");
}

TEST(SecureServerTest, NamesWhatIsMissing) {
  ServerOptions options = Options("[::]:0");
  options.tokens_file = "/nonexistent";
  absl::Status s = CheckExposure(options);
  EXPECT_NE(s.message().find("without TLS (--tls-cert, --tls-key):"),
            std::string::npos) << s;
  // A fresh options value, not clear() then assign: g++ 12 at -O3 warns
  // a false -Wrestrict on assigning a literal to a cleared string (GCC
  // bug 105329), an error under -Werror.
  ServerOptions tls = Options("[::]:0");
  tls.tls_cert = std::string(1, 'c');
  tls.tls_key = std::string(1, 'k');
  s = CheckExposure(tls);
  EXPECT_NE(s.message().find("without tokens (--tokens):"), std::string::npos)
      << s;
}

TEST(SecureServerTest, AnyAddressWithTlsAndTokensOrInsecureStarts) {
  std::string dir = NewTempDir();
  TestCertificates certs = MakeTestCertificates(dir);
  ServerOptions options = Options("0.0.0.0:0");
  options.tls_cert = certs.cert;
  options.tls_key = certs.key;
  options.tokens_file = dir + "/tokens";
  ASSERT_TRUE(AddToken(options.tokens_file, "a", Role::kAdmin, "").ok());
  absl::StatusOr<std::unique_ptr<IdresServer>> server = StartServer(options);
  EXPECT_TRUE(server.ok()) << server.status();

  ServerOptions insecure = Options("0.0.0.0:0");
  insecure.insecure = true;
  absl::StatusOr<std::unique_ptr<IdresServer>> plain = StartServer(insecure);
  EXPECT_TRUE(plain.ok()) << plain.status();
}

TEST(SecureServerTest, ASecondServerOnTheSamePortFailsToStart) {
  absl::StatusOr<std::unique_ptr<IdresServer>> first =
      StartServer(Options("127.0.0.1:0"));
  ASSERT_TRUE(first.ok()) << first.status();
  absl::StatusOr<std::unique_ptr<IdresServer>> second = StartServer(
      Options(absl::StrCat("127.0.0.1:", (*first)->port())));
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), absl::StatusCode::kUnavailable);
}

TEST(SecureServerTest, TlsOptionsGoTogether) {
  ServerOptions options = Options("127.0.0.1:0");
  options.tls_cert = "cert.pem";
  EXPECT_EQ(CheckExposure(options).code(),
            absl::StatusCode::kFailedPrecondition);
  options = Options("127.0.0.1:0");
  options.client_ca = "ca.pem";
  EXPECT_EQ(CheckExposure(options).code(),
            absl::StatusCode::kFailedPrecondition);
  options = Options("127.0.0.1:0");
  options.tls_cert = "/nonexistent/cert.pem";
  options.tls_key = "/nonexistent/key.pem";
  absl::StatusOr<std::unique_ptr<IdresServer>> server = StartServer(options);
  ASSERT_FALSE(server.ok());
  EXPECT_EQ(server.status().message(),
            "--tls-cert: cannot read /nonexistent/cert.pem");
}

TEST(SecureServerTest, AnUnreadableTokenFileStopsTheStart) {
  ServerOptions options = Options("127.0.0.1:0");
  options.tokens_file = NewTempDir() + "/missing";
  absl::StatusOr<std::unique_ptr<IdresServer>> server = StartServer(options);
  ASSERT_FALSE(server.ok());
  EXPECT_EQ(server.status().code(), absl::StatusCode::kFailedPrecondition);
}

TEST(SecureServerTest, LoopbackAddresses) {
  for (const char* a : {"127.0.0.1:50051", "127.1.2.3:1", "localhost:80",
                        "[::1]:50051", "unix:/tmp/idres.sock",
                        "ipv4:127.0.0.1:5"}) {
    EXPECT_TRUE(IsLoopbackAddress(a)) << a;
  }
  for (const char* a : {"0.0.0.0:50051", "[::]:50051", "10.0.0.7:50051",
                        "idres.example.org:443", ":50051"}) {
    EXPECT_FALSE(IsLoopbackAddress(a)) << a;
  }
}

TEST(SecureServerTest, BackupDirRule) {
  EXPECT_EQ(CheckBackupDir("", "/b/x").code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_TRUE(CheckBackupDir("/b", "/b/x").ok());
  EXPECT_TRUE(CheckBackupDir("/b/", "/b/x/y").ok());
  for (const char* dir : {"/b", "/b/", "/bx/y", "/b/../etc", "/b/x/./y",
                          "/b//x", "/c/x"}) {
    EXPECT_EQ(CheckBackupDir("/b", dir).code(),
              absl::StatusCode::kPermissionDenied) << dir;
  }
}

}  // namespace
}  // namespace idres
