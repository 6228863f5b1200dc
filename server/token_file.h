// The token file of `serve --tokens`: one caller a line, holding the
// SHA-256 of its token, never the token. Every function is thread-safe.
//
//   # name role brand sha256-hex   ("-" for no brand)
//   support-bot bot brand-a 9f86d0...
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "server/rpc_roles.h"

namespace idres {

// One caller of the token file.
struct TokenEntry {
  std::string name;   // Who the audit names: [A-Za-z0-9._@-]{1,64}.
  Role role = Role::kBot;
  std::string brand;  // Empty: no brand (sees all its role allows).
  std::string hash;   // Lowercase hex SHA-256 of the token.
};

// Returns the lowercase hex SHA-256 of `token`.
std::string HashToken(absl::string_view token);

// Returns the entries of a token file's text. InvalidArgument naming the
// line for a malformed line, an unknown role, a bad name, or a name given
// twice; blank lines and lines starting with '#' are skipped.
absl::StatusOr<std::vector<TokenEntry>> ParseTokenFile(absl::string_view text);

// Reads and parses the file at `path`. NotFound when it does not exist,
// Internal when unreadable, else as ParseTokenFile.
absl::StatusOr<std::vector<TokenEntry>> ReadTokenFile(const std::string& path);

// Adds a caller to the file at `path` (created, mode 0600, when missing)
// and returns its new random token (256 bits from OpenSSL's RAND_bytes),
// which is stored nowhere. InvalidArgument for a bad name or brand, or a
// name already in the file; Internal for I/O. Not safe against another
// process writing the same file at the same time.
absl::StatusOr<std::string> AddToken(const std::string& path,
                                     absl::string_view name, Role role,
                                     absl::string_view brand);

}  // namespace idres
