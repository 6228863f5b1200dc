// Internal to store/: the StoreView reads over a ReadContext, shared by the
// store, its snapshots and its transactions so that all three read through
// one code path.
#pragma once

#include <algorithm>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "store/keys.h"
#include "store/profile_store.h"
#include "store/rocksdb_tables.h"

namespace idres {

// Implements the StoreView reads over a ReadContext for any of the three
// public interfaces, so that the store, its snapshots and its transactions
// share one reading code path.
template <typename Base>
class RocksDbReader : public Base {
 public:
  absl::StatusOr<std::optional<storage::StoredRecord>> GetRecord(
      const v1::RecordRef& ref) override {
    return GetMessage<storage::StoredRecord>(kRecords, EncodeRecordKey(ref));
  }

  absl::StatusOr<std::optional<v1::Profile>> GetProfile(
      absl::string_view profile_id) override {
    return GetMessage<v1::Profile>(kProfiles, profile_id);
  }

  absl::StatusOr<std::optional<std::string>> GetRedirect(
      absl::string_view profile_id) override {
    return GetRaw(kRedirects, profile_id);
  }

  absl::StatusOr<std::vector<MatchKeyEntry>> FindMatchKey(
      absl::string_view match_key, size_t limit) override {
    std::vector<MatchKeyEntry> out;
    if (limit == 0) return out;
    if (ctx_.key_owner_rows && IsIdentifierMatchKey(match_key)) {
      // One point read answers an identifier (store/key_owner_rows.h),
      // unless it asks for more entries than a truncated row holds.
      storage::KeyOwners row;
      absl::StatusOr<bool> found = ReadInto(kKeyOwners, match_key, &row);
      if (!found.ok()) return found.status();
      if (!*found) return out;
      if (!row.truncated() || limit <= static_cast<size_t>(row.owners_size())) {
        const size_t n = std::min(limit, static_cast<size_t>(row.owners_size()));
        out.reserve(n);
        for (size_t i = 0; i < n; ++i) {
          storage::KeyOwner& o = *row.mutable_owners(static_cast<int>(i));
          out.push_back({std::move(*o.mutable_record()),
                         std::move(*o.mutable_profile_id())});
        }
        return out;
      }
    }
    absl::Status decode_error;
    absl::Status s = Scan(
        kMatchKeys, EncodeMatchKeyPrefix(match_key),
        [&](absl::string_view key, absl::string_view value) {
          std::optional<DecodedMatchKeyEntry> d = DecodeMatchKeyEntry(key);
          if (!d.has_value()) {
            decode_error = UndecodableMatchKey(key);
            return false;
          }
          out.push_back({std::move(d->ref), std::string(value)});
          return out.size() < limit;
        });
    if (!s.ok()) return s;
    if (!decode_error.ok()) return decode_error;
    return out;
  }

  absl::StatusOr<std::vector<MatchKeyProfiles>> FindMatchKeyProfiles(
      const std::vector<std::string>& match_keys,
      const std::vector<size_t>& limits,
      const v1::RecordRef& exclude) override {
    std::vector<MatchKeyProfiles> out(match_keys.size());
    if (match_keys.empty()) return out;
    const std::string exclude_key = EncodeRecordKey(exclude);
    // Every prefix ends with the separator, so the prefix blooms apply to
    // each Seek of the one iterator.
    rocksdb::ReadOptions options = ctx_.options;
    options.prefix_same_as_start = true;
    std::unique_ptr<rocksdb::Iterator> it = NewIterator(kMatchKeys, options);
    for (size_t i = 0; i < match_keys.size(); ++i) {
      std::string prefix = EncodeMatchKeyPrefix(match_keys[i]);
      MatchKeyProfiles& m = out[i];
      for (it->Seek(ToSlice(prefix));
           it->Valid() && m.entries < limits[i]; it->Next()) {
        absl::string_view key = ToView(it->key());
        if (!absl::StartsWith(key, prefix)) break;
        ++m.entries;
        if (key.substr(prefix.size()) == exclude_key) continue;
        absl::string_view profile = ToView(it->value());
        if (std::find(m.profile_ids.begin(), m.profile_ids.end(), profile) ==
            m.profile_ids.end()) {
          m.profile_ids.emplace_back(profile);
        }
      }
      if (!it->status().ok()) return ToStatus(it->status(), "match_keys");
    }
    return out;
  }

  absl::StatusOr<std::optional<std::string>> GetMatchKeyEntry(
      absl::string_view match_key, const v1::RecordRef& ref) override {
    return GetRaw(kMatchKeys, EncodeMatchKeyEntry(match_key, ref));
  }

  absl::Status ForEachRecord(
      const v1::RecordRef& start,
      const std::function<bool(const storage::StoredRecord&)>& fn) override {
    return ForEachMessage<storage::StoredRecord>(kRecords, "",
                                            EncodeRecordKey(start), fn);
  }

  absl::Status ForEachProfile(
      const std::function<bool(const v1::Profile&)>& fn) override {
    return ForEachMessage<v1::Profile>(kProfiles, "", "", fn);
  }

  absl::Status ForEachRedirect(
      const std::function<bool(absl::string_view, absl::string_view)>& fn)
      override {
    return Scan(kRedirects, "", fn);
  }

  absl::StatusOr<std::vector<std::pair<std::string, MatchKeyEntry>>>
  FindMatchKeyPrefix(absl::string_view prefix, size_t limit) override {
    std::vector<std::pair<std::string, MatchKeyEntry>> out;
    if (limit == 0) return out;
    absl::Status s = ForEachMatchKeyFrom(
        prefix, [&](absl::string_view key, const MatchKeyEntry& e) {
          out.emplace_back(std::string(key), e);
          return out.size() < limit;
        });
    if (!s.ok()) return s;
    return out;
  }

  absl::StatusOr<uint64_t> GetCounter(absl::string_view name) override {
    absl::StatusOr<std::optional<std::string>> raw =
        GetRaw(kMeta, absl::StrCat(kCounterPrefix, name));
    if (!raw.ok()) return raw.status();
    uint64_t value = 0;
    if (raw->has_value() && !absl::SimpleAtoi(**raw, &value)) {
      return absl::DataLossError(absl::StrCat("counter ", name, ": ", **raw));
    }
    return value;
  }

  absl::StatusOr<int> GetSchemaVersion() override {
    absl::StatusOr<std::optional<std::string>> raw =
        GetRaw(kMeta, kSchemaVersionKey);
    if (!raw.ok()) return raw.status();
    if (!raw->has_value()) {
      return absl::DataLossError("schema_version: missing");
    }
    int version = 0;
    if (!absl::SimpleAtoi(**raw, &version)) {
      return absl::DataLossError(
          absl::StrCat("schema_version: not a number: ", absl::CEscape(**raw)));
    }
    return version;
  }

  absl::StatusOr<std::optional<v1::ProfileContext>> GetContext(
      absl::string_view profile_id) override {
    return GetMessage<v1::ProfileContext>(kContexts, profile_id);
  }

  absl::StatusOr<bool> ReadContextInto(
      absl::string_view profile_id,
      google::protobuf::MessageLite* out) override {
    return ReadInto(kContexts, profile_id, out);
  }

  absl::StatusOr<bool> ReadMatchViewInto(absl::string_view profile_id,
                                         storage::MatchView* out) override {
    return ReadInto(kMatchViews, profile_id, out);
  }

  absl::Status ForEachInteraction(
      absl::string_view profile_id,
      const std::function<bool(const v1::Interaction&)>& fn) override {
    return ForEachMessage<v1::Interaction>(
        kInteractions, EncodeInteractionPrefix(profile_id), "", fn);
  }

  absl::StatusOr<std::vector<v1::ChangeEvent>> ReadEvents(
      uint64_t from, size_t limit) override {
    std::vector<v1::ChangeEvent> out;
    if (limit == 0) return out;
    absl::Status s = ForEachMessage<v1::ChangeEvent>(
        kEvents, "", EncodeEventKey(from), [&](const v1::ChangeEvent& e) {
          out.push_back(e);
          return out.size() < limit;
        });
    if (!s.ok()) return s;
    return out;
  }

  absl::StatusOr<std::vector<std::string>> FindSearchTerm(
      absl::string_view term, size_t limit) override {
    std::vector<std::string> out;
    if (limit == 0) return out;
    std::string prefix = EncodeSearchTermKey(term, "");
    absl::Status s =
        Scan(kSearch, prefix, [&](absl::string_view k, absl::string_view) {
          out.emplace_back(k.substr(prefix.size()));
          return out.size() < limit;
        });
    if (!s.ok()) return s;
    return out;
  }

  absl::Status ForEachMatchKey(
      const std::function<bool(absl::string_view, const MatchKeyEntry&)>& fn)
      override {
    return ForEachMatchKeyFrom("", fn);
  }

  absl::Status ForEachConstraintOf(
      const v1::RecordRef& record,
      const std::function<bool(const v1::LinkConstraint&)>& fn) override {
    return ForEachMessage<v1::LinkConstraint>(
        kConstraints, EncodeConstraintPrefix(record), "", fn);
  }

  absl::Status ForEachConstraint(
      const std::function<bool(const v1::LinkConstraint&)>& fn) override {
    // Each constraint is stored under both records; report it under `a`.
    absl::Status decode_error;
    absl::Status s = Scan(
        kConstraints, "", [&](absl::string_view key, absl::string_view value) {
          v1::LinkConstraint c;
          if (!c.ParseFromArray(value.data(), static_cast<int>(value.size()))) {
            decode_error = absl::DataLossError("constraints: undecodable value");
            return false;
          }
          if (!absl::StartsWith(key, EncodeConstraintPrefix(c.a()))) return true;
          return fn(c);
        });
    return s.ok() ? decode_error : s;
  }

  absl::Status ForEachAuditOf(
      absl::string_view profile_id,
      const std::function<bool(const v1::AuditEntry&)>& fn) override {
    return ForEachMessage<v1::AuditEntry>(
        kAudit, EncodeAuditPrefix(profile_id), "", fn);
  }

  absl::Status ForEachPossibleMatch(
      absl::string_view after,
      const std::function<bool(absl::string_view,
                               const storage::PossibleMatchRow&)>& fn)
      override {
    // The smallest key after `after` is `after` followed by a NUL.
    std::string start(after);
    if (!start.empty()) start.push_back('\0');
    absl::Status decode_error;
    absl::Status s = Scan(
        kPossibleMatches, kPossibleMatchRankPrefix,
        [&](absl::string_view key, absl::string_view value) {
          storage::PossibleMatchRow row;
          if (!row.ParseFromArray(value.data(),
                                  static_cast<int>(value.size()))) {
            decode_error =
                absl::DataLossError("possible_matches: undecodable row");
            return false;
          }
          return fn(key, row);
        },
        start);
    return s.ok() ? decode_error : s;
  }

 protected:
  ReadContext ctx_;

  static absl::Status UndecodableMatchKey(absl::string_view key) {
    return absl::DataLossError(
        absl::StrCat("match_keys ", absl::CEscape(key), ": undecodable key"));
  }

  // Calls fn on the index entries whose match key starts with `prefix`.
  absl::Status ForEachMatchKeyFrom(
      absl::string_view prefix,
      const std::function<bool(absl::string_view, const MatchKeyEntry&)>& fn) {
    absl::Status decode_error;
    absl::Status s =
        Scan(kMatchKeys, prefix, [&](absl::string_view k, absl::string_view v) {
          std::optional<DecodedMatchKeyEntry> d = DecodeMatchKeyEntry(k);
          if (!d.has_value()) {
            decode_error = UndecodableMatchKey(k);
            return false;
          }
          return fn(d->match_key, MatchKeyEntry{d->ref, std::string(v)});
        });
    return s.ok() ? decode_error : s;
  }

  // Point read of `key` as this view sees it: through the transaction's
  // own writes, if any. The value stays pinned in the block cache.
  rocksdb::Status Get(Table table, absl::string_view key,
                      rocksdb::PinnableSlice* value) {
    rocksdb::ColumnFamilyHandle* cf = ctx_.cfs[table];
    return ctx_.batch == nullptr
               ? ctx_.db->Get(ctx_.options, cf, ToSlice(key), value)
               : ctx_.batch->GetFromBatchAndDB(ctx_.db, ctx_.options, cf,
                                               ToSlice(key), value);
  }

  absl::StatusOr<std::optional<std::string>> GetRaw(Table table,
                                                    absl::string_view key) {
    rocksdb::PinnableSlice value;
    rocksdb::Status s = Get(table, key, &value);
    if (s.IsNotFound()) return std::nullopt;
    if (!s.ok()) return ToStatus(s, kTableNames[table]);
    return value.ToString();
  }

  // Parses the value of `key` into `out`, straight from the block cache
  // (no copy of the stored bytes); false when there is none.
  absl::StatusOr<bool> ReadInto(Table table, absl::string_view key,
                                google::protobuf::MessageLite* out) {
    rocksdb::PinnableSlice value;
    rocksdb::Status s = Get(table, key, &value);
    if (s.IsNotFound()) return false;
    if (!s.ok()) return ToStatus(s, kTableNames[table]);
    if (!out->ParseFromArray(value.data(), static_cast<int>(value.size()))) {
      return absl::DataLossError(
          absl::StrCat(kTableNames[table], " ", key, ": undecodable value"));
    }
    return true;
  }

  template <typename M>
  absl::StatusOr<std::optional<M>> GetMessage(Table table,
                                              absl::string_view key) {
    M message;
    absl::StatusOr<bool> found = ReadInto(table, key, &message);
    if (!found.ok()) return found.status();
    if (!*found) return std::nullopt;
    return message;
  }

  // Calls fn(key, value) on the keys starting with `prefix`, in order,
  // beginning at `start` (which must not sort before `prefix`).
  absl::Status Scan(
      Table table, absl::string_view prefix,
      const std::function<bool(absl::string_view, absl::string_view)>& fn,
      absl::string_view start = "") {
    // A scan within one "PREFIX\0" may use the prefix bloom filters; any
    // other scan must see every key in order.
    rocksdb::ReadOptions options = ctx_.options;
    if (UsesPrefixScans(table) && !prefix.empty() && prefix.back() == '\0') {
      options.prefix_same_as_start = true;
    } else {
      options.total_order_seek = true;
    }
    std::unique_ptr<rocksdb::Iterator> it = NewIterator(table, options);
    std::string first = std::max(std::string(prefix), std::string(start));
    for (it->Seek(ToSlice(first)); it->Valid(); it->Next()) {
      absl::string_view key = ToView(it->key());
      if (!absl::StartsWith(key, prefix)) break;
      if (!fn(key, ToView(it->value()))) break;
    }
    return ToStatus(it->status(), kTableNames[table]);
  }

  // An iterator over `table` as this view sees it: through the
  // transaction's own writes, if any. `options` must outlive it.
  std::unique_ptr<rocksdb::Iterator> NewIterator(
      Table table, const rocksdb::ReadOptions& options) {
    std::unique_ptr<rocksdb::Iterator> it(
        ctx_.db->NewIterator(options, ctx_.cfs[table]));
    if (ctx_.batch != nullptr) {
      it.reset(ctx_.batch->NewIteratorWithBase(ctx_.cfs[table], it.release(),
                                               &options));
    }
    return it;
  }

  template <typename M>
  absl::Status ForEachMessage(Table table, absl::string_view prefix,
                              absl::string_view start,
                              const std::function<bool(const M&)>& fn) {
    absl::Status decode_error;
    absl::Status s = Scan(
        table, prefix,
        [&](absl::string_view key, absl::string_view value) {
          M message;
          if (!message.ParseFromArray(value.data(),
                                      static_cast<int>(value.size()))) {
            decode_error = absl::DataLossError(absl::StrCat(
                kTableNames[table], " ", key, ": undecodable value"));
            return false;
          }
          return fn(message);
        },
        start);
    return s.ok() ? decode_error : s;
  }
};

}  // namespace idres
