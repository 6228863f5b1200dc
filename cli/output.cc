#include "cli/output.h"

#include <iostream>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "cli/client.h"
#include "client/json_io.h"
#include "google/protobuf/descriptor.h"
#include "proto/request_decoding.h"

namespace idres {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

void AppendEscaped(uint32_t c, std::string* out) {
  switch (c) {
    case '\n': *out += "\\n"; return;
    case '\t': *out += "\\t"; return;
    case '\r': *out += "\\r"; return;
    default:
      *out += c < 0x80 ? absl::StrFormat("\\x%02X", c)
                       : absl::StrFormat("\\u%04X", c);
  }
}

void EscapeField(Message* m, const FieldDescriptor* f) {
  const Reflection* r = m->GetReflection();
  if (f->cpp_type() == FieldDescriptor::CPPTYPE_STRING) {
    if (!f->is_repeated()) {
      r->SetString(m, f, EscapeControls(r->GetString(*m, f)));
      return;
    }
    for (int i = 0; i < r->FieldSize(*m, f); ++i) {
      r->SetRepeatedString(m, f, i,
                           EscapeControls(r->GetRepeatedString(*m, f, i)));
    }
  } else if (f->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
    if (!f->is_repeated()) {
      if (r->HasField(*m, f)) EscapeTextFields(r->MutableMessage(m, f));
      return;
    }
    for (int i = 0; i < r->FieldSize(*m, f); ++i) {
      EscapeTextFields(r->MutableRepeatedMessage(m, f, i));
    }
  }
}

}  // namespace

std::string EscapeControls(absl::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    uint32_t code_point = 0;
    const int len = DecodeUtf8(text.substr(i), &code_point);
    if (len == 0) {
      out += absl::StrFormat("\\x%02X", c);  // Not UTF-8.
      ++i;
      continue;
    }
    if (code_point < 0x20 || (code_point >= 0x7F && code_point <= 0x9F)) {
      AppendEscaped(code_point, &out);
    } else {
      out.append(text.data() + i, len);
    }
    i += len;
  }
  return out;
}

void EscapeTextFields(Message* message) {
  const google::protobuf::Descriptor* d = message->GetDescriptor();
  for (int i = 0; i < d->field_count(); ++i) EscapeField(message, d->field(i));
}

int PrintJson(const std::string& verb, const Message& message, bool pretty) {
  absl::StatusOr<std::string> json = ToJson(message, pretty);
  if (!json.ok()) {
    return ReportError(verb, absl::StrCat("cannot print as JSON: ",
                                          json.status().message()));
  }
  std::cout << *json << "\n";
  return 0;
}

}  // namespace idres
