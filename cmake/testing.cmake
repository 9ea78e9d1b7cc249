# dondoc_add_test(name SOURCES a_test.cpp ... LIBS dondoc::x ... [LABELS slow])
# A GoogleTest executable registered with CTest. Unit tests sit next to their code.
function(dondoc_add_test name)
  if(NOT DONDOC_BUILD_TESTS)
    return()
  endif()
  cmake_parse_arguments(T "" "" "SOURCES;LIBS;LABELS" ${ARGN})
  add_executable(${name} ${T_SOURCES})
  target_link_libraries(${name} PRIVATE ${T_LIBS} GTest::gtest GTest::gtest_main GTest::gmock)
  target_compile_definitions(${name} PRIVATE
    DONDOC_SOURCE_DIR="${CMAKE_SOURCE_DIR}" DONDOC_SHARED_DIR="${DONDOC_SHARED_DIR}" DONDOC_BINARY_DIR="${CMAKE_BINARY_DIR}")
  dondoc_set_warnings(${name})
  gtest_discover_tests(${name} DISCOVERY_TIMEOUT 60 PROPERTIES LABELS "${T_LABELS}")
endfunction()
