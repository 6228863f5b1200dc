#include "training/evaluation.h"

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/string_view.h"

namespace idres {
namespace {

int64_t Pairs(int64_t n) { return n * (n - 1) / 2; }

// Maps labels to dense ids so that contingency counts key on two ints.
class LabelIds {
 public:
  int64_t Get(const std::string& label) {
    auto [it, inserted] =
        ids_.try_emplace(label, static_cast<int64_t>(ids_.size()));
    return it->second;
  }
  int64_t size() const { return static_cast<int64_t>(ids_.size()); }

 private:
  absl::flat_hash_map<std::string, int64_t> ids_;
};

double Ratio(int64_t numerator, int64_t denominator) {
  if (denominator == 0) return 1.0;
  return static_cast<double>(numerator) / static_cast<double>(denominator);
}

// Fills the pair counts and the single-interlocutor rate from the cluster
// sizes and their intersections (the contingency table).
void ScoreCounts(const std::vector<int64_t>& predicted_sizes,
                 const std::vector<int64_t>& true_sizes,
                 const absl::flat_hash_map<std::pair<int64_t, int64_t>,
                                           int64_t>& intersections,
                 ClusteringScore& score) {
  for (int64_t n : predicted_sizes) score.predicted_pairs += Pairs(n);
  for (int64_t n : true_sizes) score.true_pairs += Pairs(n);
  // A true cluster is served alone by one predicted cluster exactly when
  // some intersection covers both of them whole.
  int64_t alone = 0;
  for (const auto& [ids, n] : intersections) {
    score.true_positive_pairs += Pairs(n);
    if (n == predicted_sizes[ids.first] && n == true_sizes[ids.second]) {
      ++alone;
    }
  }
  score.persons = static_cast<int64_t>(true_sizes.size());
  score.precision = Ratio(score.true_positive_pairs, score.predicted_pairs);
  score.recall = Ratio(score.true_positive_pairs, score.true_pairs);
  double sum = score.precision + score.recall;
  score.f1 = sum == 0.0 ? 0.0 : 2.0 * score.precision * score.recall / sum;
  score.single_interlocutor_rate = Ratio(alone, score.persons);
}

// Splits one CSV line into `fields`; returns false on an unterminated quote.
bool SplitCsvLine(absl::string_view line, std::vector<std::string>& fields) {
  fields.clear();
  std::string field;
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (quoted) {
      if (c != '"') {
        field.push_back(c);
      } else if (i + 1 < line.size() && line[i + 1] == '"') {
        field.push_back('"');
        ++i;
      } else {
        quoted = false;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      fields.push_back(std::move(field));
      field.clear();
    } else {
      field.push_back(c);
    }
  }
  fields.push_back(std::move(field));
  return !quoted;
}

// Positions of the three columns ReadAssignmentCsv needs.
struct Columns {
  size_t width = 0;
  size_t source = 0;
  size_t source_id = 0;
  size_t cluster = 0;
};

absl::StatusOr<Columns> FindColumns(const std::vector<std::string>& header,
                                    absl::string_view cluster_column,
                                    absl::string_view where) {
  Columns columns;
  columns.width = header.size();
  std::vector<std::string> missing;
  auto find = [&](absl::string_view name, size_t& index) {
    for (size_t i = 0; i < header.size(); ++i) {
      if (header[i] == name) {
        index = i;
        return;
      }
    }
    missing.emplace_back(name);
  };
  find("source", columns.source);
  find("source_id", columns.source_id);
  find(cluster_column, columns.cluster);
  if (!missing.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(
        where, ": header lacks column ", absl::StrJoin(missing, ", ")));
  }
  return columns;
}

absl::Status AddRow(const std::vector<std::string>& fields,
                    const Columns& columns, absl::string_view where,
                    ClusterAssignment& assignment) {
  if (fields.size() != columns.width) {
    return absl::InvalidArgumentError(absl::StrCat(
        where, ": expected ", columns.width, " fields, got ", fields.size()));
  }
  const std::string& source = fields[columns.source];
  const std::string& source_id = fields[columns.source_id];
  const std::string& cluster = fields[columns.cluster];
  if (source.empty() || source_id.empty() || cluster.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat(where, ": empty source, source_id or cluster label"));
  }
  if (!assignment.try_emplace(RecordKey(source, source_id), cluster).second) {
    return absl::InvalidArgumentError(absl::StrCat(
        where, ": record ", source, "/", source_id, " listed twice"));
  }
  return absl::OkStatus();
}

}  // namespace

std::string RecordKey(absl::string_view source, absl::string_view source_id) {
  return absl::StrCat(source, "\x1f", source_id);
}

ClusteringScore ScoreClustering(const ClusterAssignment& predicted,
                                const ClusterAssignment& truth) {
  ClusteringScore score;
  LabelIds predicted_ids;
  LabelIds true_ids;
  std::vector<int64_t> predicted_sizes;
  std::vector<int64_t> true_sizes;
  absl::flat_hash_map<std::pair<int64_t, int64_t>, int64_t> intersections;
  for (const auto& [key, true_label] : truth) {
    auto it = predicted.find(key);
    if (it == predicted.end()) {
      ++score.missing_in_prediction;
      continue;
    }
    ++score.records;
    int64_t p = predicted_ids.Get(it->second);
    int64_t t = true_ids.Get(true_label);
    predicted_sizes.resize(predicted_ids.size());
    true_sizes.resize(true_ids.size());
    ++predicted_sizes[p];
    ++true_sizes[t];
    ++intersections[{p, t}];
  }
  score.missing_in_truth =
      static_cast<int64_t>(predicted.size()) - score.records;
  ScoreCounts(predicted_sizes, true_sizes, intersections, score);
  return score;
}

absl::StatusOr<ClusterAssignment> ReadAssignmentCsv(
    absl::string_view path, absl::string_view cluster_column) {
  const std::string file(path);
  std::error_code error;
  if (!std::filesystem::exists(file, error)) {
    return absl::NotFoundError(absl::StrCat(path, ": no such file"));
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) return absl::InternalError(absl::StrCat(path, ": cannot open"));

  ClusterAssignment assignment;
  std::optional<Columns> columns;
  std::vector<std::string> fields;
  std::string line;
  for (int64_t line_no = 1; std::getline(in, line); ++line_no) {
    if (line_no == 1 &&
        absl::string_view(line).substr(0, 3) == "\xEF\xBB\xBF") {
      line.erase(0, 3);
    }
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    const std::string where = absl::StrCat(path, ":", line_no);
    if (!SplitCsvLine(line, fields)) {
      return absl::InvalidArgumentError(
          absl::StrCat(where, ": unterminated quoted field"));
    }
    if (!columns.has_value()) {
      absl::StatusOr<Columns> found =
          FindColumns(fields, cluster_column, where);
      if (!found.ok()) return found.status();
      columns = *found;
      continue;
    }
    absl::Status s = AddRow(fields, *columns, where, assignment);
    if (!s.ok()) return s;
  }
  if (in.bad()) return absl::InternalError(absl::StrCat(path, ": read error"));
  if (!columns.has_value()) {
    return absl::InvalidArgumentError(absl::StrCat(path, ": no header line"));
  }
  return assignment;
}

}  // namespace idres
