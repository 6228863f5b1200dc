#include "server/masking.h"

#include "normalize/identifier_mask.h"

namespace idres {

void MaskIdentifiers(v1::ProfileContext* context) {
  v1::GoldenView* golden = context->mutable_golden();
  for (std::string& e : *golden->mutable_emails()) e = MaskEmail(e);
  for (std::string& p : *golden->mutable_phones()) p = MaskPhone(p);
  for (v1::ProfileIdentifier& id : *context->mutable_identifiers()) {
    id.set_value(MaskIdentifier(id.type(), id.value()));
  }
  for (v1::Interaction& i : *context->mutable_recent_interactions()) {
    if (!i.has_via_identifier()) continue;
    v1::Identifier* via = i.mutable_via_identifier();
    via->set_value(MaskIdentifier(via->type(), via->value()));
  }
}

}  // namespace idres
