// How verbs print what the server answers: as JSON, failing loudly when a
// message cannot be written as JSON, or as text in which the control
// characters of stored data are escaped, so that no record, summary or
// audit reason can move the cursor, recolour the terminal or fake a line.
#pragma once

#include <string>

#include "absl/strings/string_view.h"
#include "google/protobuf/message.h"

namespace idres {

// Returns `text` with every byte or character that could drive a terminal
// written as an escape: \n, \t and \r; \xNN for the other C0 controls, DEL
// and bytes that are not UTF-8; \u0080..\u009F for the C1 controls. Other
// text, backslashes included, is kept. Thread-safe.
std::string EscapeControls(absl::string_view text);

// Applies EscapeControls to every string field of `message` and of the
// messages inside it, map keys and values included.
void EscapeTextFields(google::protobuf::Message* message);

// Returns a copy of `message` with EscapeTextFields applied: what a text
// formatter prints from.
template <typename M>
M Escaped(const M& message) {
  M copy = message;
  EscapeTextFields(&copy);
  return copy;
}

// Prints `message` to stdout as JSON (indented when `pretty`) and a
// newline, and returns 0; when it cannot be written as JSON (e.g. a
// timestamp outside 0001..9999 in stored data), prints nothing to stdout,
// reports "idres VERB: cannot print as JSON: ..." on stderr and returns 1.
int PrintJson(const std::string& verb, const google::protobuf::Message& message,
              bool pretty);

}  // namespace idres
