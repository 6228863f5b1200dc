// resolver/phonetic.h
// A phonetic key for French and English names, so that spellings that sound
// alike ("dupont", "dupond") compare equal. Pure and thread-safe.
#pragma once

#include <string>

#include "absl/strings/string_view.h"

namespace idres {

// Returns an uppercase phonetic key for one folded token (FoldText output,
// no spaces); bytes outside [a-z] are ignored and an empty or letter-less
// token gives "". The key keeps consonant sounds in order and reduces the
// vowels to an 'A' when the word starts with a vowel sound ("henri" starts
// "A") and one class (A, E, I, O, U) for a sounded final vowel. Rules, applied
// after collapsing doubled letters:
//  - silent endings (words of 5+ letters): final t after a vowel, n or r;
//    final d after n, r or a vowel other than e; "ault" -> "au"; a
//    final "dt" after a vowel (schmidt, schmitt -> "XMI"); final s after a
//    vowel other than e; final x after two vowels; a final e is silent in any
//    word;
//  - ph -> F, th -> T, gh -> silent (G at the start), h -> silent;
//  - ch -> X (K before r or l), sh and sch -> X;
//  - c -> S before e, i, y and inside "coi" (francois), else K; ck, cq -> K;
//    q and qu -> K; k, x -> K, KS; z -> S; w and v -> V;
//  - g -> J before e, i, y; gu before e, i, y -> G; gn -> N;
//  - b before v, d before t or j, p between m and s or t are silent;
//    kn and wr at the start lose their first letter;
//  - y is read as i, a vowel; w after a vowel and not before one is a
//    vowel.
// So philippe/filipe, catherine/kathryn, smith/smyth, thomson/thompson,
// dupont/dupond, lefebvre/lefevre, mohamed/mohammed, renault/renaud/reno,
// gauthier/gautier, francois/fransois and christophe/cristophe share keys,
// as do jean/jeanne and laurence/lawrence. marie ("MRI") and mario ("MRO")
// differ by their final vowel; martin/bernard and dupont/durand differ.
// The key is coarse on purpose (jean, john, jane and joan all give "JN"):
// use it as one signal among others, never alone to link records.
std::string PhoneticKey(absl::string_view folded_token);

}  // namespace idres
