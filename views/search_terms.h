// The terms under which a profile is found by SearchProfiles, shared by the
// writer (derived_views) and the query side (search). Pure; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "idres/storage/storage.pb.h"

namespace idres {

// At most this many terms are indexed per profile.
inline constexpr size_t kMaxSearchTerms = 96;

// Returns the sorted, distinct terms of a profile holding `records`: the
// phonetic key of every name token ("n:KEY"), every ordered pair of name
// tokens from one record ("nn:KEY1:KEY2", both orders, so queries may give
// names in any order), the last four digits of every phone ("t4:DDDD")
// and every birth date ("d:YYYY-MM-DD").
std::vector<std::string> SearchTermsOf(
    const std::vector<const storage::StoredRecord*>& records);

std::string NameTokenTerm(absl::string_view folded_token);
std::string NamePairTerm(absl::string_view first_token,
                         absl::string_view second_token);
// `last4` is the last four digits of a phone number.
std::string PhoneSuffixTerm(absl::string_view last4);
std::string BirthDateTerm(absl::string_view iso_date);

}  // namespace idres
