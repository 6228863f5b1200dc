// The agent console's static files (console/web), embedded in the binary
// at build time so that the page works offline, with nothing beside the
// binary and no CDN. The HTTP gateway serves them. Thread-safe: constant
// data.
#pragma once

#include "absl/strings/string_view.h"

namespace idres {

struct ConsoleAsset {
  absl::string_view path;          // "/index.html", "/app.js", ...
  absl::string_view content_type;  // e.g. "text/html; charset=utf-8".
  absl::string_view body;
};

// Returns the asset served at URL path `path` ("/" is "/index.html"; a
// query string or fragment is not part of it), or nullptr when there is
// none.
const ConsoleAsset* FindConsoleAsset(absl::string_view path);

namespace console_internal {
// Defined by the generated console_assets_data.cc.
extern const ConsoleAsset kConsoleAssets[];
extern const int kConsoleAssetCount;
}  // namespace console_internal

}  // namespace idres
