# Builds the chart renderer (test/chart/render) from Debian's Go packages, offline: GOPATH mode
# over /usr/share/gocode, no module proxy. Run at build time by chart.cmake. A missing Go
# toolchain or library does not break the build: the reason is written to ERROR_FILE and every
# chart test fails with it.
#
#   cmake -DSOURCE_DIR=<render dir> -DOUTPUT=<binary> -DERROR_FILE=<file> -DCACHE_DIR=<dir>
#         -P build_renderer.cmake
set(packages "golang-go golang-github-masterminds-sprig-dev golang-gopkg-yaml.v2-dev golang-github-xeipuuv-gojsonschema-dev")

find_program(GO_EXECUTABLE go)
if(NOT GO_EXECUTABLE)
  set(error "go is not installed; the chart tests need: apt-get install ${packages}")
else()
  execute_process(
    COMMAND ${CMAKE_COMMAND} -E env GO111MODULE=off GOPATH=/usr/share/gocode GOFLAGS=
            GOPROXY=off GOTOOLCHAIN=local CGO_ENABLED=0 GOCACHE=${CACHE_DIR}
            ${GO_EXECUTABLE} build -o ${OUTPUT} .
    WORKING_DIRECTORY ${SOURCE_DIR}
    RESULT_VARIABLE result
    OUTPUT_VARIABLE log
    ERROR_VARIABLE log)
  if(NOT result EQUAL 0)
    set(error "go build of the chart renderer failed (are ${packages} installed?):\n${log}")
  endif()
endif()

if(DEFINED error)
  file(REMOVE ${OUTPUT})
  file(WRITE ${ERROR_FILE} "${error}\n")
  message(WARNING "${error}")
else()
  file(REMOVE ${ERROR_FILE})
endif()
