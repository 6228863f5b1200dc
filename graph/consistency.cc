#include "graph/consistency.h"

#include <algorithm>
#include <optional>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/util/message_differencer.h"
#include "views/derived_views.h"
#include "graph/link_constraints.h"
#include "graph/record_index.h"
#include "store/record_ref.h"

namespace idres {
namespace {

constexpr size_t kMaxListedProblems = 100;

class Checker {
 public:
  explicit Checker(StoreView* view) : view_(view) {}

  absl::StatusOr<ConsistencyReport> Run() {
    absl::Status s = CheckRecords();
    if (s.ok()) s = ReadPossibleMatchRows();
    if (s.ok()) s = CheckProfiles();
    if (s.ok()) s = CheckIndex();
    if (s.ok()) s = CheckRedirects();
    if (s.ok()) s = CheckConstraints();
    if (!s.ok()) return s;
    return report_;
  }

 private:
  void Problem(std::string text) {
    if (report_.problems.size() < kMaxListedProblems) {
      report_.problems.push_back(std::move(text));
    }
    ++report_.problem_count;
  }

  // Records: their profile lists them, their index entries exist.
  absl::Status CheckRecords() {
    absl::Status inner;
    absl::Status s = view_->ForEachRecord({}, [&](const storage::StoredRecord& r) {
      ++report_.records;
      inner = CheckRecord(r);
      return inner.ok();
    });
    return s.ok() ? inner : s;
  }

  absl::Status CheckRecord(const storage::StoredRecord& r) {
    v1::RecordRef ref = RefOf(r);
    absl::StatusOr<std::optional<v1::Profile>> p =
        view_->GetProfile(r.profile_id());
    if (!p.ok()) return p.status();
    bool listed = p->has_value() &&
                  std::any_of((*p)->records().begin(), (*p)->records().end(),
                              [&](const v1::RecordRef& x) {
                                return RecordLabel(x) == RecordLabel(ref);
                              });
    if (!listed) {
      Problem(absl::StrCat("record ", RecordLabel(ref), ": names profile ",
                           r.profile_id(), " which does not list it"));
    }
    for (const std::string& key : r.match_keys()) {
      absl::StatusOr<std::optional<std::string>> owner =
          view_->GetMatchKeyEntry(key, ref);
      if (!owner.ok()) return owner.status();
      if (!owner->has_value() || **owner != r.profile_id()) {
        Problem(absl::StrCat("record ", RecordLabel(ref), ": index key ", key,
                             owner->has_value() ? " names " + **owner
                                                : std::string(" missing")));
      }
    }
    return absl::OkStatus();
  }

  absl::Status CheckProfiles() {
    absl::Status inner;
    absl::Status s = view_->ForEachProfile([&](const v1::Profile& p) {
      ++report_.profiles;
      inner = CheckProfile(p);
      return inner.ok();
    });
    for (const auto& [id, rows] : rows_) {
      Problem(absl::StrCat("review queue: ", rows.size(), " rows of ", id,
                           ", which is no live profile"));
    }
    return s.ok() ? inner : s;
  }

  // Review-queue rows, by the profile holding them (checked against each
  // profile in CheckPossibleMatchRows; rows of no live profile remain).
  absl::Status ReadPossibleMatchRows() {
    return view_->ForEachPossibleMatch(
        "", [&](absl::string_view, const storage::PossibleMatchRow& row) {
          rows_[row.profile_id()].push_back(row.match());
          return true;
        });
  }

  // The profile's review-queue rows are exactly its possible matches.
  void CheckPossibleMatchRows(const v1::Profile& p) {
    auto it = rows_.find(p.profile_id());
    std::vector<v1::PossibleMatch> rows;
    if (it != rows_.end()) rows = std::move(it->second);
    rows_.erase(p.profile_id());
    bool same = static_cast<int>(rows.size()) == p.possible_matches_size();
    for (const v1::PossibleMatch& m : p.possible_matches()) {
      same = same && std::any_of(rows.begin(), rows.end(),
                                 [&](const v1::PossibleMatch& r) {
                                   return google::protobuf::util::
                                       MessageDifferencer::Equals(r, m);
                                 });
    }
    if (!same) {
      Problem(absl::StrCat("profile ", p.profile_id(), ": ", rows.size(),
                           " review-queue rows for ",
                           p.possible_matches_size(), " possible matches"));
    }
  }

  absl::Status CheckProfile(const v1::Profile& p) {
    if (p.records().empty()) {
      Problem(absl::StrCat("profile ", p.profile_id(), ": holds no record"));
    }
    CheckPossibleMatchRows(p);
    absl::StatusOr<std::optional<v1::ProfileContext>> context =
        view_->GetContext(p.profile_id());
    if (!context.ok()) return context.status();
    if (!context->has_value()) {
      Problem(absl::StrCat("profile ", p.profile_id(), ": has no context"));
    }
    absl::flat_hash_set<std::string> seen;
    std::vector<storage::StoredRecord> records;
    for (const v1::RecordRef& ref : p.records()) {
      if (!seen.insert(RecordLabel(ref)).second) {
        Problem(absl::StrCat("profile ", p.profile_id(), ": lists ",
                             RecordLabel(ref), " twice"));
      }
      absl::StatusOr<std::optional<storage::StoredRecord>> r = view_->GetRecord(ref);
      if (!r.ok()) return r.status();
      if (!r->has_value() || (*r)->profile_id() != p.profile_id()) {
        Problem(absl::StrCat("profile ", p.profile_id(), ": lists ",
                             RecordLabel(ref), r->has_value()
                                             ? " which names " +
                                                   (*r)->profile_id()
                                             : std::string(" which is missing")));
      }
      if (r->has_value()) records.push_back(**std::move(r));
    }
    return CheckMatchView(p, records);
  }

  // The match view holds each record's current features, in profile order.
  absl::Status CheckMatchView(const v1::Profile& p,
                              const std::vector<storage::StoredRecord>& records) {
    storage::MatchView view;
    absl::StatusOr<bool> found = view_->ReadMatchViewInto(p.profile_id(), &view);
    if (!found.ok()) return found.status();
    std::vector<const storage::StoredRecord*> pointers;
    for (const storage::StoredRecord& r : records) pointers.push_back(&r);
    if (!*found) {
      Problem(absl::StrCat("profile ", p.profile_id(), ": has no match view"));
    } else if (!google::protobuf::util::MessageDifferencer::Equals(
                   view, MatchViewOf(p.profile_id(), pointers))) {
      Problem(absl::StrCat("profile ", p.profile_id(),
                           ": match view differs from its records"));
    }
    return absl::OkStatus();
  }

  // Index entries: each belongs to an existing record that records the
  // key. Together with CheckRecord this makes the index exactly the
  // recorded keys (an entry naming another profile is reported there).
  absl::Status CheckIndex() {
    absl::Status inner;
    absl::Status s = view_->ForEachMatchKey(
        [&](absl::string_view key, const MatchKeyEntry& e) {
          ++report_.index_entries;
          if (key != lookup_key_) {
            inner = CheckLookup();
            if (!inner.ok()) return false;
            lookup_key_ = std::string(key);
          }
          if (lookup_entries_.size() < kIdentifierLookupEntries) {
            lookup_entries_.push_back(e);
          }
          absl::StatusOr<std::optional<storage::StoredRecord>> r =
              view_->GetRecord(e.record);
          if (!r.ok()) {
            inner = r.status();
            return false;
          }
          if (!r->has_value() || !RecordsKey(**r, key)) {
            Problem(absl::StrCat("index key ", key, ": stale entry for ",
                                 RecordLabel(e.record)));
          }
          return true;
        });
    if (s.ok() && inner.ok()) inner = CheckLookup();
    return s.ok() ? inner : s;
  }

  // An identifier's lookup (FindMatchKey, which the store may answer from
  // a table of its own: store/key_owner_rows.h) returns the entries the
  // index holds, in order: those of lookup_key_, gathered by CheckIndex.
  absl::Status CheckLookup() {
    if (lookup_key_.empty() || !IsIdentifierMatchKey(lookup_key_)) {
      lookup_entries_.clear();
      return absl::OkStatus();
    }
    absl::StatusOr<std::vector<MatchKeyEntry>> found =
        view_->FindMatchKey(lookup_key_, kIdentifierLookupEntries);
    if (!found.ok()) return found.status();
    bool same = found->size() == lookup_entries_.size();
    for (size_t i = 0; same && i < found->size(); ++i) {
      same = SameRecord((*found)[i].record, lookup_entries_[i].record) &&
             (*found)[i].profile_id == lookup_entries_[i].profile_id;
    }
    if (!same) {
      Problem(absl::StrCat("index key ", lookup_key_, ": lookup returns ",
                           found->size(), " entries, the index holds ",
                           lookup_entries_.size(), " (or they differ)"));
    }
    lookup_entries_.clear();
    return absl::OkStatus();
  }

  absl::Status CheckRedirects() {
    absl::Status inner;
    absl::Status s = view_->ForEachRedirect(
        [&](absl::string_view from, absl::string_view to) {
          ++report_.redirects;
          absl::StatusOr<std::optional<v1::Profile>> p = view_->GetProfile(to);
          if (!p.ok()) {
            inner = p.status();
            return false;
          }
          bool listed =
              p->has_value() &&
              std::find((*p)->absorbed_ids().begin(),
                        (*p)->absorbed_ids().end(),
                        from) != (*p)->absorbed_ids().end();
          if (!listed) {
            Problem(absl::StrCat("redirect ", from, " -> ", to,
                                 ": target missing or does not list it"));
          }
          return true;
        });
    return s.ok() ? inner : s;
  }

  // Constraints: both records exist (deleting a record deletes its own).
  absl::Status CheckConstraints() {
    absl::Status inner;
    absl::Status s = view_->ForEachConstraint([&](const v1::LinkConstraint& c) {
      ++report_.constraints;
      for (const v1::RecordRef& ref : {c.a(), c.b()}) {
        absl::StatusOr<std::optional<storage::StoredRecord>> r =
            view_->GetRecord(ref);
        if (!r.ok()) {
          inner = r.status();
          return false;
        }
        if (!r->has_value()) {
          Problem(absl::StrCat("constraint ", RecordLabel(c.a()), " ~ ",
                               RecordLabel(c.b()), ": record ", RecordLabel(ref),
                               " is missing"));
        }
      }
      return true;
    });
    return s.ok() ? inner : s;
  }

  StoreView* view_;
  ConsistencyReport report_;
  absl::flat_hash_map<std::string, std::vector<v1::PossibleMatch>> rows_;
  std::string lookup_key_;  // The key CheckIndex is reading.
  std::vector<MatchKeyEntry> lookup_entries_;  // Its first entries.
};

}  // namespace

absl::StatusOr<ConsistencyReport> CheckConsistency(StoreView* view) {
  Checker checker(view);
  return checker.Run();
}

}  // namespace idres
