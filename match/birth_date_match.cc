#include "match/birth_date_match.h"

#include <cstdlib>
#include <string>
#include <utility>

#include "absl/strings/string_view.h"
#include "match/features.h"
#include "normalize/normalize.h"
#include "normalize/similarity.h"

namespace idres {
namespace {

// True when two different dates of one format differ by one replaced
// character, or by two adjacent characters swapped: "1943-05-02" and
// "1946-05-02", "1965-05-02" and "1956-05-02". Of equal length, that is an
// edit distance of 1.
bool IsOneKeystrokeApart(absl::string_view a, absl::string_view b) {
  return a.size() == b.size() && a != b && WithinEditDistance(a, b, 1);
}

// The parts (year, month, day) known on both dates that are equal, and
// those that differ.
struct DateParts {
  int equal = 0;
  int differ = 0;
  bool same_year = false;
};

DateParts CountDateParts(const CivilDate& x, const CivilDate& y) {
  DateParts out;
  for (auto [p, q] : {std::pair{x.year, y.year}, std::pair{x.month, y.month},
                      std::pair{x.day, y.day}}) {
    if (p == 0 || q == 0) continue;
    ++(p == q ? out.equal : out.differ);
  }
  out.same_year = x.year != 0 && x.year == y.year;
  return out;
}

}  // namespace

std::optional<BirthDateLevel> CompareBirthDates(const storage::RecordFeatures& a,
                                                const storage::RecordFeatures& b) {
  const std::string& da = BirthDateDigits(a);
  const std::string& db = BirthDateDigits(b);
  if (da.empty() || db.empty()) return std::nullopt;
  if (da == db) return BirthDateLevel{"exact", &MatchWeights::birth_date_exact};
  std::optional<CivilDate> x = ParseDateDigits(da);
  std::optional<CivilDate> y = ParseDateDigits(db);
  if (!x.has_value() || !y.has_value()) return std::nullopt;
  if (x->day == y->month && x->month == y->day && x->year == y->year) {
    return BirthDateLevel{"day_month_swapped",
                          &MatchWeights::birth_date_swapped};
  }
  // Real dates know all three parts, so for them equal + differ is 3; a
  // part written "00" is unknown, not a digit away from the other date.
  DateParts parts = CountDateParts(*x, *y);
  if (parts.equal + parts.differ == 3 && IsOneKeystrokeApart(da, db)) {
    return BirthDateLevel{"one_digit_typo", &MatchWeights::birth_date_typo};
  }
  if (parts.equal >= 2 && parts.differ <= 1) {
    return BirthDateLevel{"one_part_differs",
                          &MatchWeights::birth_date_close};
  }
  if (parts.differ == 0) return std::nullopt;
  if (parts.same_year) {
    return BirthDateLevel{"same_year", &MatchWeights::birth_date_same_year};
  }
  const int gap = x->year != 0 && y->year != 0 ? std::abs(x->year - y->year)
                                               : 0;
  return BirthDateLevel{"different", &MatchWeights::birth_date_differs, gap};
}

}  // namespace idres
