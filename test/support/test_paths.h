#pragma once

// Where the tests find the source tree, the fixtures and the programs they run. The folders are
// compiled into test_paths.cpp alone, so no other test file depends on where the tree was cloned
// and a compiler cache can reuse them from one clone to the next.
namespace sgw::test::paths {

const char* sourceDir();
const char* fixturesDir();
const char* executable(); // strimzi-gateway-webhook
const char* chartRenderer();
const char* chartRendererError();

} // namespace sgw::test::paths

#define SGW_SOURCE_DIR (::sgw::test::paths::sourceDir())
#define SGW_FIXTURES_DIR (::sgw::test::paths::fixturesDir())
#define SGW_EXECUTABLE (::sgw::test::paths::executable())
#define SGW_CHART_RENDERER (::sgw::test::paths::chartRenderer())
#define SGW_CHART_RENDERER_ERROR (::sgw::test::paths::chartRendererError())
