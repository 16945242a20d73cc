#include "support/process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <regex>
#include <stdexcept>
#include <thread>

#include "support/test_paths.h"

extern char** environ;

namespace sgw::test {

namespace {

std::vector<char*> argv(std::vector<std::string>& args) {
  std::vector<char*> out;
  for (auto& arg : args) {
    out.push_back(arg.data());
  }
  out.push_back(nullptr);
  return out;
}

std::optional<int> decode(int status) {
  if (WIFEXITED(status)) {
    return WEXITSTATUS(status);
  }
  if (WIFSIGNALED(status)) {
    return 128 + WTERMSIG(status);
  }
  return std::nullopt;
}

} // namespace

CommandResult runWebhook(const std::vector<std::string>& args, const std::string& input) {
  TempDir dir;
  const auto inPath = dir.write("stdin", input);
  const auto outPath = dir.path() / "stdout";
  const auto errPath = dir.path() / "stderr";
  std::vector<std::string> full{SGW_EXECUTABLE};
  full.insert(full.end(), args.begin(), args.end());
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, inPath.c_str(), O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, outPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0600);
  posix_spawn_file_actions_addopen(&actions, 2, errPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0600);
  pid_t pid = -1;
  auto arguments = argv(full);
  const int spawned =
      posix_spawn(&pid, full[0].c_str(), &actions, nullptr, arguments.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) {
    throw std::runtime_error("cannot start " + full[0]);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  return {decode(status).value_or(-1), readFile(outPath), readFile(errPath)};
}

WebhookProcess::WebhookProcess(const std::vector<std::string>& args) {
  const auto logPath = dir_.path() / "stderr";
  std::vector<std::string> full{SGW_EXECUTABLE};
  full.insert(full.end(), args.begin(), args.end());
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, logPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0600);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  auto arguments = argv(full);
  const int spawned =
      posix_spawn(&pid_, full[0].c_str(), &actions, nullptr, arguments.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) {
    throw std::runtime_error("cannot start " + full[0]);
  }
}

WebhookProcess::~WebhookProcess() {
  if (!exitCode_.has_value() && pid_ > 0) {
    ::kill(pid_, SIGKILL);
    int status = 0;
    waitpid(pid_, &status, 0);
  }
}

std::string WebhookProcess::log() const {
  try {
    return readFile(dir_.path() / "stderr");
  } catch (const std::exception&) {
    return {};
  }
}

void WebhookProcess::signal(int number) const {
  ::kill(pid_, number);
}

std::optional<int> WebhookProcess::waitExit(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!exitCode_.has_value()) {
    int status = 0;
    const pid_t done = waitpid(pid_, &status, WNOHANG);
    if (done == pid_) {
      exitCode_ = decode(status).value_or(-1);
      break;
    }
    if (std::chrono::steady_clock::now() > deadline) {
      return std::nullopt;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return exitCode_;
}

bool WebhookProcess::waitForLog(const std::string& text, std::chrono::milliseconds timeout) const {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (log().find(text) != std::string::npos) {
      return true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return false;
}

int WebhookProcess::port() {
  static const std::regex kServing(R"(serving address=\S+ port=(\d+))");
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (std::chrono::steady_clock::now() < deadline) {
    std::smatch match;
    const auto text = log();
    if (std::regex_search(text, match, kServing)) {
      return std::stoi(match[1]);
    }
    if (waitExit(std::chrono::milliseconds(0)).has_value()) {
      throw std::runtime_error("webhook exited before serving: " + text);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  throw std::runtime_error("webhook did not start serving: " + log());
}

} // namespace sgw::test
