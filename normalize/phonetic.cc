#include "normalize/phonetic.h"

#include <string>

#include "absl/strings/match.h"
#include "absl/strings/string_view.h"

namespace idres {
namespace {

// Silent consonant endings are only dropped from words this long, so that
// short names ("kurt", "brad", "roux") keep their last sound.
constexpr size_t kMinLengthForSilentEnding = 5;

bool IsVowelLetter(char c) {
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

// Lowercase letters only, y read as i, with doubled letters collapsed
// ("phillippe" -> "philipe", "duboys" -> "dubois").
std::string CollapsedLetters(absl::string_view token) {
  std::string letters;
  letters.reserve(token.size());
  for (char c : token) {
    if (c < 'a' || c > 'z') continue;
    if (c == 'y') c = 'i';
    if (!letters.empty() && letters.back() == c) continue;
    letters.push_back(c);
  }
  return letters;
}

// French silent final consonants (dupont, renaud, renault, thomas, leroux).
void DropSilentEnding(std::string& w) {
  const size_t n = w.size();
  if (n < kMinLengthForSilentEnding) return;
  const char last = w[n - 1];
  const char prev = w[n - 2];
  const bool after_vowel = IsVowelLetter(prev);
  if (absl::EndsWith(w, "ault")) {
    w.resize(n - 2);
  } else if (absl::EndsWith(w, "dt") && IsVowelLetter(w[n - 3])) {
    w.resize(n - 2);
  } else if (last == 't' && (after_vowel || prev == 'n' || prev == 'r')) {
    w.pop_back();
  } else if (last == 'd' &&
             ((after_vowel && prev != 'e') || prev == 'n' || prev == 'r')) {
    w.pop_back();
  } else if (last == 's' && after_vowel && prev != 'e') {
    w.pop_back();
  } else if (last == 'x' && after_vowel && IsVowelLetter(w[n - 3])) {
    w.pop_back();
  }
}

// 'w' sounds as a vowel after a vowel when no vowel follows ("lawrence").
bool IsVowelAt(const std::string& w, size_t i) {
  if (IsVowelLetter(w[i])) return true;
  return w[i] == 'w' && i > 0 && IsVowelLetter(w[i - 1]) &&
         (i + 1 == w.size() || !IsVowelLetter(w[i + 1]));
}

// Returns the class of a word-final vowel group, or 0 when it is silent.
char FinalVowelClass(absl::string_view group) {
  // A trailing e after other vowels is mute too ("marie", "chloe").
  if (group.size() > 1 && group.back() == 'e') group.remove_suffix(1);
  if (group == "e") return 0;
  if (absl::StrContains(group, "oi")) return 'A';
  if (absl::StrContains(group, "ou")) return 'U';
  if (absl::StrContains(group, "au") || absl::StrContains(group, "o")) {
    return 'O';
  }
  switch (group.back()) {
    case 'a':
      return 'A';
    case 'e':
      return 'E';
    case 'i':
    case 'y':
      return 'I';
    default:
      return 'U';
  }
}

bool IsSoftening(char c) { return c == 'e' || c == 'i' || c == 'y'; }

// Appends the code of the consonant at w[i] and returns how many letters it
// consumed.
size_t EncodeConsonant(const std::string& w, size_t i, std::string& key) {
  const char c = w[i];
  const char prev = i > 0 ? w[i - 1] : 0;
  const char next = i + 1 < w.size() ? w[i + 1] : 0;
  const char next2 = i + 2 < w.size() ? w[i + 2] : 0;
  switch (c) {
    case 'b':
      if (next != 'v') key.push_back('B');
      return 1;
    case 'c':
      if (next == 'h') {
        key.push_back(next2 == 'r' || next2 == 'l' ? 'K' : 'X');
        return 2;
      }
      if (next == 'k' || next == 'q') return 1;
      key.push_back(IsSoftening(next) || (i > 0 && next == 'o' && next2 == 'i')
                        ? 'S'
                        : 'K');
      return 1;
    case 'd':
      if (next != 't' && next != 'j') key.push_back('D');
      return 1;
    case 'g':
      if (next == 'h') {
        if (i == 0) key.push_back('G');
        return 2;
      }
      if (next == 'n') return 1;
      if (next == 'u' && IsSoftening(next2)) {
        key.push_back('G');
        return 2;
      }
      key.push_back(IsSoftening(next) ? 'J' : 'G');
      return 1;
    case 'h':
      return 1;
    case 'k':
      if (i != 0 || next != 'n') key.push_back('K');
      return 1;
    case 'p':
      if (next == 'h') {
        key.push_back('F');
        return 2;
      }
      if (prev != 'm' || (next != 's' && next != 't')) key.push_back('P');
      return 1;
    case 'q':
      key.push_back('K');
      return next == 'u' ? 2 : 1;
    case 's':
      if (next == 'c' && next2 == 'h') {
        key.push_back('X');
        return 3;
      }
      if (next == 'h') {
        key.push_back('X');
        return 2;
      }
      key.push_back('S');
      return next == 'c' && IsSoftening(next2) ? 2 : 1;
    case 't':
      key.push_back('T');
      return next == 'h' ? 2 : 1;
    case 'w':
      if (i != 0 || next != 'r') key.push_back('V');
      return 1;
    case 'x':
      key.append("KS");
      return 1;
    case 'z':
      key.push_back('S');
      return 1;
    default:  // f, j, l, m, n, r, v keep their sound.
      key.push_back(static_cast<char>(c - 'a' + 'A'));
      return 1;
  }
}

}  // namespace

std::string PhoneticKey(absl::string_view folded_token) {
  std::string w = CollapsedLetters(folded_token);
  DropSilentEnding(w);
  std::string key;
  size_t i = 0;
  while (i < w.size()) {
    if (!IsVowelAt(w, i)) {
      i += EncodeConsonant(w, i, key);
      continue;
    }
    size_t end = i;
    while (end < w.size() && IsVowelAt(w, end)) ++end;
    if (key.empty()) {
      // The first sound is a vowel, after any silent letters ("henri").
      key.push_back('A');
    } else if (end == w.size()) {
      const char final_class =
          FinalVowelClass(absl::string_view(w).substr(i, end - i));
      if (final_class != 0) key.push_back(final_class);
    }
    i = end;
  }
  return key;
}

}  // namespace idres
