#include "context/brand_scope.h"

namespace idres {

bool SharedAcrossBrands(const v1::ProfileContext& context) {
  for (const v1::Consent& c : context.consents()) {
    if (c.purpose() == kShareAcrossBrands) return c.granted();
  }
  return false;
}

}  // namespace idres
