#include "sgw/manifest/yaml_writer.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string_view>

#include "sgw/core/json_text.h"

namespace sgw::manifest {

namespace {

bool isAsciiLetter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool isAsciiDigit(char c) {
  return c >= '0' && c <= '9';
}

// Words some YAML reader takes for a boolean or null when they stand unquoted (YAML 1.1 has
// y/n, yes/no and on/off as booleans).
bool isReservedWord(std::string_view text) {
  static constexpr std::array<std::string_view, 9> kWords{"y",     "yes", "n",   "no",  "true",
                                                          "false", "on",  "off", "null"};
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return std::find(kWords.begin(), kWords.end(), lower) != kWords.end();
}

// Plain (unquoted) only for text that cannot read as anything but this string: it starts with a
// letter (so never a number, date, indicator or special float), holds only letters, digits and
// `-_./:`, does not end in `:` and is no reserved word. Everything else is quoted, which is
// always correct.
bool canBePlain(std::string_view text) {
  if (text.empty() || !isAsciiLetter(text.front()) || text.back() == ':' || isReservedWord(text)) {
    return false;
  }
  return std::all_of(text.begin(), text.end(), [](char c) {
    return isAsciiLetter(c) || isAsciiDigit(c) || c == '-' || c == '_' || c == '.' || c == '/' ||
           c == ':';
  });
}

bool hasControlCharacter(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char raw) {
    const auto c = static_cast<unsigned char>(raw);
    return c < 0x20 || c == 0x7f;
  });
}

std::string quote(const std::string& text) {
  if (canBePlain(text)) {
    return text;
  }
  if (text.empty() || hasControlCharacter(text)) {
    // JSON's escapes (\n, \t, \", \\, \u00XX) are all YAML double-quoted escapes as well.
    return jsonQuoted(text);
  }
  std::string out = "'";
  for (const char c : text) {
    out += c;
    if (c == '\'') {
      out += '\'';
    }
  }
  out += '\'';
  return out;
}

std::string scalar(const nlohmann::json& value) {
  if (value.is_string()) {
    return quote(value.get_ref<const std::string&>());
  }
  if (value.is_object()) {
    return "{}";
  }
  if (value.is_array()) {
    return "[]";
  }
  return value.dump();
}

bool isNested(const nlohmann::json& value) {
  return (value.is_object() || value.is_array()) && !value.empty();
}

void writeValue(std::string& out, const nlohmann::json& value, int indent, bool sameLine);

// `sameLine`: the first line continues a `- ` already written.
void writeMapping(std::string& out, const nlohmann::json& mapping, int indent, bool sameLine) {
  for (const auto& [key, value] : mapping.items()) {
    if (!sameLine) {
      out.append(static_cast<std::size_t>(indent), ' ');
    }
    sameLine = false;
    out += quote(key);
    out += ':';
    if (value.is_object() && !value.empty()) {
      out += '\n';
      writeMapping(out, value, indent + 2, false);
    } else if (value.is_array() && !value.empty()) {
      out += '\n';
      writeValue(out, value, indent, false);
    } else {
      out += ' ';
      out += scalar(value);
      out += '\n';
    }
  }
}

void writeSequence(std::string& out, const nlohmann::json& sequence, int indent, bool sameLine) {
  for (const auto& item : sequence) {
    if (!sameLine) {
      out.append(static_cast<std::size_t>(indent), ' ');
    }
    sameLine = false;
    out += "- ";
    if (isNested(item)) {
      writeValue(out, item, indent + 2, true);
    } else {
      out += scalar(item);
      out += '\n';
    }
  }
}

void writeValue(std::string& out, const nlohmann::json& value, int indent, bool sameLine) {
  if (value.is_object() && !value.empty()) {
    writeMapping(out, value, indent, sameLine);
  } else if (value.is_array() && !value.empty()) {
    writeSequence(out, value, indent, sameLine);
  } else {
    out += scalar(value);
    out += '\n';
  }
}

} // namespace

std::string toYaml(const nlohmann::json& value) {
  std::string out;
  writeValue(out, value, 0, false);
  return out;
}

std::string toYamlDocuments(const std::vector<nlohmann::json>& values) {
  std::string out;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) {
      out += "---\n";
    }
    out += toYaml(values[i]);
  }
  return out;
}

} // namespace sgw::manifest
