#include "normalize/message_checks.h"

#include <optional>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/timestamp.pb.h"
#include "google/protobuf/unknown_field_set.h"
#include "proto/request_decoding.h"

namespace idres {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;
using google::protobuf::UnknownField;
using google::protobuf::UnknownFieldSet;

// One step of the path from the root to a field. The path is rendered only
// when a check fails, so that a valid message costs no string building.
struct Step {
  const Step* parent = nullptr;
  absl::string_view root;                 // At the root only.
  const FieldDescriptor* field = nullptr;  // nullptr at the root.
  int index = -1;                         // Of a repeated field's element.
  const std::string* key = nullptr;       // Of a map's entry.
};

// Map keys are the caller's text: shown escaped and bounded.
std::string Shown(absl::string_view text) {
  constexpr size_t kMaxShown = 64;
  std::string out = absl::CHexEscape(text.substr(0, kMaxShown));
  return text.size() > kMaxShown ? out + "..." : out;
}

std::string PathOf(const Step& at) {
  std::vector<const Step*> chain;
  for (const Step* s = &at; s != nullptr; s = s->parent) chain.push_back(s);
  std::string out(chain.back()->root);
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
    const Step& s = **it;
    if (s.field == nullptr) continue;
    if (!out.empty()) out += '.';
    out += s.field->name();
    if (s.index >= 0) absl::StrAppend(&out, "[", s.index, "]");
    if (s.key != nullptr) absl::StrAppend(&out, "[", Shown(*s.key), "]");
  }
  return out.empty() ? "request" : out;
}

absl::Status Invalid(const Step& at, absl::string_view problem) {
  return absl::InvalidArgumentError(absl::StrCat(PathOf(at), ": ", problem));
}

std::string ControlAt(uint32_t code_point, size_t at, TextKind kind) {
  return absl::StrFormat(
      "contains control character U+%04X at byte %d%s", code_point, at,
      kind == TextKind::kFreeText ? " (free text allows tab and newline only)"
                                  : "");
}

// Free text spans lines: summaries, reasons and the attributes a source
// keeps as is. Every other text field is one line.
TextKind KindOf(const FieldDescriptor* field, const FieldDescriptor* map) {
  if (map != nullptr) {
    return map->full_name() == "idres.v1.Record.attributes" &&
                   field->name() == "value"
               ? TextKind::kFreeText
               : TextKind::kLine;
  }
  return field->name() == "summary" || field->name() == "reason"
             ? TextKind::kFreeText
             : TextKind::kLine;
}

absl::Status Walk(const Message& m, const Step& at);

absl::Status CheckUnknown(const Message& m, const Reflection* r,
                          const Step& at) {
  const UnknownFieldSet& unknown = r->GetUnknownFields(m);
  if (unknown.empty()) return absl::OkStatus();
  if (at.parent == nullptr) {
    if (std::optional<std::string> d = UndecodableDiagnosis(m)) {
      return absl::InvalidArgumentError(*d);
    }
  }
  const UnknownField& f = unknown.field(0);
  std::string what;
  switch (f.type()) {
    case UnknownField::TYPE_VARINT: what = "a varint"; break;
    case UnknownField::TYPE_FIXED32: what = "4 bytes"; break;
    case UnknownField::TYPE_FIXED64: what = "8 bytes"; break;
    case UnknownField::TYPE_LENGTH_DELIMITED:
      what = absl::StrCat(f.length_delimited().size(), " bytes");
      break;
    case UnknownField::TYPE_GROUP: what = "a group"; break;
  }
  std::string more =
      unknown.field_count() > 1
          ? absl::StrCat(" and ", unknown.field_count() - 1, " more")
          : "";
  return Invalid(at, absl::StrCat("unknown field number ", f.number(), " (",
                                  what, ")", more, " in ",
                                  m.GetDescriptor()->full_name(),
                                  "; this server does not know it"));
}

absl::Status CheckTimestamp(const Message& m, const Descriptor* d,
                            const Reflection* r, const Step& at) {
  const int64_t seconds = r->GetInt64(m, d->FindFieldByNumber(1));
  const int32_t nanos = r->GetInt32(m, d->FindFieldByNumber(2));
  if (seconds < kMinTimestampSeconds || seconds > kMaxTimestampSeconds ||
      nanos < 0 || nanos > 999999999) {
    return Invalid(at, absl::StrCat(
                           "outside 0001-01-01..9999-12-31 (seconds ",
                           kMinTimestampSeconds, "..", kMaxTimestampSeconds,
                           ", nanos 0..999999999)"));
  }
  return absl::OkStatus();
}

// Checks element `i` of `field` (-1 for a singular field) of `m`; `at`
// names it; `map` is the map holding `m` when `m` is a map entry.
absl::Status CheckValue(const Message& m, const Reflection* r,
                        const FieldDescriptor* field, int i, const Step& at,
                        const FieldDescriptor* map) {
  switch (field->cpp_type()) {
    case FieldDescriptor::CPPTYPE_STRING: {
      if (field->type() == FieldDescriptor::TYPE_BYTES) break;
      std::string scratch;
      const std::string& text =
          i < 0 ? r->GetStringReference(m, field, &scratch)
                : r->GetRepeatedStringReference(m, field, i, &scratch);
      std::string problem = TextProblem(text, KindOf(field, map));
      if (!problem.empty()) return Invalid(at, problem);
      break;
    }
    case FieldDescriptor::CPPTYPE_ENUM: {
      const int value =
          i < 0 ? r->GetEnumValue(m, field) : r->GetRepeatedEnumValue(m, field, i);
      if (field->enum_type()->FindValueByNumber(value) == nullptr) {
        return Invalid(at, absl::StrCat("unknown value ", value, " of ",
                                        field->enum_type()->full_name()));
      }
      break;
    }
    case FieldDescriptor::CPPTYPE_MESSAGE:
      return Walk(i < 0 ? r->GetMessage(m, field)
                        : r->GetRepeatedMessage(m, field, i),
                  at);
    default:
      break;
  }
  return absl::OkStatus();
}

absl::Status CheckMap(const Message& m, const Reflection* r,
                      const FieldDescriptor* map, const Step& parent) {
  const int n = r->FieldSize(m, map);
  const FieldDescriptor* key_field = map->message_type()->map_key();
  const FieldDescriptor* value_field = map->message_type()->map_value();
  for (int i = 0; i < n; ++i) {
    const Message& entry = r->GetRepeatedMessage(m, map, i);
    const Reflection* entry_r = entry.GetReflection();
    std::string key;
    if (key_field->cpp_type() == FieldDescriptor::CPPTYPE_STRING) {
      key = entry_r->GetString(entry, key_field);
    }
    Step at{&parent, {}, map, -1, &key};
    std::string problem = TextProblem(key, TextKind::kLine);
    if (!problem.empty()) return Invalid(at, "key " + problem);
    absl::Status s = CheckValue(entry, entry_r, value_field, -1, at, map);
    if (!s.ok()) return s;
  }
  return absl::OkStatus();
}

absl::Status CheckField(const Message& m, const Reflection* r,
                        const FieldDescriptor* field, const Step& parent) {
  if (field->is_map()) return CheckMap(m, r, field, parent);
  if (!field->is_repeated()) {
    if (!r->HasField(m, field)) return absl::OkStatus();
    return CheckValue(m, r, field, -1, Step{&parent, {}, field}, nullptr);
  }
  const int n = r->FieldSize(m, field);
  for (int i = 0; i < n; ++i) {
    absl::Status s =
        CheckValue(m, r, field, i, Step{&parent, {}, field, i}, nullptr);
    if (!s.ok()) return s;
  }
  return absl::OkStatus();
}

// Looks up each message's descriptor and reflection once: each lookup
// costs a call_once and a thread-local access.
absl::Status Walk(const Message& m, const Step& at) {
  static const Descriptor* const kTimestamp =
      google::protobuf::Timestamp::descriptor();
  const Reflection* r = m.GetReflection();
  absl::Status s = CheckUnknown(m, r, at);
  if (!s.ok()) return s;
  const Descriptor* d = m.GetDescriptor();
  if (d == kTimestamp) return CheckTimestamp(m, d, r, at);
  for (int i = 0; i < d->field_count() && s.ok(); ++i) {
    s = CheckField(m, r, d->field(i), at);
  }
  return s;
}

}  // namespace

std::string TextProblem(absl::string_view text, TextKind kind) {
  size_t i = 0;
  while (i < text.size()) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c < 0x7F) {
      ++i;
      continue;
    }
    if (c == 0) return absl::StrCat("contains a NUL byte at byte ", i);
    if (c < 0x80) {
      if (kind == TextKind::kFreeText && (c == '\t' || c == '\n')) {
        ++i;
        continue;
      }
      return ControlAt(c, i, kind);
    }
    uint32_t code_point = 0;
    const int len = DecodeUtf8(text.substr(i), &code_point);
    if (len == 0) return absl::StrCat("is not valid UTF-8 at byte ", i);
    if (code_point <= 0x9F) return ControlAt(code_point, i, kind);
    i += len;
  }
  return "";
}

absl::Status CheckText(absl::string_view path, absl::string_view text,
                       TextKind kind) {
  std::string problem = TextProblem(text, kind);
  if (problem.empty()) return absl::OkStatus();
  return absl::InvalidArgumentError(absl::StrCat(path, ": ", problem));
}

absl::Status CheckMessage(const Message& message, absl::string_view root) {
  return Walk(message, Step{nullptr, root});
}

absl::Status CheckNoUnknownFields(const Message& message,
                                  absl::string_view root) {
  return CheckUnknown(message, message.GetReflection(), Step{nullptr, root});
}

}  // namespace idres
