#include "normalize/similarity.h"

#include <algorithm>

#include "absl/container/inlined_vector.h"
#include "absl/strings/string_view.h"

namespace idres {
namespace {

constexpr double kWinklerPrefixScale = 0.1;
constexpr size_t kWinklerMaxPrefix = 4;

// Scratch space of the two algorithms: on the stack for names and words
// (nearly all compared strings), on the heap beyond.
constexpr size_t kInlineLength = 48;
using Flags = absl::InlinedVector<bool, kInlineLength>;
using Rows = absl::InlinedVector<int, 3 * kInlineLength>;

double Jaro(absl::string_view a, absl::string_view b) {
  const size_t window = std::max(a.size(), b.size()) / 2;
  const size_t reach = window > 0 ? window - 1 : 0;
  Flags a_matched(a.size(), false);
  Flags b_matched(b.size(), false);
  size_t matches = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    const size_t begin = i > reach ? i - reach : 0;
    const size_t end = std::min(b.size(), i + reach + 1);
    for (size_t j = begin; j < end; ++j) {
      if (b_matched[j] || a[i] != b[j]) continue;
      a_matched[i] = b_matched[j] = true;
      ++matches;
      break;
    }
  }
  if (matches == 0) return 0.0;
  // Half the number of matched bytes that appear in a different order.
  size_t out_of_order = 0;
  for (size_t i = 0, j = 0; i < a.size(); ++i) {
    if (!a_matched[i]) continue;
    while (!b_matched[j]) ++j;
    if (a[i] != b[j]) ++out_of_order;
    ++j;
  }
  const double m = static_cast<double>(matches);
  const double t = static_cast<double>(out_of_order) / 2.0;
  return (m / a.size() + m / b.size() + (m - t) / m) / 3.0;
}

// Runs the OSA dynamic programme row by row. When `bound` >= 0 it returns
// bound + 1 as soon as two consecutive rows exceed `bound`: every
// alignment path crosses one of any two consecutive rows (a swap skips at
// most one) and costs never decrease along a path.
int OsaDistance(absl::string_view a, absl::string_view b, int bound) {
  const size_t n = b.size();
  // Three rows in one buffer, rotated by pointer after each row.
  Rows rows(3 * (n + 1));
  int* two_back = rows.data();
  int* previous = two_back + (n + 1);
  int* current = previous + (n + 1);
  for (size_t j = 0; j <= n; ++j) previous[j] = static_cast<int>(j);
  int previous_min = 0;
  for (size_t i = 1; i <= a.size(); ++i) {
    current[0] = static_cast<int>(i);
    int row_min = current[0];
    for (size_t j = 1; j <= n; ++j) {
      const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      int best = std::min(
          {previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        best = std::min(best, two_back[j - 2] + 1);
      }
      current[j] = best;
      row_min = std::min(row_min, best);
    }
    if (bound >= 0 && row_min > bound && previous_min > bound) {
      return bound + 1;
    }
    previous_min = row_min;
    int* reused = two_back;
    two_back = previous;
    previous = current;
    current = reused;
  }
  return previous[n];
}

}  // namespace

double JaroWinkler(absl::string_view a, absl::string_view b) {
  if (a == b) return 1.0;
  if (a.empty() || b.empty()) return 0.0;
  const double jaro = Jaro(a, b);
  size_t prefix = 0;
  const size_t max_prefix = std::min({a.size(), b.size(), kWinklerMaxPrefix});
  while (prefix < max_prefix && a[prefix] == b[prefix]) ++prefix;
  return jaro +
         static_cast<double>(prefix) * kWinklerPrefixScale * (1.0 - jaro);
}

int EditDistance(absl::string_view a, absl::string_view b) {
  return OsaDistance(a, b, -1);
}

bool WithinEditDistance(absl::string_view a, absl::string_view b,
                        int max_distance) {
  if (max_distance < 0) return false;
  const size_t length_gap =
      a.size() > b.size() ? a.size() - b.size() : b.size() - a.size();
  if (length_gap > static_cast<size_t>(max_distance)) return false;
  return OsaDistance(a, b, max_distance) <= max_distance;
}

bool IsInitialOf(absl::string_view initial, absl::string_view name) {
  return initial.size() == 1 && initial[0] >= 'a' && initial[0] <= 'z' &&
         !name.empty() && name[0] == initial[0];
}

}  // namespace idres
