# End-to-end tests (test/e2e/run.sh): one CTest test per stack, each with its own etcd and
# kube-apiserver. kube-apiserver and kubectl are unpacked from SGW_KUBE_DIST into the build
# folder when the tests run; KUBE_APISERVER, KUBECTL and ETCD in the environment replace them. A
# machine without them skips the tests (exit 77) with one line saying why.
set(SGW_KUBE_DIST ${PROJECT_SOURCE_DIR}/../shared/kube
    CACHE PATH "Folder with kube-apiserver-*.xz, kubectl-*.xz and SHA256SUMS for test/e2e")
set(SGW_E2E_CRDS ${PROJECT_SOURCE_DIR}/../shared/fixtures/crds
    CACHE PATH "Folder with the Strimzi and Gateway API CRDs for test/e2e")
# A stack listed here is registered but disabled (test/e2e/run.sh STACK still runs it).
set(SGW_E2E_DISABLED_STACKS "" CACHE STRING "test/e2e stacks registered as disabled")

foreach(stack 0.43 1.2)
  set(name e2e-strimzi-${stack})
  add_test(NAME ${name} COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/e2e/run.sh ${stack})
  set_tests_properties(${name} PROPERTIES
    LABELS e2e
    TIMEOUT 600
    SKIP_RETURN_CODE 77
    # One API server at a time: two would starve each other on a small machine.
    RESOURCE_LOCK sgw-e2e-apiserver
    ENVIRONMENT "SGW_WEBHOOK=$<TARGET_FILE:strimzi-gateway-webhook>;SGW_CHART_RENDERER=${SGW_CHART_RENDERER};SGW_KUBE_DIST=${SGW_KUBE_DIST};SGW_E2E_CRDS_DEFAULT=${SGW_E2E_CRDS};SGW_E2E_BIN_DIR=${CMAKE_BINARY_DIR}/e2e/bin")
  if(stack IN_LIST SGW_E2E_DISABLED_STACKS)
    set_tests_properties(${name} PROPERTIES DISABLED TRUE)
  endif()
endforeach()
