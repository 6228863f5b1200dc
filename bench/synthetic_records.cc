#include "bench/synthetic_records.h"

#include <random>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace idres {
namespace {

constexpr const char* kGiven[] = {"Émilie", "Jean-Pierre", "Chloé", "Loïc",
                                  "Marie", "François", "Hélène", "Thomas",
                                  "Zoé", "Benoît", "Inès", "Nicolas"};
constexpr const char* kFamily[] = {"Philippe", "Lefèvre", "Martin",
                                   "Dubois", "Girard", "Rousseau", "Müller",
                                   "Bernard", "Nguyen", "Lemaître"};
constexpr const char* kCities[][2] = {{"Reims", "51100"}, {"Lyon", "69003"},
                                      {"Besançon", "25000"},
                                      {"Saint-Étienne", "42000"},
                                      {"Paris", "75011"}, {"Nîmes", "30000"}};
constexpr const char* kDomains[] = {"free.fr", "orange.fr", "gmail.com",
                                    "laposte.net"};
constexpr const char* kSources[] = {"crm", "shop", "chat", "ivr", "app"};

template <typename T, size_t N>
const T& Pick(std::mt19937_64& rng, const T (&items)[N]) {
  return items[std::uniform_int_distribution<size_t>(0, N - 1)(rng)];
}

std::string PhoneStyle(std::mt19937_64& rng, int digits) {
  std::string d = absl::StrFormat("%08d", digits);
  switch (rng() % 3) {
    case 0: return absl::StrCat("06 ", d.substr(0, 2), " ", d.substr(2, 2),
                                " ", d.substr(4, 2), " ", d.substr(6, 2));
    case 1: return absl::StrCat("+336", d);
    default: return absl::StrCat("06.", d.substr(0, 2), ".", d.substr(2, 2),
                                 ".", d.substr(4, 2), ".", d.substr(6, 2));
  }
}

v1::Record OneRecord(std::mt19937_64& rng, int person, int index,
                     const char* given, const char* family, int digits) {
  v1::Record r;
  r.set_source(kSources[index % 5]);
  r.set_source_id(absl::StrCat("S-", person, "-", index));
  r.mutable_name()->set_given(given);
  r.mutable_name()->set_family(rng() % 4 == 0 ? absl::AsciiStrToUpper(family)
                                              : family);
  auto* email = r.add_identifiers();
  email->set_type("email");
  email->set_value(absl::StrCat(rng() % 2 ? "Contact." : "", "p", person,
                                "@", Pick(rng, kDomains)));
  auto* phone = r.add_identifiers();
  phone->set_type("phone");
  phone->set_value(PhoneStyle(rng, digits));
  r.set_birth_date(absl::StrFormat("19%02d-%02d-%02d", 40 + person % 60,
                                   1 + person % 12, 1 + person % 28));
  const auto& city = Pick(rng, kCities);
  r.mutable_address()->set_line1(absl::StrCat(1 + person % 120,
                                              " rue des Écoles"));
  r.mutable_address()->set_city(city[0]);
  r.mutable_address()->set_postal_code(city[1]);
  r.mutable_address()->set_country("FR");
  return r;
}

}  // namespace

std::vector<std::vector<v1::Record>> SyntheticPersons(int persons,
                                                      uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<std::vector<v1::Record>> out;
  for (int p = 0; p < persons; ++p) {
    const char* given = Pick(rng, kGiven);
    const char* family = Pick(rng, kFamily);
    int digits = static_cast<int>(rng() % 100000000);
    int count = 1 + static_cast<int>(rng() % 4);
    std::vector<v1::Record> records;
    for (int i = 0; i < count; ++i) {
      records.push_back(OneRecord(rng, p, i, given, family, digits));
    }
    out.push_back(std::move(records));
  }
  return out;
}

}  // namespace idres
