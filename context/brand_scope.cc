#include "context/brand_scope.h"

#include <string>

#include "absl/container/flat_hash_set.h"

namespace idres {
namespace {

// Erases the elements of `list` for which `hidden` is true, keeping order.
template <typename List, typename Pred>
void EraseIf(List* list, Pred hidden) {
  int kept = 0;
  for (int i = 0; i < list->size(); ++i) {
    if (hidden(list->Get(i))) continue;
    if (kept != i) list->SwapElements(kept, i);
    ++kept;
  }
  while (list->size() > kept) list->RemoveLast();
}

void ClearGoldenField(absl::string_view field, v1::GoldenView* golden) {
  if (field == "name") golden->clear_name();
  if (field == "birth_date") golden->clear_birth_date();
  if (field == "gender") golden->clear_gender();
  if (field == "address") golden->clear_address();
  if (field == "organization") golden->clear_organization();
}

}  // namespace

bool SharedAcrossBrands(const v1::ProfileContext& context) {
  for (const v1::Consent& c : context.consents()) {
    if (c.purpose() == kShareAcrossBrands) return c.granted();
  }
  return false;
}

void ScopeToBrand(absl::string_view brand, v1::ProfileContext* context) {
  if (brand.empty() || SharedAcrossBrands(*context)) return;
  auto hidden = [brand](const auto& item) {
    return !item.brand().empty() && item.brand() != brand;
  };
  EraseIf(context->mutable_identifiers(), hidden);
  absl::flat_hash_set<std::string> emails, phones;
  for (const v1::ProfileIdentifier& id : context->identifiers()) {
    if (id.type() == "email") emails.insert(id.value());
    if (id.type() == "phone") phones.insert(id.value());
  }
  v1::GoldenView* golden = context->mutable_golden();
  EraseIf(golden->mutable_emails(),
          [&](const std::string& e) { return !emails.contains(e); });
  EraseIf(golden->mutable_phones(),
          [&](const std::string& p) { return !phones.contains(p); });
  for (const v1::FieldProvenance& p : golden->provenance()) {
    if (hidden(p)) ClearGoldenField(p.field(), golden);
  }
  EraseIf(golden->mutable_provenance(), hidden);
  EraseIf(context->mutable_recent_interactions(), hidden);
  EraseIf(context->mutable_cases(), hidden);
  EraseIf(context->mutable_facts(), hidden);
  context->clear_search_terms();
}

}  // namespace idres
