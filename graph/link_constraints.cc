#include "graph/link_constraints.h"

#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "store/record_ref.h"

namespace idres {
namespace {

absl::flat_hash_set<std::string> KeysOf(
    const google::protobuf::RepeatedPtrField<v1::RecordRef>& refs) {
  absl::flat_hash_set<std::string> out;
  for (const v1::RecordRef& r : refs) out.insert(RecordKeyOf(r));
  return out;
}

}  // namespace

v1::LinkConstraint MakeConstraint(v1::ConstraintKind kind,
                                  const v1::RecordRef& x,
                                  const v1::RecordRef& y,
                                  absl::string_view actor,
                                  absl::string_view reason,
                                  const google::protobuf::Timestamp& at) {
  v1::LinkConstraint c;
  c.set_kind(kind);
  bool ordered = RecordKeyOf(x) < RecordKeyOf(y);
  *c.mutable_a() = ordered ? x : y;
  *c.mutable_b() = ordered ? y : x;
  c.set_actor(std::string(actor));
  c.set_reason(std::string(reason));
  *c.mutable_created_at() = at;
  return c;
}

const v1::RecordRef& OtherEnd(const v1::LinkConstraint& c,
                              const v1::RecordRef& self) {
  return SameRecord(c.a(), self) ? c.b() : c.a();
}

absl::StatusOr<std::optional<v1::LinkConstraint>> FindConstraint(
    StoreView* view, const v1::RecordRef& a, const v1::RecordRef& b) {
  std::optional<v1::LinkConstraint> out;
  absl::Status s =
      view->ForEachConstraintOf(a, [&](const v1::LinkConstraint& c) {
        if (SameRecord(OtherEnd(c, a), b)) out = c;
        return !out.has_value();
      });
  if (!s.ok()) return s;
  return out;
}

absl::StatusOr<std::vector<v1::LinkConstraint>> ConstraintsBetween(
    StoreView* view, const v1::Profile& a, const v1::Profile& b,
    v1::ConstraintKind kind) {
  const bool a_smaller = a.records_size() <= b.records_size();
  const v1::Profile& scan = a_smaller ? a : b;
  absl::flat_hash_set<std::string> other =
      KeysOf((a_smaller ? b : a).records());
  std::vector<v1::LinkConstraint> out;
  for (const v1::RecordRef& ref : scan.records()) {
    absl::Status s =
        view->ForEachConstraintOf(ref, [&](const v1::LinkConstraint& c) {
          if (c.kind() == kind &&
              other.contains(RecordKeyOf(OtherEnd(c, ref)))) {
            out.push_back(c);
          }
          return true;
        });
    if (!s.ok()) return s;
  }
  return out;
}

absl::StatusOr<bool> ProfilesCannotLink(StoreView* view, const v1::Profile& a,
                                        const v1::Profile& b) {
  absl::StatusOr<std::vector<v1::LinkConstraint>> found =
      ConstraintsBetween(view, a, b, v1::CONSTRAINT_KIND_CANNOT_LINK);
  if (!found.ok()) return found.status();
  return !found->empty();
}

absl::StatusOr<std::vector<v1::LinkConstraint>> ConstraintsWithin(
    StoreView* view, const std::vector<v1::RecordRef>& records) {
  absl::flat_hash_set<std::string> keys;
  for (const v1::RecordRef& r : records) keys.insert(RecordKeyOf(r));
  std::vector<v1::LinkConstraint> out;
  for (const v1::RecordRef& ref : records) {
    absl::Status s =
        view->ForEachConstraintOf(ref, [&](const v1::LinkConstraint& c) {
          // Report each constraint once, from its `a` end.
          if (SameRecord(c.a(), ref) && keys.contains(RecordKeyOf(c.b()))) {
            out.push_back(c);
          }
          return true;
        });
    if (!s.ok()) return s;
  }
  return out;
}

}  // namespace idres
