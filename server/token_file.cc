#include "server/token_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "openssl/rand.h"
#include "openssl/sha.h"

namespace idres {
namespace {

constexpr size_t kMaxNameBytes = 64;
constexpr int kTokenBytes = 32;

bool ValidName(absl::string_view name) {
  if (name.empty() || name.size() > kMaxNameBytes) return false;
  for (char c : name) {
    if (!absl::ascii_isalnum(c) && c != '.' && c != '_' && c != '@' &&
        c != '-') {
      return false;
    }
  }
  return true;
}

bool ValidHash(absl::string_view hash) {
  if (hash.size() != 2 * SHA256_DIGEST_LENGTH) return false;
  for (char c : hash) {
    if (!absl::ascii_isxdigit(c) || absl::ascii_isupper(c)) return false;
  }
  return true;
}

absl::StatusOr<TokenEntry> ParseLine(absl::string_view line) {
  std::vector<absl::string_view> words =
      absl::StrSplit(line, absl::ByAnyChar(" \t"), absl::SkipEmpty());
  if (words.size() != 4) {
    return absl::InvalidArgumentError("expected: name role brand sha256");
  }
  TokenEntry entry;
  entry.name = std::string(words[0]);
  if (!ValidName(entry.name)) {
    return absl::InvalidArgumentError("name: expected [A-Za-z0-9._@-]{1,64}");
  }
  std::optional<Role> role = ParseRole(words[1]);
  if (!role.has_value()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "unknown role ", words[1], " (bot, agent, batch, admin, auditor)"));
  }
  entry.role = *role;
  if (words[2] != "-") {
    if (!ValidName(words[2])) {
      return absl::InvalidArgumentError(
          "brand: expected [A-Za-z0-9._@-]{1,64} or -");
    }
    entry.brand = std::string(words[2]);
  }
  if (!ValidHash(words[3])) {
    return absl::InvalidArgumentError("sha256: expected 64 lowercase hex");
  }
  entry.hash = std::string(words[3]);
  return entry;
}

}  // namespace

std::string HashToken(absl::string_view token) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(token.data()), token.size(),
         digest);
  return absl::BytesToHexString(absl::string_view(
      reinterpret_cast<const char*>(digest), sizeof(digest)));
}

absl::StatusOr<std::vector<TokenEntry>> ParseTokenFile(absl::string_view text) {
  std::vector<TokenEntry> entries;
  absl::flat_hash_set<std::string> names;
  int number = 0;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    ++number;
    line = absl::StripAsciiWhitespace(line);
    if (line.empty() || line[0] == '#') continue;
    absl::StatusOr<TokenEntry> entry = ParseLine(line);
    if (entry.ok() && !names.insert(entry->name).second) {
      entry = absl::InvalidArgumentError(
          absl::StrCat("name ", entry->name, " given twice"));
    }
    if (!entry.ok()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "token file line ", number, ": ", entry.status().message()));
    }
    entries.push_back(*std::move(entry));
  }
  return entries;
}

absl::StatusOr<std::vector<TokenEntry>> ReadTokenFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    if (errno == ENOENT) {
      return absl::NotFoundError(absl::StrCat("token file ", path, ": missing"));
    }
    return absl::InternalError(absl::StrCat("token file ", path, ": ",
                                            std::strerror(errno)));
  }
  std::stringstream text;
  text << in.rdbuf();
  absl::StatusOr<std::vector<TokenEntry>> entries = ParseTokenFile(text.str());
  if (!entries.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat(path, ": ", entries.status().message()));
  }
  return entries;
}

absl::StatusOr<std::string> AddToken(const std::string& path,
                                     absl::string_view name, Role role,
                                     absl::string_view brand) {
  if (!ValidName(name)) {
    return absl::InvalidArgumentError("--name: expected [A-Za-z0-9._@-]{1,64}");
  }
  if (!brand.empty() && !ValidName(brand)) {
    return absl::InvalidArgumentError("--brand: expected [A-Za-z0-9._@-]{1,64}");
  }
  absl::StatusOr<std::vector<TokenEntry>> entries = ReadTokenFile(path);
  if (!entries.ok() && !absl::IsNotFound(entries.status())) {
    return entries.status();
  }
  if (entries.ok()) {
    for (const TokenEntry& e : *entries) {
      if (e.name == name) {
        return absl::InvalidArgumentError(
            absl::StrCat("--name: ", name, " is already in ", path));
      }
    }
  }
  unsigned char random[kTokenBytes];
  if (RAND_bytes(random, sizeof(random)) != 1) {
    return absl::InternalError("no random bytes from OpenSSL");
  }
  std::string token = absl::StrCat(
      "idres_", absl::BytesToHexString(absl::string_view(
                    reinterpret_cast<const char*>(random), sizeof(random))));
  std::string line = absl::StrCat(name, " ", RoleName(role), " ",
                                  brand.empty() ? "-" : brand, " ",
                                  HashToken(token), "\n");
  int fd = open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT, 0600);
  if (fd < 0) {
    return absl::InternalError(absl::StrCat("token file ", path, ": ",
                                            std::strerror(errno)));
  }
  bool written = write(fd, line.data(), line.size()) ==
                     static_cast<ssize_t>(line.size()) &&
                 fsync(fd) == 0;
  close(fd);
  if (!written) {
    return absl::InternalError(absl::StrCat("token file ", path, ": write failed"));
  }
  return token;
}

}  // namespace idres
