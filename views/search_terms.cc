#include "views/search_terms.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "normalize/normalize.h"
#include "normalize/phonetic.h"

namespace idres {

std::string NameTokenTerm(absl::string_view folded_token) {
  return absl::StrCat("n:", PhoneticKey(folded_token));
}

std::string NamePairTerm(absl::string_view first_token,
                         absl::string_view second_token) {
  return absl::StrCat("nn:", PhoneticKey(first_token), ":",
                      PhoneticKey(second_token));
}

std::string PhoneSuffixTerm(absl::string_view last4) {
  return absl::StrCat("t4:", last4);
}

std::string BirthDateTerm(absl::string_view iso_date) {
  return absl::StrCat("d:", iso_date);
}

std::vector<std::string> SearchTermsOf(
    const std::vector<const storage::StoredRecord*>& records) {
  // By priority, should a large profile exceed kMaxSearchTerms.
  std::vector<std::string> dates, phones, names, pairs;
  for (const storage::StoredRecord* r : records) {
    const storage::RecordFeatures& f = r->features();
    std::vector<std::string> tokens =
        NameTokens(absl::StrCat(f.given(), " ", f.family()));
    for (size_t i = 0; i < tokens.size(); ++i) {
      if (PhoneticKey(tokens[i]).empty()) continue;
      names.push_back(NameTokenTerm(tokens[i]));
      for (size_t j = 0; j < tokens.size(); ++j) {
        if (i != j && !PhoneticKey(tokens[j]).empty()) {
          pairs.push_back(NamePairTerm(tokens[i], tokens[j]));
        }
      }
    }
    for (const storage::NormalizedIdentifier& id : f.identifiers()) {
      const std::string& v = id.value();
      if (id.type() == "phone" &&
          id.strength() != storage::IDENTIFIER_STRENGTH_IGNORED && v.size() >= 4) {
        phones.push_back(PhoneSuffixTerm(v.substr(v.size() - 4)));
      }
    }
    if (!f.birth_date().empty()) dates.push_back(BirthDateTerm(f.birth_date()));
  }
  std::vector<std::string> terms;
  for (std::vector<std::string>* kind : {&dates, &phones, &names, &pairs}) {
    std::sort(kind->begin(), kind->end());
    kind->erase(std::unique(kind->begin(), kind->end()), kind->end());
    for (std::string& t : *kind) {
      if (terms.size() < kMaxSearchTerms) terms.push_back(std::move(t));
    }
  }
  std::sort(terms.begin(), terms.end());
  return terms;
}

}  // namespace idres
