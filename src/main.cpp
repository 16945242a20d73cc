#include <csignal>

#include "sgw/cli/application.h"

int main(int argc, char** argv) {
  // A client that closes its connection mid-response must cost that connection only: writes to
  // it fail with EPIPE instead of killing the process.
  std::signal(SIGPIPE, SIG_IGN);
  return sgw::cli::run(argc, argv);
}
