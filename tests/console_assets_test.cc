// The console's files are embedded byte for byte, each with its content
// type, and index.html's scripts and stylesheet are all served.
#include "console/console_assets.h"

#include <fstream>
#include <regex>
#include <sstream>
#include <string>

#include "gtest/gtest.h"

namespace idres {
namespace {

std::string ReadSource(const std::string& name) {
  std::ifstream in(std::string(IDRES_SOURCE_DIR) + "/console/web/" + name,
                   std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(ConsoleAssetsTest, RootIsTheIndexPage) {
  const ConsoleAsset* root = FindConsoleAsset("/");
  ASSERT_NE(root, nullptr);
  EXPECT_EQ(root, FindConsoleAsset("/index.html"));
  EXPECT_EQ(root->content_type, "text/html; charset=utf-8");
  EXPECT_EQ(root->body, ReadSource("index.html"));
}

TEST(ConsoleAssetsTest, EveryFileTheIndexNamesIsServedAsOnDisk) {
  const std::string index = ReadSource("index.html");
  const std::regex ref(R"re((?:src|href)="([a-z0-9_]+\.(js|css))")re");
  int found = 0;
  for (std::sregex_iterator it(index.begin(), index.end(), ref), end;
       it != end; ++it) {
    const std::string name = (*it)[1];
    const ConsoleAsset* asset = FindConsoleAsset("/" + name);
    ASSERT_NE(asset, nullptr) << name;
    EXPECT_EQ(asset->body, ReadSource(name)) << name;
    EXPECT_EQ(asset->content_type, (*it)[2] == "js"
                                       ? "text/javascript; charset=utf-8"
                                       : "text/css; charset=utf-8")
        << name;
    ++found;
  }
  EXPECT_GE(found, 5);
}

TEST(ConsoleAssetsTest, UnknownPathsAreNotServed) {
  EXPECT_EQ(FindConsoleAsset("/nope.js"), nullptr);
  EXPECT_EQ(FindConsoleAsset(""), nullptr);
  EXPECT_EQ(FindConsoleAsset("/../CMakeLists.txt"), nullptr);
  EXPECT_EQ(FindConsoleAsset("/index.html?x=1"), nullptr);
}

}  // namespace
}  // namespace idres
