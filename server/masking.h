// What a bot reads of a profile: its identifiers masked
// (normalize/identifier_mask.h), wherever a context carries them.
#pragma once

#include "idres/v1/context.pb.h"

namespace idres {

// Masks, in place, the golden view's e-mails and phones, every identifier
// of `context` and the identifier each interaction came through.
// Thread-compatible.
void MaskIdentifiers(v1::ProfileContext* context);

}  // namespace idres
