#include "views/profile_context.h"

#include <algorithm>
#include <string>
#include <utility>

namespace idres {
namespace {

using google::protobuf::Timestamp;

bool Newer(const Timestamp& a, const Timestamp& b) {
  return std::make_pair(a.seconds(), a.nanos()) >
         std::make_pair(b.seconds(), b.nanos());
}

// Keeps `items` sorted newest first by `time_of` and at most `limit` long.
template <typename T, typename TimeOf>
void SortAndTrim(google::protobuf::RepeatedPtrField<T>* items, int limit,
                 TimeOf time_of) {
  std::stable_sort(items->begin(), items->end(),
                   [&](const T& a, const T& b) {
                     return Newer(time_of(a), time_of(b));
                   });
  while (items->size() > limit) items->RemoveLast();
}

void FoldFact(const v1::Fact& fact, v1::ProfileContext* context) {
  for (v1::Fact& f : *context->mutable_facts()) {
    if (f.key() != fact.key()) continue;
    if (!Newer(f.at(), fact.at())) f = fact;
    return;
  }
  *context->add_facts() = fact;
  // Bounded by recency, then listed by key for readers.
  SortAndTrim(context->mutable_facts(), kMaxFacts,
              [](const v1::Fact& f) { return f.at(); });
  std::sort(context->mutable_facts()->begin(), context->mutable_facts()->end(),
            [](const v1::Fact& a, const v1::Fact& b) { return a.key() < b.key(); });
}

void FoldCase(const v1::CaseState& update, v1::ProfileContext* context) {
  for (v1::CaseState& c : *context->mutable_cases()) {
    if (c.case_id() != update.case_id()) continue;
    if (Newer(c.opened_at(), update.opened_at())) {
      *c.mutable_opened_at() = update.opened_at();
    }
    if (!Newer(c.updated_at(), update.updated_at())) {
      Timestamp opened = c.opened_at();
      std::string intent = c.intent();
      c = update;
      *c.mutable_opened_at() = opened;
      if (c.intent().empty()) c.set_intent(intent);
    }
    SortAndTrim(context->mutable_cases(), kMaxCases,
                [](const v1::CaseState& x) { return x.updated_at(); });
    return;
  }
  *context->add_cases() = update;
  SortAndTrim(context->mutable_cases(), kMaxCases,
              [](const v1::CaseState& x) { return x.updated_at(); });
}

}  // namespace

void FoldInteraction(const v1::Interaction& interaction,
                     v1::ProfileContext* context) {
  for (const v1::Interaction& known : context->recent_interactions()) {
    if (known.interaction_id() == interaction.interaction_id()) return;
  }
  *context->add_recent_interactions() = interaction;
  SortAndTrim(context->mutable_recent_interactions(), kMaxRecentInteractions,
              [](const v1::Interaction& i) { return i.at(); });
  for (const auto& [key, value] : interaction.facts()) {
    v1::Fact fact;
    fact.set_key(key);
    fact.set_value(value);
    *fact.mutable_at() = interaction.at();
    fact.set_channel(interaction.channel());
    fact.set_interaction_id(interaction.interaction_id());
    fact.set_brand(interaction.brand());
    FoldFact(fact, context);
  }
  if (!interaction.case_id().empty()) {
    v1::CaseState update;
    update.set_case_id(interaction.case_id());
    update.set_status(interaction.case_status() == v1::CASE_STATUS_UNSPECIFIED
                          ? v1::CASE_STATUS_OPEN
                          : interaction.case_status());
    *update.mutable_opened_at() = interaction.at();
    *update.mutable_updated_at() = interaction.at();
    update.set_last_summary(interaction.summary());
    update.set_last_channel(interaction.channel());
    update.set_intent(interaction.intent());
    update.set_brand(interaction.brand());
    FoldCase(update, context);
  }
}

void FoldConsent(const v1::Consent& consent, v1::ProfileContext* context) {
  for (v1::Consent& c : *context->mutable_consents()) {
    if (c.purpose() != consent.purpose()) continue;
    if (!Newer(c.at(), consent.at())) c = consent;
    return;
  }
  *context->add_consents() = consent;
  std::sort(context->mutable_consents()->begin(),
            context->mutable_consents()->end(),
            [](const v1::Consent& a, const v1::Consent& b) {
              return a.purpose() < b.purpose();
            });
}

void MergeContextInto(const v1::ProfileContext& absorbed,
                      v1::ProfileContext* survivor) {
  for (const v1::Interaction& i : absorbed.recent_interactions()) {
    // Facts and cases are folded below from the absorbed lists, which also
    // cover interactions older than the recent window.
    bool known = false;
    for (const v1::Interaction& k : survivor->recent_interactions()) {
      known |= k.interaction_id() == i.interaction_id();
    }
    if (!known) *survivor->add_recent_interactions() = i;
  }
  for (v1::Interaction& i : *survivor->mutable_recent_interactions()) {
    i.set_profile_id(survivor->profile_id());
  }
  SortAndTrim(survivor->mutable_recent_interactions(), kMaxRecentInteractions,
              [](const v1::Interaction& i) { return i.at(); });
  for (const v1::Fact& f : absorbed.facts()) FoldFact(f, survivor);
  for (const v1::CaseState& c : absorbed.cases()) FoldCase(c, survivor);
  for (const v1::Consent& c : absorbed.consents()) FoldConsent(c, survivor);
}

void RefreshFromProfile(const v1::Profile& profile,
                        v1::ProfileContext* context) {
  context->set_profile_id(profile.profile_id());
  *context->mutable_golden() = profile.golden();
  *context->mutable_identifiers() = profile.identifiers();
  context->set_version(profile.version());
  *context->mutable_updated_at() = profile.updated_at();
}

}  // namespace idres
