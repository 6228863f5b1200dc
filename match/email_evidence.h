// What an e-mail address says about who holds it, from its local part
// alone. Pure functions; thread-safe.
#pragma once

#include "absl/strings/string_view.h"

namespace idres {

// True when the normalized e-mail `email` is built as a household's
// shared address: its local part has a word for a household ("famille",
// "family", "foyer", ...), alone or glued to a name ("famille.martin",
// "martin_famille", "famillemartin"), or is "les" glued to a family name
// ("lesmartin", "les.martin"; at least five letters after "les", so that
// "leslie" is not one). Such an address is shared by several people: it
// is a weak identifier, never a link on its own.
bool IsHouseholdEmail(absl::string_view email);

// True when the local part of `email`, without separators and digits,
// is exactly `family` (a folded family name, spaces dropped) and at
// least four letters long: "martin@", "martin.75@" for a Martin. Several
// people of one family use such an address, so between two records it
// shows the family, not the person.
bool IsFamilyNameEmail(absl::string_view email, absl::string_view family);

}  // namespace idres
