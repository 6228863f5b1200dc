// The token file: parsing, its errors, and tokens added to it (printed
// once, stored only as a hash, the file its owner's only).
#include "server/token_file.h"

#include <sys/stat.h>

#include <fstream>

#include "gtest/gtest.h"
#include "tests/test_support.h"

namespace idres {
namespace {

const std::string kHash(64, 'a');

TEST(TokenFileTest, ParsesEntriesSkippingCommentsAndBlankLines) {
  absl::StatusOr<std::vector<TokenEntry>> entries = ParseTokenFile(
      "# callers\n\nbot-1 bot brand-a " + kHash + "\n  ann agent - " + kHash +
      "\n");
  ASSERT_TRUE(entries.ok()) << entries.status();
  ASSERT_EQ(entries->size(), 2u);
  EXPECT_EQ((*entries)[0].name, "bot-1");
  EXPECT_EQ((*entries)[0].role, Role::kBot);
  EXPECT_EQ((*entries)[0].brand, "brand-a");
  EXPECT_EQ((*entries)[1].role, Role::kAgent);
  EXPECT_EQ((*entries)[1].brand, "");
}

TEST(TokenFileTest, RefusesMalformedLinesNamingThem) {
  const struct {
    std::string text;
    std::string says;
  } kCases[] = {
      {"a bot -\n", "line 1"},
      {"a root - " + kHash, "unknown role root"},
      {"a/b bot - " + kHash, "name"},
      {"a bot - " + std::string(64, 'A'), "sha256"},
      {"a bot - abc", "sha256"},
      {"a bot - " + kHash + "\na agent - " + kHash, "line 2: name a given twice"},
  };
  for (const auto& c : kCases) {
    absl::StatusOr<std::vector<TokenEntry>> entries = ParseTokenFile(c.text);
    ASSERT_FALSE(entries.ok()) << c.text;
    EXPECT_EQ(entries.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_NE(entries.status().message().find(c.says), std::string::npos)
        << entries.status();
  }
}

TEST(TokenFileTest, HashIsSha256Hex) {
  EXPECT_EQ(HashToken("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(TokenFileTest, AddedTokensAreRandomStoredHashedAndOwnerOnly) {
  std::string path = NewTempDir() + "/tokens";
  absl::StatusOr<std::string> a = AddToken(path, "bot-1", Role::kBot, "shop");
  absl::StatusOr<std::string> b = AddToken(path, "ann", Role::kAgent, "");
  ASSERT_TRUE(a.ok()) << a.status();
  ASSERT_TRUE(b.ok()) << b.status();
  EXPECT_NE(*a, *b);
  EXPECT_EQ(a->size(), 6u + 64u);

  std::ifstream in(path);
  std::string text((std::istreambuf_iterator<char>(in)),
                   std::istreambuf_iterator<char>());
  EXPECT_EQ(text.find(*a), std::string::npos);
  absl::StatusOr<std::vector<TokenEntry>> entries = ReadTokenFile(path);
  ASSERT_TRUE(entries.ok()) << entries.status();
  ASSERT_EQ(entries->size(), 2u);
  EXPECT_EQ((*entries)[0].hash, HashToken(*a));
  EXPECT_EQ((*entries)[0].brand, "shop");
  EXPECT_EQ((*entries)[1].hash, HashToken(*b));

  struct stat st;
  ASSERT_EQ(stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
}

TEST(TokenFileTest, AddRefusesADuplicateOrBadName) {
  std::string path = NewTempDir() + "/tokens";
  ASSERT_TRUE(AddToken(path, "ann", Role::kAgent, "").ok());
  EXPECT_EQ(AddToken(path, "ann", Role::kBot, "").status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(AddToken(path, "a b", Role::kBot, "").status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(AddToken(path, "c", Role::kBot, "x y").status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ReadTokenFile(NewTempDir() + "/none").status().code(),
            absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace idres
