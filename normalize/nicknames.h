// resolver/nicknames.h
// Diminutives, nicknames and spelling variants of English and French given
// names, mapped to one canonical name. Pure and thread-safe.
#pragma once

#include <string>

#include "absl/strings/string_view.h"

namespace idres {

// Returns the canonical given name for one folded token (FoldText output),
// or the token unchanged when the table does not know it. Examples:
// "bobby" -> "robert", "liz" -> "elizabeth", "kate" and "katherine" ->
// "catherine", "jeannot" -> "jean", "manu" -> "emmanuel", "dede" -> "andre".
// The table holds about 400 aliases (about 340 English, 65 French). Where an
// English and a French form of a name share diminutives, both map to the
// English spelling: alexandre, christophe, frederic, henri, mathieu,
// matthieu, nicolas, philippe, gregoire, stephane, sebastien, dominique,
// elisabeth, marguerite, suzanne, therese, nathalie and denis. Other
// cross-language pairs stay apart (jean/john, pierre/peter, guillaume/
// william, jacques/james, antoine/anthony). An ambiguous diminutive returns
// its first name here ("alex" -> "alexander", "dany" -> "daniel", "steph"
// -> "stephen") but AreNameVariants knows all of them ("alexandra",
// "danielle", "stephanie"); "chris" -> "christopher", "sam" -> "samuel",
// "max" -> "maxime", "mimi" -> "michelle", "jerry" -> "gerald" and
// "terry" -> "terence" have one.
std::string CanonicalGivenName(absl::string_view folded_token);

// Returns true when both tokens are non-empty and share a canonical given
// name: AreNameVariants("bob", "robbie") and ("kate", "cathy"). An
// ambiguous diminutive has several: "dany" is a variant of both "daniel"
// and "danielle", which are not variants of each other.
bool AreNameVariants(absl::string_view a, absl::string_view b);

}  // namespace idres
