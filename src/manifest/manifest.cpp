#include "sgw/manifest/manifest.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <limits>
#include <optional>
#include <sstream>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include "sgw/core/field_error.h"
#include "sgw/core/field_path.h"
#include "sgw/core/json_depth.h"
#include "sgw/core/message_limits.h"

namespace sgw::manifest {

namespace fs = std::filesystem;

int Manifest::lineOf(std::string_view pointer) const {
  if (lines == nullptr) {
    return line;
  }
  std::string full = pointerPrefix + std::string(pointer);
  while (true) {
    const auto found = lines->find(full);
    if (found != lines->end()) {
      return found->second;
    }
    if (full.empty() || full == pointerPrefix) {
      return line;
    }
    full.erase(full.rfind('/'));
  }
}

std::string ManifestError::toString() const {
  return file + ":" + std::to_string(line) + ": " + message;
}

std::vector<nlohmann::json> objectsOf(const std::vector<Manifest>& manifests) {
  std::vector<nlohmann::json> objects;
  objects.reserve(manifests.size());
  for (const auto& manifest : manifests) {
    objects.push_back(manifest.object);
  }
  return objects;
}

bool isManifestFile(const fs::path& path) {
  const auto extension = path.extension().string();
  return extension == ".yaml" || extension == ".yml" || extension == ".json";
}

namespace {

// Thrown inside the converter only; loadText turns it into a ManifestError.
struct ConversionError {
  int line;
  std::string message;
};

// Kubernetes tools nest a few dozen levels; anything deeper is refused rather than recursed into.
constexpr int kMaxDepth = 100;

// Parser messages may quote a whole token (a number of a million digits); they are cut.
constexpr std::size_t kMaxMessage = 256;

bool isOneOf(const std::string& value, std::initializer_list<std::string_view> options) {
  return std::any_of(options.begin(), options.end(),
                     [&](std::string_view option) { return value == option; });
}

template <class T> std::optional<T> parseWhole(std::string_view text, int base) {
  T value{};
  const auto* first = text.data();
  const auto* last = text.data() + text.size();
  if (!text.empty() && *first == '+') {
    ++first;
  }
  const auto result = std::from_chars(first, last, value, base);
  if (result.ec != std::errc{} || result.ptr != last || first == last) {
    return std::nullopt;
  }
  return value;
}

std::optional<nlohmann::json> resolveInteger(const std::string& text) {
  std::string_view digits = text;
  bool negative = false;
  if (!digits.empty() && (digits[0] == '-' || digits[0] == '+')) {
    negative = digits[0] == '-';
    digits.remove_prefix(1);
  }
  int base = 10;
  if (digits.size() > 2 && digits[0] == '0' && (digits[1] == 'x' || digits[1] == 'X')) {
    base = 16;
    digits.remove_prefix(2);
  } else if (digits.size() > 2 && digits[0] == '0' && digits[1] == 'o') {
    base = 8;
    digits.remove_prefix(2);
  }
  if (digits.empty() || digits.find_first_not_of("0123456789abcdefABCDEF") != std::string::npos) {
    return std::nullopt;
  }
  if (const auto value = parseWhole<std::uint64_t>(digits, base)) {
    if (!negative) {
      if (*value <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
        return nlohmann::json(static_cast<std::int64_t>(*value));
      }
      return nlohmann::json(*value);
    }
    if (*value <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()) + 1) {
      return nlohmann::json(static_cast<std::int64_t>(0 - *value));
    }
  }
  return std::nullopt;
}

std::optional<nlohmann::json> resolveFloat(const std::string& text) {
  if (isOneOf(text, {".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF",
                     ".nan", ".NaN", ".NAN"})) {
    // JSON has no infinity or NaN; Kubernetes would refuse them as well.
    return std::nullopt;
  }
  const auto firstDigit = text.find_first_of("0123456789");
  if (firstDigit == std::string::npos ||
      text.find_first_not_of("0123456789+-.eE") != std::string::npos) {
    return std::nullopt;
  }
  std::istringstream stream(text);
  double value = 0;
  stream >> value;
  if (!stream.fail() && stream.eof() && std::isfinite(value)) {
    return nlohmann::json(value);
  }
  return std::nullopt;
}

// Resolves a plain (unquoted) scalar the way kubectl's YAML reader does: null, booleans
// (including the YAML 1.1 yes/no/on/off), integers, floats, else a string.
nlohmann::json resolvePlainScalar(const std::string& text) {
  if (isOneOf(text, {"", "~", "null", "Null", "NULL"})) {
    return nullptr;
  }
  if (isOneOf(text, {"true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON"})) {
    return true;
  }
  if (isOneOf(text, {"false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF"})) {
    return false;
  }
  if (auto integer = resolveInteger(text)) {
    return *integer;
  }
  if (auto number = resolveFloat(text)) {
    return *number;
  }
  return text;
}

nlohmann::json resolveScalar(const YAML::Node& node) {
  const auto& tag = node.Tag();
  const auto& text = node.Scalar();
  if (tag == "!" || tag == "tag:yaml.org,2002:str") {
    return text;
  }
  if (tag == "tag:yaml.org,2002:int" || tag == "tag:yaml.org,2002:float" ||
      tag == "tag:yaml.org,2002:bool" || tag == "tag:yaml.org,2002:null") {
    auto value = resolvePlainScalar(text);
    if (value.is_string()) {
      throw ConversionError{node.Mark().line + 1, "cannot read " + goQuote(text) + " as " + tag};
    }
    return value;
  }
  return resolvePlainScalar(text);
}

class Converter {
public:
  explicit Converter(LineIndex& lines) : lines_(lines) {}

  nlohmann::json convert(const YAML::Node& node, const std::string& pointer, int depth) {
    if (depth > kMaxDepth) {
      throw ConversionError{node.Mark().line + 1,
                            "nests deeper than " + std::to_string(kMaxDepth) + " levels"};
    }
    if (!node.Mark().is_null()) {
      lines_.emplace(pointer, node.Mark().line + 1);
    }
    switch (node.Type()) {
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined:
      return nullptr;
    case YAML::NodeType::Scalar:
      return resolveScalar(node);
    case YAML::NodeType::Sequence: {
      auto out = nlohmann::json::array();
      std::size_t index = 0;
      for (const auto& item : node) {
        out.push_back(convert(item, pointer + "/" + std::to_string(index++), depth + 1));
      }
      return out;
    }
    case YAML::NodeType::Map:
      return convertMap(node, pointer, depth);
    }
    return nullptr;
  }

private:
  nlohmann::json convertMap(const YAML::Node& node, const std::string& pointer, int depth) {
    auto out = nlohmann::json::object();
    std::vector<YAML::Node> merges; // handles: yaml-cpp iterators yield temporaries
    for (const auto& entry : node) {
      const auto& keyNode = entry.first;
      if (!keyNode.IsScalar()) {
        throw ConversionError{keyNode.Mark().line + 1, "mapping keys must be strings"};
      }
      const auto& key = keyNode.Scalar();
      if (key == "<<" && keyNode.Tag() != "!") {
        merges.push_back(entry.second);
        continue;
      }
      if (out.contains(key)) {
        throw ConversionError{keyNode.Mark().line + 1,
                              "mapping key \"" + key + "\" already defined"};
      }
      const auto child = pointer + "/" + escapeJsonPointerToken(key);
      lines_[child] = keyNode.Mark().line + 1;
      out[key] = convert(entry.second, child, depth + 1);
    }
    // YAML merge keys (`<<: *defaults`): keys written in the mapping itself win.
    for (const auto& merge : merges) {
      std::vector<YAML::Node> sources;
      if (merge.IsMap()) {
        sources.push_back(merge);
      } else if (merge.IsSequence()) {
        for (const auto& item : merge) {
          sources.push_back(item);
        }
      }
      for (const auto& source : sources) {
        if (!source.IsMap()) {
          throw ConversionError{source.Mark().line + 1, "merge key values must be mappings"};
        }
        const auto merged = convert(source, pointer, depth + 1);
        for (const auto& [key, value] : merged.items()) {
          if (!out.contains(key)) {
            out[key] = value;
          }
        }
      }
    }
    return out;
  }

  LineIndex& lines_;
};

bool looksLikeJson(std::string_view text, const std::string& displayName) {
  if (fs::path(displayName).extension() == ".json") {
    return true;
  }
  const auto first = text.find_first_not_of(" \t\r\n");
  return first != std::string_view::npos && (text[first] == '{' || text[first] == '[');
}

// True when a line of `text` starts with YAML's document separator `---`.
bool hasDocumentSeparator(std::string_view text) {
  for (std::size_t at = 0; at < text.size();) {
    if (text.substr(at, 3) == "---") {
      return true;
    }
    const auto next = text.find('\n', at);
    if (next == std::string_view::npos) {
      break;
    }
    at = next + 1;
  }
  return false;
}

void addObject(LoadResult& result, nlohmann::json object, const std::string& file, int line,
               const std::shared_ptr<const LineIndex>& lines) {
  if (object.is_null()) {
    return;
  }
  if (!object.is_object()) {
    result.errors.push_back({file, line, "a manifest must be a mapping (a Kubernetes object)"});
    return;
  }
  const auto items = object.find("items");
  const auto kind = object.find("kind");
  const bool isList = kind != object.end() && kind->is_string() &&
                      kind->get_ref<const std::string&>().ends_with("List") &&
                      items != object.end() && items->is_array();
  if (!isList) {
    result.manifests.push_back({std::move(object), file, line, "", lines});
    return;
  }
  for (std::size_t i = 0; i < items->size(); ++i) {
    auto& item = (*items)[i];
    const std::string prefix = "/items/" + std::to_string(i);
    const auto found = lines->find(prefix);
    const int itemLine = found == lines->end() ? line : found->second;
    if (!item.is_object()) {
      result.errors.push_back({file, itemLine, "a List item must be a mapping"});
      continue;
    }
    result.manifests.push_back({std::move(item), file, itemLine, prefix, lines});
  }
}

void loadJson(std::string_view text, const std::string& displayName, LoadResult& result) {
  if (jsonNestingDepth(text) > kMaxDepth) {
    result.errors.push_back(
        {displayName, 1, "nests deeper than " + std::to_string(kMaxDepth) + " levels"});
    return;
  }
  nlohmann::json value;
  try {
    value = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& error) {
    // byte offset → line, so the message names the line like YAML errors do
    const auto offset = std::min<std::size_t>(error.byte, text.size());
    const int line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + offset, '\n'));
    result.errors.push_back(
        {displayName, line, "invalid JSON: " + validUtf8(shortened(error.what(), kMaxMessage))});
    return;
  } catch (const nlohmann::json::exception& error) {
    // A number beyond a double's range; the library's message quotes all of it.
    result.errors.push_back(
        {displayName, 1, "invalid JSON: " + validUtf8(shortened(error.what(), kMaxMessage))});
    return;
  }
  // Positions come from reading the same text as YAML (JSON is YAML's flow style); if that fails
  // the whole object is placed on line 1.
  auto lines = std::make_shared<LineIndex>();
  try {
    Converter converter(*lines);
    converter.convert(YAML::Load(std::string(text)), "", 0);
  } catch (...) {
    lines->clear();
  }
  if (value.is_array()) {
    for (std::size_t i = 0; i < value.size(); ++i) {
      const std::string prefix = "/" + std::to_string(i);
      const auto found = lines->find(prefix);
      auto shifted = std::make_shared<LineIndex>();
      for (const auto& [pointer, line] : *lines) {
        if (pointer.rfind(prefix, 0) == 0) {
          shifted->emplace(pointer.substr(prefix.size()), line);
        }
      }
      addObject(result, std::move(value[i]), displayName, found == lines->end() ? 1 : found->second,
                shifted);
    }
    return;
  }
  addObject(result, std::move(value), displayName, 1, lines);
}

// Notes where each document starts, and builds nothing.
class DocumentStarts : public YAML::EventHandler {
public:
  void OnDocumentStart(const YAML::Mark& mark) override { last = mark; }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t,
                const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}

  YAML::Mark last;
};

// yaml-cpp (0.7) never gets past a document that starts with a flow entry (a lone ","): it
// reports the same empty document again and again, and LoadAll collects them until memory runs
// out. Walking the documents first, building nothing, finds such a document by its start not
// moving. Throws what the parser throws for YAML that is invalid otherwise.
std::optional<ManifestError> stuckDocument(std::string_view text, const std::string& displayName) {
  std::istringstream stream{std::string(text)};
  YAML::Parser parser(stream);
  DocumentStarts starts;
  std::optional<int> previous;
  while (parser.HandleNextDocument(starts)) {
    if (previous == starts.last.pos) {
      const auto at = static_cast<std::size_t>(starts.last.pos);
      const std::string found = at < text.size() ? std::string(1, text[at]) : "";
      return ManifestError{displayName, starts.last.line + 1,
                           "invalid YAML: unexpected \"" + validUtf8(found) +
                               "\" where a document should start"};
    }
    previous = starts.last.pos;
  }
  return std::nullopt;
}

void loadYaml(std::string_view text, const std::string& displayName, LoadResult& result) {
  std::vector<YAML::Node> documents;
  try {
    if (auto stuck = stuckDocument(text, displayName)) {
      result.errors.push_back(std::move(*stuck));
      return;
    }
    documents = YAML::LoadAll(std::string(text));
  } catch (const YAML::ParserException& error) {
    result.errors.push_back({displayName, error.mark.line + 1, "invalid YAML: " + error.msg});
    return;
  } catch (const YAML::Exception& error) {
    result.errors.push_back({displayName, error.mark.line + 1, "invalid YAML: " + error.msg});
    return;
  }
  for (const auto& document : documents) {
    auto lines = std::make_shared<LineIndex>();
    const int line = document.Mark().is_null() ? 1 : document.Mark().line + 1;
    try {
      Converter converter(*lines);
      auto object = converter.convert(document, "", 0);
      addObject(result, std::move(object), displayName, line, lines);
    } catch (const ConversionError& error) {
      result.errors.push_back({displayName, error.line, error.message});
    }
  }
}

} // namespace

LoadResult loadText(std::string_view text, const std::string& displayName) {
  LoadResult result;
  if (!looksLikeJson(text, displayName)) {
    loadYaml(text, displayName, result);
    return result;
  }
  loadJson(text, displayName, result);
  if (result.errors.empty() || fs::path(displayName).extension() == ".json" ||
      !hasDocumentSeparator(text)) {
    return result;
  }
  // A `.yaml` file (or stdin) that starts like JSON but is not one JSON value: kubectl reads it
  // as YAML, whose flow style JSON is, so JSON objects separated by `---` are several documents.
  // Its JSON error is kept when it is no YAML either.
  LoadResult asYaml;
  loadYaml(text, displayName, asYaml);
  if (asYaml.errors.empty()) {
    return asYaml;
  }
  return result;
}

std::vector<fs::path> manifestFiles(const fs::path& path, std::error_code& error) {
  error.clear();
  if (!fs::is_directory(path, error)) {
    error.clear();
    return {path};
  }
  std::vector<fs::path> files;
  for (fs::recursive_directory_iterator
           it(path, fs::directory_options::follow_directory_symlink, error),
       end;
       !error && it != end; it.increment(error)) {
    // Kubernetes mounts ConfigMaps and Secrets through hidden `..data` folders; reading them
    // too would load every object twice.
    if (it->path().filename().string().starts_with(".")) {
      if (it->is_directory()) {
        it.disable_recursion_pending();
      }
      continue;
    }
    if (it->is_regular_file() && isManifestFile(it->path())) {
      files.push_back(it->path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

LoadResult loadPath(const fs::path& path) {
  LoadResult result;
  std::error_code error;
  const auto files = manifestFiles(path, error);
  if (error) {
    result.errors.push_back({path.string(), 0, "cannot read folder: " + error.message()});
  }
  for (const auto& file : files) {
    std::ifstream stream(file, std::ios::binary);
    if (!stream) {
      result.errors.push_back({file.string(), 0, "cannot open file"});
      continue;
    }
    std::ostringstream text;
    text << stream.rdbuf();
    auto loaded = loadText(text.str(), file.string());
    std::move(loaded.manifests.begin(), loaded.manifests.end(),
              std::back_inserter(result.manifests));
    std::move(loaded.errors.begin(), loaded.errors.end(), std::back_inserter(result.errors));
  }
  return result;
}

} // namespace sgw::manifest
