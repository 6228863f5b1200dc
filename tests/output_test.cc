// How the CLI prints answers (cli/output.h): control characters of stored
// text escaped, JSON that fails loudly.
#include "cli/output.h"

#include <iostream>
#include <sstream>
#include <string>

#include "cli/context_text.h"
#include "cli/governance_text.h"
#include "client/json_io.h"
#include "gtest/gtest.h"

namespace idres {
namespace {

TEST(OutputTest, EscapeControlsWritesEveryTerminalControlAsAnEscape) {
  const struct {
    std::string in;
    const char* out;
  } cases[] = {
      {"Zoë \\ plain", "Zoë \\ plain"},
      {"a\nb\tc\rd", "a\\nb\\tc\\rd"},
      {"\x1b[31mred", "\\x1B[31mred"},
      {std::string("a\0b", 3), "a\\x00b"},
      {"del\x7f", "del\\x7F"},
      {"csi\xc2\x9b", "csi\\u009B"},
      {"bad\xff\xc3", "bad\\xFF\\xC3"},
  };
  for (const auto& c : cases) EXPECT_EQ(EscapeControls(c.in), c.out);
}

TEST(OutputTest, EscapedCopiesReachNestedRepeatedAndMapFields) {
  v1::GetContextResponse r;
  r.mutable_context()->mutable_golden()->mutable_name()->set_given("A\x1b");
  r.mutable_context()->add_recent_interactions()->set_summary("x\ny");
  v1::Fact* f = r.mutable_context()->add_facts();
  f->set_key("k\r");
  v1::GetContextResponse e = Escaped(r);
  EXPECT_EQ(e.context().golden().name().given(), "A\\x1B");
  EXPECT_EQ(e.context().recent_interactions(0).summary(), "x\\ny");
  EXPECT_EQ(e.context().facts(0).key(), "k\\r");
  v1::Interaction i;
  (*i.mutable_facts())["a\nb"] = std::string("c\x07");
  v1::Interaction ie = Escaped(i);
  ASSERT_EQ(ie.facts().size(), 1u);
  EXPECT_EQ(ie.facts().begin()->first, "a\\nb");
  EXPECT_EQ(ie.facts().begin()->second, "c\\x07");
}

TEST(OutputTest, TextFormattersPrintStoredControlsEscaped) {
  v1::GetContextResponse r;
  r.mutable_context()->set_profile_id("p-1");
  v1::Interaction* i = r.mutable_context()->add_recent_interactions();
  i->set_channel("chat");
  i->set_summary("hello\n  fact forged = 1");
  std::string text = FormatContext(r);
  EXPECT_NE(text.find("hello\\n  fact forged = 1"), std::string::npos) << text;
  EXPECT_EQ(text.find("\n  fact forged"), std::string::npos) << text;

  v1::ListAuditResponse audit;
  v1::AuditEntry* a = audit.add_entries();
  a->set_actor("eve\x1b]0;t\x07");
  a->set_reason("ok\n#2 forged entry");
  std::string lines = FormatAudit(audit);
  EXPECT_EQ(lines.find('\x1b'), std::string::npos) << lines;
  EXPECT_EQ(lines.find("\n#2"), std::string::npos) << lines;
}

TEST(OutputTest, PrintJsonFailsLoudlyWhenAMessageHasNoJsonForm) {
  v1::Interaction i;
  i.mutable_at()->set_seconds(int64_t{1} << 62);
  EXPECT_FALSE(ToJson(i, true).ok());
  std::ostringstream out;
  std::streambuf* saved = std::cout.rdbuf(out.rdbuf());
  std::streambuf* saved_err = std::cerr.rdbuf(out.rdbuf());
  int code = PrintJson("context", i, true);
  std::cout.rdbuf(saved);
  std::cerr.rdbuf(saved_err);
  EXPECT_EQ(code, 1);
  EXPECT_EQ(out.str().rfind("idres context: cannot print as JSON: ", 0), 0u)
      << out.str();

  i.mutable_at()->set_seconds(0);
  out.str("");
  saved = std::cout.rdbuf(out.rdbuf());
  code = PrintJson("context", i, false);
  std::cout.rdbuf(saved);
  EXPECT_EQ(code, 0);
  EXPECT_EQ(out.str(), "{\"at\":\"1970-01-01T00:00:00Z\"}\n");
}

}  // namespace
}  // namespace idres
