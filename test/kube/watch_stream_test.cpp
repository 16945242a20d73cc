#include <catch2/catch.hpp>

#include "sgw/kube/watch_stream.h"
#include "support/dev_certs.h"
#include "support/temp_dir.h"
#include "support/test_paths.h"

namespace sgw::kube {

namespace {

std::string recordedStream() {
  return test::readFile(std::string(SGW_FIXTURES_DIR) +
                        "/apiserver/watch-kafkanodepools.events.jsonl");
}

// "MODIFIED broker 357" for each event fed through the decoder.
std::vector<std::string> summaries(WatchStreamDecoder& decoder,
                                   const std::vector<std::string>& pieces,
                                   std::optional<std::string>* error = nullptr) {
  std::vector<std::string> seen;
  for (const auto& piece : pieces) {
    auto failure = decoder.feed(piece, [&](WatchEvent&& event) {
      const auto& metadata = event.object["metadata"];
      seen.push_back(std::string(toString(event.type)) + " " + metadata.value("name", "-") + " " +
                     metadata.value("resourceVersion", ""));
      return true;
    });
    if (failure) {
      if (error != nullptr) {
        *error = failure;
      }
      break;
    }
  }
  return seen;
}

const std::vector<std::string> kRecordedEvents = {"MODIFIED broker 357", "MODIFIED broker 358",
                                                  "MODIFIED broker 359", "MODIFIED controller 360",
                                                  "BOOKMARK - 360",      "BOOKMARK - 360"};

} // namespace

TEST_CASE("the recorded watch stream decodes to its events whatever the piece size",
          "[kube][watch]") {
  const auto stream = recordedStream();
  const auto pieceSize = GENERATE(as<std::size_t>{}, 1, 2, 7, 100, 956, 4096, 1 << 20);
  std::vector<std::string> pieces;
  for (std::size_t at = 0; at < stream.size(); at += pieceSize) {
    pieces.push_back(stream.substr(at, pieceSize));
  }
  WatchStreamDecoder decoder(1 << 20);
  CHECK(summaries(decoder, pieces) == kRecordedEvents);
  CHECK(decoder.pending() == 0);
}

TEST_CASE("an event split at any byte is held back until its end arrives", "[kube][watch]") {
  const auto stream = recordedStream();
  const auto firstLineEnd = stream.find('\n');
  for (std::size_t split = 1; split < firstLineEnd; split += 97) {
    WatchStreamDecoder decoder(1 << 20);
    std::vector<std::string> seen = summaries(decoder, {stream.substr(0, split)});
    CHECK(seen.empty());
    CHECK(decoder.pending() == split);
    seen = summaries(decoder, {stream.substr(split, firstLineEnd + 1 - split)});
    CHECK(seen == std::vector<std::string>{"MODIFIED broker 357"});
    CHECK(decoder.pending() == 0);
  }
}

TEST_CASE("the watch ERROR event of an expired resourceVersion decodes with its Status",
          "[kube][watch]") {
  const auto line = test::readFile(std::string(SGW_FIXTURES_DIR) +
                                   "/apiserver/watch-kafkanodepools-too-old-rv.events.jsonl");
  const auto parsed = parseWatchEvent(line);
  REQUIRE(std::holds_alternative<WatchEvent>(parsed));
  const auto& event = std::get<WatchEvent>(parsed);
  CHECK(event.type == WatchEvent::Type::Error);
  CHECK(event.object["code"] == 410);
  CHECK(event.object["reason"] == "Expired");
}

TEST_CASE("blank lines between events are skipped", "[kube][watch]") {
  WatchStreamDecoder decoder(1024);
  const auto seen = summaries(
      decoder,
      {"\n{\"type\":\"ADDED\",\"object\":{\"metadata\":{\"name\":\"a\",\"resourceVersion\":"
       "\"5\"}}}\r\n\n"});
  CHECK(seen == std::vector<std::string>{"ADDED a 5"});
}

TEST_CASE("a line longer than the limit stops the stream instead of growing the buffer",
          "[kube][watch]") {
  WatchStreamDecoder decoder(64);
  std::optional<std::string> error;
  const auto seen = summaries(decoder, {std::string(40, ' '), std::string(40, 'x')}, &error);
  CHECK(seen.empty());
  REQUIRE(error);
  CHECK(*error == "watch event longer than 64 bytes");
  CHECK(decoder.pending() == 0);
}

TEST_CASE("lines that are not watch events are refused with a reason", "[kube][watch]") {
  using Row = std::pair<std::string, std::string>;
  const auto [line, reason] = GENERATE(
      Row{"not json", "watch event is not a JSON object"},
      Row{"[1,2]", "watch event is not a JSON object"},
      Row{"{\"object\":{}}", "watch event has no type"},
      Row{"{\"type\":\"RENAMED\",\"object\":{}}", "watch event has the unknown type \"RENAMED\""},
      Row{"{\"type\":\"ADDED\"}", "watch event ADDED has no object"});
  WatchStreamDecoder decoder(1024);
  std::optional<std::string> error;
  const auto seen = summaries(decoder, {line + "\n"}, &error);
  CHECK(seen.empty());
  CHECK(error == reason);
}

TEST_CASE("the decoder stops handing out events once the handler says stop", "[kube][watch]") {
  WatchStreamDecoder decoder(1 << 20);
  int calls = 0;
  const auto error = decoder.feed(recordedStream(), [&](WatchEvent&&) {
    ++calls;
    return false;
  });
  CHECK_FALSE(error);
  CHECK(calls == 1);
}

} // namespace sgw::kube
