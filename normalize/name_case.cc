#include "normalize/name_case.h"

#include <algorithm>
#include <cstdint>
#include <vector>

#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "unicode/uchar.h"
#include "unicode/utf8.h"

namespace idres {
namespace {

enum class TokenCase { kCapitals, kSmall, kNone };

struct Token {
  absl::string_view text;
  TokenCase letter_case = TokenCase::kNone;
  int letters = 0;
};

// Whether `text` (UTF-8) has a small letter, else two capitals or more,
// else neither (an initial, digits, punctuation, a script without case).
Token Classify(absl::string_view text) {
  Token token{text};
  bool capital = false, small = false;
  int32_t i = 0;
  const int32_t size = static_cast<int32_t>(text.size());
  while (i < size) {
    UChar32 c;
    U8_NEXT(text.data(), i, size, c);
    if (c < 0) continue;  // An ill-formed byte: neither.
    if (u_isULowercase(c)) {
      small = true;
    } else if (u_isUUppercase(c)) {
      capital = true;
    } else {
      continue;
    }
    ++token.letters;
  }
  if (small) {
    token.letter_case = TokenCase::kSmall;
  } else if (capital && token.letters >= 2) {
    // Not an initial ("Jean P MARTIN"), nor "M." before a name.
    token.letter_case = TokenCase::kCapitals;
  }
  return token;
}

std::string Join(const std::vector<Token>& tokens, size_t begin, size_t end) {
  std::vector<absl::string_view> texts;
  for (size_t i = begin; i < end; ++i) texts.push_back(tokens[i].text);
  return absl::StrJoin(texts, " ");
}

}  // namespace

std::optional<NameParts> SplitNameByCase(absl::string_view full) {
  std::vector<Token> tokens;
  for (absl::string_view t :
       absl::StrSplit(full, absl::ByAnyChar(" \t"), absl::SkipEmpty())) {
    tokens.push_back(Classify(t));
  }
  auto capitals = [](const Token& t) {
    return t.letter_case == TokenCase::kCapitals;
  };
  size_t capital_tokens = 0, small_tokens = 0;
  for (const Token& t : tokens) {
    capital_tokens += capitals(t);
    small_tokens += t.letter_case == TokenCase::kSmall;
  }
  if (capital_tokens == 0 || small_tokens == 0) return std::nullopt;
  size_t lead = 0;
  while (lead < tokens.size() && capitals(tokens[lead])) ++lead;
  size_t trail = 0;
  while (trail < tokens.size() && capitals(tokens[tokens.size() - 1 - trail])) {
    ++trail;
  }
  // The capitals are one run, at one end.
  if ((lead > 0) == (trail > 0)) return std::nullopt;
  if (std::max(lead, trail) != capital_tokens) return std::nullopt;
  NameParts parts;
  if (lead > 0) {
    parts.family = Join(tokens, 0, lead);
    parts.given = Join(tokens, lead, tokens.size());
  } else {
    parts.given = Join(tokens, 0, tokens.size() - trail);
    parts.family = Join(tokens, tokens.size() - trail, tokens.size());
  }
  return parts;
}

}  // namespace idres
