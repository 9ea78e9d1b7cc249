# Warnings for the project's own targets: dondoc_set_warnings(target)
function(dondoc_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow=local -Wno-missing-field-initializers)
  if(DONDOC_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
    # g++ 12 warns -Wrestrict inside libstdc++ for `"literal" + std::string` at -O2 and above (GCC
    # bugs 105329, 105651): a false positive in the standard library, fixed in g++ 13, that would
    # stop a build with warnings as errors.
    if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
      target_compile_options(${target} PRIVATE -Wno-restrict)
    endif()
  endif()
endfunction()
