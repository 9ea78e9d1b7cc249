# dondoc_add_module(<name> OUTPUT <file> ENTRY <entry.cpp> SOURCES <files...> [LIBS <libraries...>])
#
# A part of dondoc built as a module (lib/plugin/plugin.h): its sources become the static,
# position-independent library <name>, which tests and benchmarks link directly, and the module
# <file>.so next to the binary (target <name>_module), made of the library and the entry point
# that the binary finds with dlsym. LIBS are linked privately into both.
function(dondoc_add_module name)
  cmake_parse_arguments(M "" "OUTPUT;ENTRY" "SOURCES;LIBS" ${ARGN})
  add_library(${name} STATIC ${M_SOURCES})
  set_target_properties(${name} PROPERTIES POSITION_INDEPENDENT_CODE ON
    CXX_VISIBILITY_PRESET hidden VISIBILITY_INLINES_HIDDEN ON)
  target_include_directories(${name} PUBLIC ${CMAKE_SOURCE_DIR}/lib)
  target_link_libraries(${name} PRIVATE ${M_LIBS})
  dondoc_set_warnings(${name})
  add_library(${name}_module MODULE ${M_ENTRY})
  set_target_properties(${name}_module PROPERTIES OUTPUT_NAME ${M_OUTPUT} PREFIX "" SUFFIX ".so"
    LIBRARY_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}
    CXX_VISIBILITY_PRESET hidden VISIBILITY_INLINES_HIDDEN ON)
  target_link_libraries(${name}_module PRIVATE ${name})
  if(NOT DONDOC_SANITIZE AND NOT DONDOC_TSAN)
    # Everything the module needs is in it: nothing is left for the binary to provide (the
    # sanitizers' runtimes are, so the check is off in those builds).
    target_link_options(${name}_module PRIVATE -Wl,--no-undefined)
  endif()
  dondoc_set_warnings(${name}_module)
endfunction()
