// Scores a clustering of records (e.g. idres profiles) against labelled
// ground truth with pairwise precision, recall and F1, and reads the CSV
// files that hold both. Every function here is thread-safe.
#pragma once

#include <cstdint>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace idres {

// Record key -> cluster label. Keys are built with RecordKey; labels are
// opaque strings (a profile id, a true-person id).
using ClusterAssignment = absl::flat_hash_map<std::string, std::string>;

// How well a predicted clustering agrees with the true one. A "pair" is an
// unordered pair of distinct records; only records present on both sides
// are scored.
struct ClusteringScore {
  int64_t records = 0;          // Records present in both truth and prediction.
  int64_t true_pairs = 0;       // Pairs in the same true cluster.
  int64_t predicted_pairs = 0;  // Pairs in the same predicted cluster.
  int64_t true_positive_pairs = 0;  // Pairs in the same cluster in both.
  // TP / predicted_pairs; 1.0 when nothing was predicted linked (no false
  // links were made).
  double precision = 1.0;
  // TP / true_pairs; 1.0 when no two records are truly linked.
  double recall = 1.0;
  // Harmonic mean of precision and recall; 0.0 when both are 0.
  double f1 = 1.0;
  int64_t persons = 0;  // True clusters among the scored records.
  // Share of true clusters whose records all sit in one predicted cluster
  // holding no record of another true cluster, i.e. persons that are
  // served by exactly one profile of their own; 1.0 when persons is 0.
  double single_interlocutor_rate = 1.0;
  int64_t missing_in_prediction = 0;  // In truth only; not scored.
  int64_t missing_in_truth = 0;       // In prediction only; not scored.
};

// Returns the key under which ScoreClustering and ReadAssignmentCsv file a
// record: source, the unit separator '\x1f', source_id.
std::string RecordKey(absl::string_view source, absl::string_view source_id);

// Compares `predicted` with `truth` over the records present in both, in
// time and memory linear in the number of records: pair counts come from
// the sizes of clusters and of their intersections, never from listing
// pairs.
ClusteringScore ScoreClustering(const ClusterAssignment& predicted,
                                const ClusterAssignment& truth);

// Reads a CSV file whose header names the columns `source`, `source_id`
// and `cluster_column` (in any order, among others), e.g. the server's
// export `source,source_id,profile_id` or a truth file
// `source,source_id,cluster`. Fields may be quoted ("a,b", "say ""hi""");
// a quoted field may not span lines. Blank lines, a UTF-8 byte order mark
// and CRLF line ends are accepted. Returns the assignment keyed by
// RecordKey. Errors: NotFound when `path` does not exist; Internal when it
// cannot be read; InvalidArgument, naming the file and line
// ("truth.csv:17: expected 3 fields, got 2"), for a missing column, a row
// of the wrong width, an unterminated quote, an empty key or label, or a
// record listed twice.
absl::StatusOr<ClusterAssignment> ReadAssignmentCsv(
    absl::string_view path, absl::string_view cluster_column);

}  // namespace idres
