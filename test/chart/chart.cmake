# The chart tests (test/chart/*_test.cpp, in sgw_tests) render charts/strimzi-gateway-webhook with
# test/chart/render, a Go program built here from Debian's packages.
set(SGW_CHART_RENDERER ${CMAKE_CURRENT_BINARY_DIR}/chart-render)
set(SGW_CHART_RENDERER_ERROR ${CMAKE_CURRENT_BINARY_DIR}/chart-render.error)
add_custom_command(
  OUTPUT ${SGW_CHART_RENDERER}
  COMMAND ${CMAKE_COMMAND} -DSOURCE_DIR=${CMAKE_CURRENT_SOURCE_DIR}/chart/render
          -DOUTPUT=${SGW_CHART_RENDERER} -DERROR_FILE=${SGW_CHART_RENDERER_ERROR}
          -DCACHE_DIR=${CMAKE_CURRENT_BINARY_DIR}/go-cache
          -P ${CMAKE_CURRENT_SOURCE_DIR}/chart/build_renderer.cmake
  DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/chart/render/main.go
          ${CMAKE_CURRENT_SOURCE_DIR}/chart/build_renderer.cmake
  COMMENT "Building the chart renderer")
add_custom_target(sgw_chart_renderer DEPENDS ${SGW_CHART_RENDERER})
add_dependencies(sgw_tests sgw_chart_renderer)
set_property(SOURCE ${CMAKE_CURRENT_SOURCE_DIR}/support/test_paths.cpp APPEND PROPERTY
  COMPILE_DEFINITIONS SGW_TEST_CHART_RENDERER="${SGW_CHART_RENDERER}"
  SGW_TEST_CHART_RENDERER_ERROR="${SGW_CHART_RENDERER_ERROR}")

# Rewrites the static install bundle after a chart change: cmake --build build --target chart-bundle
add_custom_target(
  chart-bundle
  COMMAND ${SGW_CHART_RENDERER} --chart ${PROJECT_SOURCE_DIR}/charts/strimzi-gateway-webhook
          --release strimzi-gateway-webhook --namespace strimzi-gateway-webhook
          --output ${PROJECT_SOURCE_DIR}/charts/strimzi-gateway-webhook.yaml
  DEPENDS sgw_chart_renderer
  COMMENT "Rendering charts/strimzi-gateway-webhook.yaml")
