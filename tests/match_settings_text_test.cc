#include "match/match_settings_text.h"

#include "gtest/gtest.h"
#include "match/match_config.h"

namespace idres {
namespace {

TEST(MatchSettingsTextTest, ReplacesNamedSettingsOnly) {
  const MatchConfig base = DefaultMatchConfig();
  absl::StatusOr<MatchConfig> c = ParseMatchSettings(
      "# trained\n\nlink_threshold 16\n  given_exact = 4.25\n", base);
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_EQ(c->link_threshold, 16);
  EXPECT_EQ(c->weights.given_exact, 4.25);
  EXPECT_EQ(c->weights.family_exact, base.weights.family_exact);
  EXPECT_EQ(c->review_threshold, base.review_threshold);
  EXPECT_EQ(c->default_region, base.default_region);
}

TEST(MatchSettingsTextTest, RejectsBadLines) {
  for (const char* text :
       {"nonsense 3\n", "given_exact\n", "given_exact x\n", "given_exact 1 2\n",
        "given_exact nan\n", "given_exact 1\ngiven_exact 2\n"}) {
    absl::StatusOr<MatchConfig> c =
        ParseMatchSettings(text, DefaultMatchConfig());
    EXPECT_EQ(c.status().code(), absl::StatusCode::kInvalidArgument) << text;
  }
}

TEST(MatchSettingsTextTest, FormatThenParseRoundTrips) {
  MatchConfig config = DefaultMatchConfig();
  config.weights.birth_date_exact = 7.125;
  config.weights.street_differs = -1.5;
  config.review_threshold = 8.5;
  std::string text = FormatMatchSettings(config, "made by a test\nline 2");
  EXPECT_EQ(text.rfind("# made by a test\n# line 2\n", 0), 0u) << text;
  absl::StatusOr<MatchConfig> back =
      ParseMatchSettings(text, DefaultMatchConfig());
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(back->weights.birth_date_exact, 7.125);
  EXPECT_EQ(back->weights.street_differs, -1.5);
  EXPECT_EQ(back->review_threshold, 8.5);
  EXPECT_EQ(FormatMatchSettings(*back, "made by a test\nline 2"), text);
}

}  // namespace
}  // namespace idres
