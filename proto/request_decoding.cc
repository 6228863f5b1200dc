#include "proto/request_decoding.h"

#include "absl/container/flat_hash_map.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/unknown_field_set.h"

namespace idres {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::UnknownField;
using google::protobuf::UnknownFieldSet;

// The parser's own nesting limit.
constexpr int kMaxDepth = 100;

std::string Join(absl::string_view path, absl::string_view name) {
  return path.empty() ? std::string(name) : absl::StrCat(path, ".", name);
}

// Returns "" when `text` is well-formed UTF-8, else where it is not.
std::string Utf8Problem(absl::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    uint32_t code_point = 0;
    if (static_cast<unsigned char>(text[i]) < 0x80) {
      ++i;
      continue;
    }
    const int len = DecodeUtf8(text.substr(i), &code_point);
    if (len == 0) return absl::StrCat("is not valid UTF-8 at byte ", i);
    i += len;
  }
  return "";
}

std::string FindProblem(const Descriptor& type, absl::string_view bytes,
                        const std::string& path, int depth);

// The problem in one length-delimited occurrence of `field`, or "".
std::string FieldProblem(const FieldDescriptor& field, absl::string_view bytes,
                         const std::string& name, int depth) {
  if (field.type() == FieldDescriptor::TYPE_STRING) {
    std::string problem = Utf8Problem(bytes);
    return problem.empty() ? "" : absl::StrCat(name, ": ", problem);
  }
  if (field.type() == FieldDescriptor::TYPE_MESSAGE) {
    return FindProblem(*field.message_type(), bytes, name, depth + 1);
  }
  return "";
}

// A map entry: its key names the value; a key itself may be at fault.
std::string EntryProblem(const FieldDescriptor& map, absl::string_view bytes,
                         const std::string& name, int depth) {
  UnknownFieldSet entry;
  if (!entry.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
    return absl::StrCat(name, ": malformed protobuf wire data");
  }
  std::string key;
  for (int i = 0; i < entry.field_count(); ++i) {
    const UnknownField& u = entry.field(i);
    if (u.number() == 1 && u.type() == UnknownField::TYPE_LENGTH_DELIMITED) {
      key = u.length_delimited();
    }
  }
  std::string key_problem =
      map.message_type()->map_key()->type() == FieldDescriptor::TYPE_STRING
          ? Utf8Problem(key)
          : "";
  if (!key_problem.empty()) return absl::StrCat(name, ": key ", key_problem);
  std::string value_name =
      absl::StrCat(name, "[", absl::CHexEscape(key.substr(0, 64)), "]");
  for (int i = 0; i < entry.field_count(); ++i) {
    const UnknownField& u = entry.field(i);
    if (u.number() != 2 || u.type() != UnknownField::TYPE_LENGTH_DELIMITED) {
      continue;
    }
    std::string p = FieldProblem(*map.message_type()->map_value(),
                                 u.length_delimited(), value_name, depth + 1);
    if (!p.empty()) return p;
  }
  return "";
}

std::string FindProblem(const Descriptor& type, absl::string_view bytes,
                        const std::string& path, int depth) {
  const std::string here = path.empty() ? "request" : path;
  if (depth > kMaxDepth) {
    return absl::StrCat(here, ": nested more than ", kMaxDepth, " deep");
  }
  UnknownFieldSet fields;
  if (!fields.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
    return absl::StrCat(here, ": malformed protobuf wire data");
  }
  absl::flat_hash_map<int, int> seen;  // Occurrences so far, per number.
  for (int i = 0; i < fields.field_count(); ++i) {
    const UnknownField& u = fields.field(i);
    const FieldDescriptor* field = type.FindFieldByNumber(u.number());
    const int index = seen[u.number()]++;
    if (field == nullptr || u.type() != UnknownField::TYPE_LENGTH_DELIMITED) {
      continue;
    }
    std::string name = Join(path, field->name());
    std::string problem;
    if (field->is_map()) {
      problem = EntryProblem(*field, u.length_delimited(), name, depth);
    } else {
      if (field->is_repeated()) absl::StrAppend(&name, "[", index, "]");
      problem = FieldProblem(*field, u.length_delimited(), name, depth);
    }
    if (!problem.empty()) return problem;
  }
  return "";
}

}  // namespace

int DecodeUtf8(absl::string_view s, uint32_t* code_point) {
  if (s.empty()) return 0;
  const auto byte = [&](size_t i) { return static_cast<unsigned char>(s[i]); };
  const unsigned char c = byte(0);
  if (c < 0x80) {
    *code_point = c;
    return 1;
  }
  int len = 0;
  unsigned char lo = 0x80, hi = 0xBF;  // Bounds of the second byte.
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    if (c == 0xE0) lo = 0xA0;  // Overlong below U+0800.
    if (c == 0xED) hi = 0x9F;  // Surrogates.
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    if (c == 0xF0) lo = 0x90;  // Overlong below U+10000.
    if (c == 0xF4) hi = 0x8F;  // Past U+10FFFF.
  } else {
    return 0;
  }
  if (s.size() < static_cast<size_t>(len)) return 0;
  if (byte(1) < lo || byte(1) > hi) return 0;
  uint32_t cp = c & (0xFF >> (len + 1));
  for (int i = 1; i < len; ++i) {
    if ((byte(i) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (byte(i) & 0x3F);
  }
  *code_point = cp;
  return len;
}

std::string DiagnoseUndecodable(const Descriptor& type,
                                absl::string_view bytes) {
  std::string problem = FindProblem(type, bytes, "", 0);
  if (!problem.empty()) return problem;
  return absl::StrCat("request: undecodable as ", type.full_name(),
                      " (malformed protobuf wire data)");
}

void MarkUndecodable(google::protobuf::Message* message,
                     absl::string_view diagnosis) {
  message->Clear();
  message->GetReflection()
      ->MutableUnknownFields(message)
      ->AddLengthDelimited(kUndecodableField, std::string(diagnosis));
}

std::optional<std::string> UndecodableDiagnosis(
    const google::protobuf::Message& message) {
  const UnknownFieldSet& unknown =
      message.GetReflection()->GetUnknownFields(message);
  if (unknown.field_count() != 1) return std::nullopt;
  const UnknownField& f = unknown.field(0);
  if (f.number() != kUndecodableField ||
      f.type() != UnknownField::TYPE_LENGTH_DELIMITED) {
    return std::nullopt;
  }
  return f.length_delimited();
}

void RefuseForgedDiagnosis(google::protobuf::Message* message) {
  const UnknownFieldSet& unknown =
      message->GetReflection()->GetUnknownFields(*message);
  for (int i = 0; i < unknown.field_count(); ++i) {
    if (unknown.field(i).number() == kUndecodableField) {
      MarkUndecodable(
          message, absl::StrCat("request: unknown field number ",
                                kUndecodableField, " in ",
                                message->GetDescriptor()->full_name(),
                                "; this server does not know it"));
      return;
    }
  }
}

}  // namespace idres
