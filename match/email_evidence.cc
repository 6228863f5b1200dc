#include "match/email_evidence.h"

#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"

namespace idres {
namespace {

absl::string_view LocalPart(absl::string_view email) {
  return email.substr(0, email.find('@'));
}

// The letter runs of a local part: "famille.martin75" -> famille, martin.
std::vector<std::string> LetterTokens(absl::string_view local) {
  std::vector<std::string> out;
  std::string current;
  for (char c : local) {
    if (absl::ascii_isalpha(static_cast<unsigned char>(c))) {
      current.push_back(absl::ascii_tolower(static_cast<unsigned char>(c)));
    } else if (!current.empty()) {
      out.push_back(std::move(current));
      current.clear();
    }
  }
  if (!current.empty()) out.push_back(std::move(current));
  return out;
}

// Words for a household in the languages of our customers. Prefixes
// glued to a name count too ("famillemartin").
constexpr absl::string_view kHouseholdWords[] = {
    "famille", "family", "familia", "familie", "famiglia", "foyer"};

bool IsHouseholdToken(absl::string_view token) {
  for (absl::string_view w : kHouseholdWords) {
    if (absl::StartsWith(token, w) || absl::EndsWith(token, w)) return true;
  }
  return false;
}

}  // namespace

bool IsHouseholdEmail(absl::string_view email) {
  std::vector<std::string> tokens = LetterTokens(LocalPart(email));
  for (const std::string& t : tokens) {
    if (IsHouseholdToken(t)) return true;
  }
  // "lesmartin" or "les.martin": the Martins.
  if (tokens.size() == 1 && absl::StartsWith(tokens[0], "les") &&
      tokens[0].size() >= 8) {
    return true;
  }
  return tokens.size() == 2 && tokens[0] == "les" && tokens[1].size() >= 3;
}

bool IsFamilyNameEmail(absl::string_view email, absl::string_view family) {
  if (family.size() < 4) return false;
  std::string letters;
  for (const std::string& t : LetterTokens(LocalPart(email))) letters += t;
  return letters == family;
}

}  // namespace idres
