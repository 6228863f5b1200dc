// Compares two records field by field and decides whether they are the same
// person: a Fellegi-Sunter style sum of log-likelihood weights, with one
// hard conflict that vetoes any link: clearly different given names, unless
// the records share a unique identifier. Birth dates only weigh (partial
// and typo levels, birth_date_match.h). Pure functions; thread-safe.
#pragma once

#include <optional>
#include <vector>

#include "idres/storage/storage.pb.h"
#include "match/match_config.h"

namespace idres {

// The MatchWeights member a field level's weight comes from.
using WeightSetting = double MatchWeights::*;

// The comparison of two records.
struct PairComparison {
  double score = 0;
  // One entry per compared field, with its level and weight.
  std::vector<v1::FieldComparison> fields;
  // Parallel to `fields`: the setting each weight was read from, or null
  // when the weight is fixed or combines settings (swapped names). This
  // separates the level of a field from its weight (see training.h).
  std::vector<WeightSetting> settings;
  // True when the records share a strong identifier.
  bool shares_strong_identifier = false;
  // True when they share a value of a type that is unique per person
  // (national id, passport, ...): such a value outweighs a given name.
  bool shares_unique_identifier = false;
  // True when both records have a given name; then `given_compatible`
  // says whether the two (or one and the other's family name, written the
  // wrong way round) are the same name at any level above "different".
  bool given_compared = false;
  bool given_compatible = false;
  // True when both records have a birth date with a known year; then
  // `birth_date_compatible` says whether the two are close enough to be
  // one person's (any level but "different" with years at least
  // MatchConfig::birth_year_conflict_gap apart: a parent and a child of
  // the same name).
  bool birth_date_compared = false;
  bool birth_date_compatible = false;
  // True when the given names match exactly or as nicknames and the family
  // names exactly: namesakes, for whom a birth date a generation away is a
  // conflict. (A name with a typo and a replaced date is a corrupted
  // record as often, and weighs what its levels weigh.)
  bool same_name = false;
  // True when evidence says these are different people: clearly different
  // given names (twins, household members), unless they share a unique
  // identifier; or, between records of the same name, birth dates a
  // generation apart (a parent and a child), unless they share a strong
  // identifier (a source that
  // replaced a date keeps the person's e-mail; a family e-mail shared by
  // two profiles that conflict is demoted to weak, see resolution.h).
  bool conflict = false;
};

// True when the given names or the birth dates of a comparison (or of a
// profile's comparisons folded together) say two people: see
// PairComparison::conflict. `date_compatible` is true as well when a
// strong identifier ties the records; `shares_unique` outweighs both.
inline bool IsConflict(bool given_compared, bool given_compatible,
                       bool date_compared, bool date_compatible,
                       bool shares_unique) {
  return !shares_unique && ((given_compared && !given_compatible) ||
                            (date_compared && !date_compatible));
}

// Compares the features of two records: identifiers, given and family
// names (exact, nickname, Jaro-Winkler, phonetic, initial, swapped; a lone
// name against either field; a given name against the other's middle
// names), birth date (exact, one keystroke apart, day/month swapped, one
// part off, same year; a partial date part by part), street, postal code,
// city and gender. Fields empty on either side are not compared and weigh
// nothing. Strength of a shared identifier is taken from `a`.
PairComparison CompareRecords(const storage::RecordFeatures& a,
                              const storage::RecordFeatures& b,
                              const MatchConfig& config);

// The birth-date part of CompareRecords' conflict rule alone: nullopt when
// either record has no comparable date, else whether the dates could be
// one person's (PairComparison::birth_date_compatible).
std::optional<bool> BirthDatesCompatible(const storage::RecordFeatures& a,
                                         const storage::RecordFeatures& b,
                                         const MatchConfig& config);

// True when `comparison` rests on names and place alone (no identifier
// agrees but weak ones, a household's landline or family e-mail; the
// birth dates do not agree) against accounts of
// one type (MatchConfig::account_per_person) whose values differ: two
// customer numbers of one system are two customers as often as one person
// registered twice, a parent and a child of one name at one address
// (issue 12). Such a comparison does not link whatever its score; in the
// review band it is a possible match. Reads the comparison's fields, so a
// zero identifier_differs weight (no "different" entry) turns it off.
bool AccountsKeepApart(const PairComparison& comparison,
                       const MatchConfig& config);

// Returns true when `comparison` is enough to link: no conflict, a score
// of at least config.link_threshold, and not AccountsKeepApart.
bool IsLink(const PairComparison& comparison, const MatchConfig& config);

}  // namespace idres
