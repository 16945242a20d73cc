#include "support/test_paths.h"

namespace sgw::test::paths {

const char* sourceDir() {
  return SGW_TEST_SOURCE_DIR;
}

const char* fixturesDir() {
  return SGW_TEST_FIXTURES_DIR;
}

const char* executable() {
  return SGW_TEST_EXECUTABLE;
}

const char* chartRenderer() {
  return SGW_TEST_CHART_RENDERER;
}

const char* chartRendererError() {
  return SGW_TEST_CHART_RENDERER_ERROR;
}

} // namespace sgw::test::paths
