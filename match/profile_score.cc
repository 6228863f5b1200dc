#include "match/profile_score.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"

namespace idres {

namespace {

// Folds the conflict evidence of pairs: see ProfilesConflict.
struct ConflictTally {
  bool given_compared = false;
  bool given_compatible = false;
  bool date_compared = false;
  bool date_compatible = false;
  bool shares_unique = false;

  void Add(const PairComparison& pair) {
    given_compared |= pair.given_compared;
    given_compatible |= pair.given_compatible;
    date_compared |= pair.birth_date_compared && pair.same_name;
    date_compatible |=
        pair.birth_date_compatible || pair.shares_strong_identifier;
    shares_unique |= pair.shares_unique_identifier;
  }
  bool conflict() const {
    return IsConflict(given_compared, given_compatible, date_compared,
                      date_compatible, shares_unique);
  }
};

}  // namespace

bool ProfilesConflict(const std::vector<const storage::RecordFeatures*>& a,
                      const std::vector<const storage::RecordFeatures*>& b,
                      const MatchConfig& config) {
  ConflictTally tally;
  for (const storage::RecordFeatures* x : a) {
    for (const storage::RecordFeatures* y : b) {
      if (!tally.given_compatible) {
        tally.Add(CompareRecords(*x, *y, config));
      } else {
        // Only the dates can still conflict: compare them alone, and the
        // whole pair when they are far apart (a strong identifier).
        std::optional<bool> dates = BirthDatesCompatible(*x, *y, config);
        if (dates.value_or(true)) {
          tally.date_compared |= dates.has_value();
          tally.date_compatible |= dates.has_value();
        } else {
          tally.Add(CompareRecords(*x, *y, config));
        }
      }
      if (tally.shares_unique ||
          (tally.given_compatible && tally.date_compatible)) {
        return false;
      }
    }
  }
  return tally.conflict();
}

ProfileScore ScoreAgainstProfile(
    const storage::RecordFeatures& record,
    const std::vector<const storage::RecordFeatures*>& records,
    const MatchConfig& config) {
  ProfileScore out;
  // Field name -> index in out.combined.fields of its best comparison.
  absl::flat_hash_map<std::string, size_t> best_of_field;
  double best_pair = 0;
  ConflictTally tally;
  for (size_t i = 0; i < records.size(); ++i) {
    PairComparison pair = CompareRecords(record, *records[i], config);
    tally.Add(pair);
    out.combined.shares_strong_identifier |= pair.shares_strong_identifier;
    if (out.best_record < 0 || pair.score > best_pair) {
      best_pair = pair.score;
      out.best_record = static_cast<int>(i);
    }
    for (size_t j = 0; j < pair.fields.size(); ++j) {
      v1::FieldComparison& f = pair.fields[j];
      auto [it, inserted] =
          best_of_field.try_emplace(f.field(), out.combined.fields.size());
      if (inserted) {
        out.combined.fields.push_back(std::move(f));
        out.combined.settings.push_back(pair.settings[j]);
      } else if (f.weight() > out.combined.fields[it->second].weight()) {
        out.combined.fields[it->second] = std::move(f);
        out.combined.settings[it->second] = pair.settings[j];
      }
    }
  }
  out.conflict = out.combined.conflict = tally.conflict();
  for (const v1::FieldComparison& f : out.combined.fields) {
    out.combined.score += f.weight();
  }
  return out;
}

void AdjustForNameFrequency(size_t profiles_with_name,
                            const MatchConfig& config, ProfileScore* score) {
  if (profiles_with_name < 2) return;
  const MatchWeights& w = config.weights;
  // A typo ("Muellrr" / "Mueller") is itself evidence: namesakes of the
  // record's spelling rarely match it at the "close" level, so only names
  // the same but for a nickname (or written the wrong way round) count
  // their namesakes, as Splink adjusts exact matches only.
  bool given = false, family = false;
  for (const v1::FieldComparison& f : score->combined.fields) {
    const std::string& level = f.level();
    given |= f.field() == "given" &&
             (level == "exact" || level == "nickname" || level == "swapped");
    family |= f.field() == "family" && (level == "exact" || level == "swapped");
  }
  if (!given || !family) return;
  double penalty =
      w.name_frequency * std::log2(static_cast<double>(profiles_with_name));
  v1::FieldComparison& f = score->combined.fields.emplace_back();
  f.set_field("name_frequency");
  f.set_level(absl::StrCat(profiles_with_name, "_profiles"));
  f.set_weight(-penalty);
  score->combined.settings.push_back(nullptr);
  score->combined.score -= penalty;
}

bool IsProfileLink(const ProfileScore& score, const MatchConfig& config) {
  return !score.conflict && score.combined.score >= config.link_threshold &&
         !AccountsKeepApart(score.combined, config);
}

void NotePossibleMatch(absl::string_view other_id, double score,
                       const v1::RecordRef& record, size_t max_entries,
                       v1::Profile* profile) {
  if (other_id == profile->profile_id()) return;
  auto* list = profile->mutable_possible_matches();
  for (int i = 0; i < list->size(); ++i) {
    if (list->Get(i).profile_id() != other_id) continue;
    if (list->Get(i).score() >= score) return;
    list->DeleteSubrange(i, 1);
    break;
  }
  v1::PossibleMatch entry;
  entry.set_profile_id(std::string(other_id));
  entry.set_score(score);
  *entry.mutable_record() = record;
  list->Add(std::move(entry));
  std::stable_sort(list->begin(), list->end(),
                   [](const v1::PossibleMatch& a, const v1::PossibleMatch& b) {
                     return a.score() > b.score();
                   });
  while (static_cast<size_t>(list->size()) > max_entries) list->RemoveLast();
}

}  // namespace idres
