// Reading and making the must-link and cannot-link constraints that manual
// merges and splits leave between records (idres.v1.LinkConstraint), for
// automatic resolution to respect. Functions are as thread-safe as the view
// passed in.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/timestamp.pb.h"
#include "idres/v1/governance.pb.h"
#include "idres/v1/profile.pb.h"
#include "store/profile_store.h"
#include "store/record_ref.h"

namespace idres {


// Returns a constraint of `kind` between `x` and `y`, with a and b ordered
// by record key.
v1::LinkConstraint MakeConstraint(v1::ConstraintKind kind,
                                  const v1::RecordRef& x,
                                  const v1::RecordRef& y,
                                  absl::string_view actor,
                                  absl::string_view reason,
                                  const google::protobuf::Timestamp& at);

// Returns the record at the other end of `c` from `self`.
const v1::RecordRef& OtherEnd(const v1::LinkConstraint& c,
                              const v1::RecordRef& self);

// Returns the constraint between `a` and `b`, or nullopt.
absl::StatusOr<std::optional<v1::LinkConstraint>> FindConstraint(
    StoreView* view, const v1::RecordRef& a, const v1::RecordRef& b);

// Returns the constraints of `kind` with one end among the records of
// `a` and the other among those of `b`.
absl::StatusOr<std::vector<v1::LinkConstraint>> ConstraintsBetween(
    StoreView* view, const v1::Profile& a, const v1::Profile& b,
    v1::ConstraintKind kind);

// Returns true when some record of `a` and some record of `b` must not
// link: the two profiles must never merge. Reads one index range per
// record of the smaller profile.
absl::StatusOr<bool> ProfilesCannotLink(StoreView* view, const v1::Profile& a,
                                        const v1::Profile& b);

// Returns the constraints whose both ends are among `records`.
absl::StatusOr<std::vector<v1::LinkConstraint>> ConstraintsWithin(
    StoreView* view, const std::vector<v1::RecordRef>& records);

}  // namespace idres
