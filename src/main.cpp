#include "sgw/cli/application.h"

int main(int argc, char** argv) { return sgw::cli::run(argc, argv); }
