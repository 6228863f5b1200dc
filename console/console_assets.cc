#include "console/console_assets.h"

namespace idres {

const ConsoleAsset* FindConsoleAsset(absl::string_view path) {
  if (path == "/") path = "/index.html";
  for (int i = 0; i < console_internal::kConsoleAssetCount; ++i) {
    if (console_internal::kConsoleAssets[i].path == path) {
      return &console_internal::kConsoleAssets[i];
    }
  }
  return nullptr;
}

}  // namespace idres
