// The dashboard asks Prometheus only for what the server exports. Every query of a panel or a
// template variable is scanned for the metric names and labels it uses; the names must be
// families the server describes at start-up (as /metrics renders them, a histogram as its
// _bucket, _sum and _count series), and the labels ones the code puts on them, or that the
// scrape adds. A renamed metric or label fails this test until the dashboard follows.

#include <catch2/catch.hpp>
#include <cctype>
#include <map>
#include <optional>
#include <regex>
#include <set>
#include <sstream>

#include "chart/chart_render.h"
#include "chart/dashboard.h"
#include "sgw/kube/kube_metrics.h"
#include "sgw/observability/audit_metrics.h"
#include "sgw/observability/metrics.h"
#include "sgw/observability/review_metrics.h"

namespace sgw::test::chart {
namespace {

using nlohmann::json;
using LabelSet = std::set<std::string>;

// What one PromQL expression names.
struct QueryScan {
  std::set<std::string> metrics;
  std::map<std::string, LabelSet> matcherLabels; // metric -> labels matched in its {...}
  LabelSet groupingLabels;                       // in by, without, on, ignoring, group_*(...)
  LabelSet madeLabels;                           // made by label_replace or label_join
  std::vector<std::string> errors;
};

// Words of a space-separated list.
std::set<std::string, std::less<>> words(std::string_view text) {
  std::set<std::string, std::less<>> out;
  std::istringstream in{std::string(text)};
  for (std::string word; in >> word;) {
    out.insert(word);
  }
  return out;
}

const auto kAggregations =
    words("sum min max avg group stddev stdvar count count_values bottomk topk quantile limitk "
          "limit_ratio");

// PromQL's functions (Prometheus 2 and 3).
const auto kFunctions =
    words("abs absent absent_over_time acos asin atan avg_over_time ceil changes clamp clamp_max "
          "clamp_min cos count_over_time day_of_month day_of_week day_of_year days_in_month delta "
          "deg deriv exp floor histogram_avg histogram_count histogram_fraction histogram_quantile "
          "histogram_stddev histogram_stdvar histogram_sum holt_winters hour idelta increase irate "
          "label_join label_replace last_over_time ln log10 log2 mad_over_time max_over_time "
          "min_over_time minute month predict_linear present_over_time quantile_over_time rad rate "
          "resets round scalar sgn sin sort sort_desc sqrt stddev_over_time stdvar_over_time "
          "sum_over_time tan time timestamp vector year");

// Keywords followed by a parenthesised list of label names.
const std::set<std::string, std::less<>> kGroupingKeywords{"by",       "without",    "on",
                                                           "ignoring", "group_left", "group_right"};
const std::set<std::string, std::less<>> kOtherKeywords{"and",    "or",  "unless", "bool",
                                                        "offset", "inf", "nan"};

bool isIdentifierStart(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) != 0 || c == '_' || c == ':';
}

bool isIdentifierChar(char c) {
  return isIdentifierStart(c) || std::isdigit(static_cast<unsigned char>(c)) != 0;
}

// A small PromQL scanner: enough to tell metric names from functions, keywords, label names,
// strings, durations and Grafana's $variables, in the expressions a dashboard holds.
class PromqlScanner {
public:
  explicit PromqlScanner(std::string_view expr) : expr_(expr) {}

  QueryScan scan() {
    while (skipSpace()) {
      const char c = expr_[at_];
      if (isIdentifierStart(c)) {
        identifier();
      } else if (c == '"' || c == '\'' || c == '`') {
        const auto text = string();
        if (!frames_.empty() && frames_.back().argument == 1 &&
            (frames_.back().function == "label_replace" ||
             frames_.back().function == "label_join")) {
          out_.madeLabels.insert(text);
        }
      } else if (c == '$') {
        variable();
      } else if (std::isdigit(static_cast<unsigned char>(c)) != 0 || c == '.') {
        while (at_ < expr_.size() && (isIdentifierChar(expr_[at_]) || expr_[at_] == '.')) {
          ++at_; // a number or a duration (0.99, 86400, 5m)
        }
      } else if (c == '[') {
        skipPast(']'); // a range or subquery: durations and variables only
      } else if (c == '{') {
        out_.errors.push_back("a selector without a metric name at " + std::to_string(at_));
        matchers(nullptr);
      } else if (c == '(') {
        frames_.push_back({pendingFunction_, 0});
        pendingFunction_.clear();
        ++at_;
      } else if (c == ')') {
        if (frames_.empty()) {
          out_.errors.push_back("unbalanced ) at " + std::to_string(at_));
        } else {
          frames_.pop_back();
        }
        ++at_;
      } else if (c == ',') {
        if (!frames_.empty()) {
          ++frames_.back().argument;
        }
        ++at_;
      } else {
        ++at_; // an operator
      }
    }
    if (!frames_.empty()) {
      out_.errors.emplace_back("unbalanced (");
    }
    return out_;
  }

private:
  struct Frame {
    std::string function; // empty for a plain parenthesis
    int argument = 0;
  };

  // Skips white space; false at the end.
  bool skipSpace() {
    while (at_ < expr_.size() && std::isspace(static_cast<unsigned char>(expr_[at_])) != 0) {
      ++at_;
    }
    return at_ < expr_.size();
  }

  char peek() { return skipSpace() ? expr_[at_] : '\0'; }

  std::string word() {
    const auto start = at_;
    while (at_ < expr_.size() && isIdentifierChar(expr_[at_])) {
      ++at_;
    }
    return std::string(expr_.substr(start, at_ - start));
  }

  void skipPast(char close) {
    const auto end = expr_.find(close, at_);
    at_ = end == std::string_view::npos ? expr_.size() : end + 1;
  }

  std::string string() {
    const char quote = expr_[at_++];
    std::string text;
    while (at_ < expr_.size() && expr_[at_] != quote) {
      if (expr_[at_] == '\\' && quote != '`' && at_ + 1 < expr_.size()) {
        ++at_;
      }
      text += expr_[at_++];
    }
    if (at_ == expr_.size()) {
      out_.errors.emplace_back("unterminated string");
    }
    ++at_;
    return text;
  }

  // $name, ${name} or ${name:format}: a Grafana variable, never a metric.
  void variable() {
    ++at_;
    if (at_ < expr_.size() && expr_[at_] == '{') {
      skipPast('}');
    } else {
      word();
    }
  }

  void identifier() {
    const auto name = word();
    if (kGroupingKeywords.count(name) != 0) {
      if (peek() == '(') {
        labelList();
      }
      return;
    }
    if (kOtherKeywords.count(name) != 0) {
      return;
    }
    if (kAggregations.count(name) != 0 || peek() == '(') {
      if (kAggregations.count(name) == 0 && kFunctions.count(name) == 0) {
        out_.errors.push_back("unknown function " + name);
      }
      pendingFunction_ = name;
      return;
    }
    out_.metrics.insert(name);
    if (peek() == '{') {
      matchers(&out_.matcherLabels[name]);
    } else {
      out_.matcherLabels[name]; // named bare: no labels matched
    }
  }

  // `(label, label, ...)` after by, without, on, ignoring, group_left or group_right.
  void labelList() {
    ++at_;
    while (peek() != ')' && at_ < expr_.size()) {
      if (isIdentifierStart(expr_[at_])) {
        out_.groupingLabels.insert(word());
      } else if (expr_[at_] == ',') {
        ++at_;
      } else {
        out_.errors.push_back("unexpected character in a label list at " + std::to_string(at_));
        ++at_;
      }
    }
    ++at_;
  }

  // `{label op "value", ...}`: the label names go to `labels` (when there is a metric name).
  void matchers(LabelSet* labels) {
    ++at_;
    while (peek() != '}' && at_ < expr_.size()) {
      if (isIdentifierStart(expr_[at_])) {
        const auto label = word();
        if (labels != nullptr) {
          labels->insert(label);
        }
      } else if (expr_[at_] == '"' || expr_[at_] == '\'' || expr_[at_] == '`') {
        string();
      } else {
        ++at_; // =, !=, =~, !~ and commas
      }
    }
    ++at_;
  }

  std::string_view expr_;
  std::size_t at_ = 0;
  std::vector<Frame> frames_;
  std::string pendingFunction_;
  QueryScan out_;
};

QueryScan scanQuery(std::string_view expr) {
  return PromqlScanner(expr).scan();
}

// Names and labels of the series in a rendering of /metrics: the families of the # TYPE lines
// (a histogram as its _bucket, _sum and _count series), and the labels of each sample line.
struct Exposition {
  std::set<std::string> names;
  std::map<std::string, LabelSet> labels;
};

Exposition readExposition(const std::string& text) {
  Exposition out;
  std::istringstream lines(text);
  const std::regex typeLine(R"(^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (\w+)$)");
  const std::regex sampleLine(R"(^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})? \S+$)");
  const std::regex labelName(R"re(([a-zA-Z_][a-zA-Z0-9_]*)="(?:[^"\\]|\\.)*")re");
  for (std::string line; std::getline(lines, line);) {
    std::smatch match;
    if (std::regex_match(line, match, typeLine)) {
      const auto name = match[1].str();
      if (match[2] == "histogram") {
        for (const auto* suffix : {"_bucket", "_sum", "_count"}) {
          out.names.insert(name + suffix);
        }
      } else {
        out.names.insert(name);
      }
    } else if (std::regex_match(line, match, sampleLine)) {
      auto& labels = out.labels[match[1].str()];
      const auto inside = match[3].str();
      for (std::sregex_iterator it(inside.begin(), inside.end(), labelName), end; it != end; ++it) {
        labels.insert((*it)[1].str());
      }
    }
  }
  return out;
}

// What the server exports: every family it describes at start-up, with the labels of the
// series it writes. The review families are written here by the code that counts a review; the
// others, written by the HTTP server, the watch cache and the audit, are taken from the calls
// that set them (the audit ones as declared in audit_metrics.h).
Exposition exportedMetrics() {
  observability::Metrics metrics;
  observability::describeWebhookMetrics(metrics);
  kube::describeKubeMetrics(metrics);
  observability::describeAuditMetrics(metrics);
  admission::ReviewRecord record;
  record.kind = "Kafka";
  record.operation = "UPDATE";
  record.verdict = admission::Verdict::Denied;
  record.deniedRules = {"broker-ids"};
  record.warnedRules = {"hostname-san"};
  observability::recordReview(metrics, record, "validate", 0.002);
  auto exported = readExposition(metrics.render());

  const std::map<std::string, LabelSet> writtenElsewhere{
      {observability::kRejectedRequestsTotal, {"code"}},
      {observability::kCertificateReloadsTotal, {"result"}},
      {observability::kRuleActionMetric, {"rule", "action"}},
      {kube::kObjectsMetric, {"resource"}},
      {kube::kSyncedMetric, {"resource"}},
      {kube::kLastEventAgeMetric, {"resource"}},
      {kube::kWatchRestartsMetric, {"resource"}},
      {kube::kRelistsMetric, {"resource"}},
      {kube::kSecretFetchesMetric, {"result"}},
      {observability::kAuditFindingsMetric, {"rule", "severity", "kind", "namespace", "name"}},
      {observability::kCertificateExpiryMetric, {"namespace", "secret"}},
      {observability::kAuditRunsTotal, {"trigger"}},
      {std::string(observability::kAuditDuration) + "_bucket", {"le"}},
  };
  for (const auto& [name, labels] : writtenElsewhere) {
    exported.labels[name].insert(labels.begin(), labels.end());
  }
  return exported;
}

// Labels Prometheus adds to every series of a Pod it scrapes, which the dashboard's variables
// select on.
const LabelSet kTargetLabels{"namespace", "pod"};

struct Query {
  std::string where;
  std::string expr;
  std::optional<std::string> valuesOf; // label_values(expr, label): the label
};

std::vector<Query> dashboardQueries() {
  const auto board = dashboardJson();
  std::vector<Query> out;
  for (const auto& panel : allPanels(board)) {
    for (const auto& target : panel.value("targets", json::array())) {
      out.push_back(
          {"panel \"" + panel.value("title", "") + "\" query " + target.value("refId", ""),
           target.at("expr"), std::nullopt});
    }
  }
  const std::regex labelValues(
      R"(^\s*label_values\(([\s\S]*),\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*\)\s*$)");
  for (const auto& variable : board.at("templating").at("list")) {
    if (variable.value("type", "") != "query") {
      continue;
    }
    const auto& query = variable.at("query");
    const std::string text = query.is_object() ? query.at("query") : query;
    const auto where = "variable " + variable.value("name", "");
    std::smatch match;
    if (std::regex_match(text, match, labelValues)) {
      out.push_back({where, match[1].str(), match[2].str()});
    } else {
      out.push_back({where, text, std::nullopt});
    }
  }
  return out;
}

TEST_CASE("dashboard queries: the scanner tells metric names from the rest of PromQL",
          "[chart][dashboard]") {
  const auto scan = scanQuery(
      "histogram_quantile(0.99, sum by (le, pod) (rate(sgw_a_bucket{namespace=~\"$namespace\", "
      "pod=~\"${pod}\"}[$__rate_interval])))\n"
      " / on (pod) group_left (kind) max without (x) (sgw_b) - time() > bool 0.5 or "
      "vector(1) + count_values(\"v\", sgw_c offset 5m) + label_replace(sgw_d{q='by (z)'}, "
      "\"made\", \"$1\", \"src\", \"(.+)\")");
  CHECK(scan.errors.empty());
  CHECK(scan.metrics == std::set<std::string>{"sgw_a_bucket", "sgw_b", "sgw_c", "sgw_d"});
  CHECK(scan.matcherLabels.at("sgw_a_bucket") == LabelSet{"namespace", "pod"});
  CHECK(scan.matcherLabels.at("sgw_b").empty());
  CHECK(scan.matcherLabels.at("sgw_d") == LabelSet{"q"});
  CHECK(scan.groupingLabels == LabelSet{"le", "pod", "kind", "x"});
  CHECK(scan.madeLabels == LabelSet{"made"});

  CHECK(scanQuery("rates(sgw_a[5m])").errors == std::vector<std::string>{"unknown function rates"});
  CHECK(scanQuery("sum(sgw_a").errors == std::vector<std::string>{"unbalanced ("});
  CHECK_FALSE(scanQuery("{__name__=\"sgw_a\"}").errors.empty());
}

TEST_CASE("dashboard queries: the exposition reader sees every family the server describes",
          "[chart][dashboard]") {
  const auto exported = exportedMetrics();
  CHECK(exported.names.count("sgw_admission_reviews_total") == 1);
  CHECK(exported.names.count("sgw_admission_review_duration_seconds_bucket") == 1);
  CHECK(exported.names.count("sgw_admission_review_duration_seconds") == 0);
  CHECK(exported.names.count("sgw_audit_findings") == 1);
  CHECK(exported.names.count("sgw_kube_synced") == 1);
  CHECK(exported.labels.at("sgw_admission_reviews_total") ==
        LabelSet{"endpoint", "kind", "operation", "result"});
  CHECK(exported.labels.at("sgw_rule_findings_total") == LabelSet{"rule", "severity"});
  CHECK(exported.labels.at("sgw_admission_review_duration_seconds_bucket") ==
        LabelSet{"endpoint", "le"});
}

TEST_CASE("dashboard queries: every panel and variable names only metrics the server exports",
          "[chart][dashboard]") {
  const auto exported = exportedMetrics();
  const auto queries = dashboardQueries();
  REQUIRE(queries.size() > 15);
  std::set<std::string> used;
  for (const auto& query : queries) {
    INFO(query.where << ": " << query.expr);
    const auto scan = scanQuery(query.expr);
    CHECK(scan.errors.empty());
    CHECK_FALSE(scan.metrics.empty());
    for (const auto& metric : scan.metrics) {
      INFO("metric " << metric);
      CHECK(exported.names.count(metric) == 1);
      used.insert(metric);
    }
  }
  // The dashboard covers each area it promises.
  for (const auto* metric :
       {"sgw_admission_reviews_total", "sgw_rule_findings_total",
        "sgw_admission_review_duration_seconds_bucket", "sgw_admission_reviews_in_flight",
        "sgw_http_rejected_requests_total", "sgw_audit_findings",
        "sgw_audit_last_run_timestamp_seconds", "sgw_certificate_expiry_timestamp_seconds",
        "sgw_rule_action", "sgw_kube_synced", "sgw_kube_objects", "sgw_kube_watch_restarts_total",
        "sgw_kube_last_event_age_seconds", "sgw_kube_relists_total"}) {
    INFO(metric);
    CHECK(used.count(metric) == 1);
  }
}

TEST_CASE("dashboard queries: every label matched or grouped by is one the series carry",
          "[chart][dashboard]") {
  const auto exported = exportedMetrics();
  for (const auto& query : dashboardQueries()) {
    INFO(query.where << ": " << query.expr);
    const auto scan = scanQuery(query.expr);
    // Grouping may use a label of any series of the expression, or one it made.
    LabelSet available = kTargetLabels;
    available.insert(scan.madeLabels.begin(), scan.madeLabels.end());
    for (const auto& [metric, matched] : scan.matcherLabels) {
      const auto found = exported.labels.find(metric);
      const auto& own = found == exported.labels.end() ? LabelSet{} : found->second;
      available.insert(own.begin(), own.end());
      for (const auto& label : matched) {
        INFO("metric " << metric << " label " << label);
        CHECK((own.count(label) == 1 || kTargetLabels.count(label) == 1));
      }
    }
    for (const auto& label : scan.groupingLabels) {
      INFO("grouped by " << label);
      CHECK(available.count(label) == 1);
    }
    if (query.valuesOf) {
      INFO("values of " << *query.valuesOf);
      CHECK(available.count(*query.valuesOf) == 1);
    }
  }
}

} // namespace
} // namespace sgw::test::chart
