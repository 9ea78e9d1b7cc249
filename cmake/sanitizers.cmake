# DONDOC_SANITIZE=ON builds everything with ASan + UBSan (the asan preset, in build-asan);
# DONDOC_TSAN=ON with ThreadSanitizer (the tsan preset, in build-tsan: the tests labelled "threads"
# and "concurrency", which run the library on several threads at once). Not both.
option(DONDOC_TSAN "Build with ThreadSanitizer" OFF)
if(DONDOC_SANITIZE AND DONDOC_TSAN)
  message(FATAL_ERROR "DONDOC_TSAN and DONDOC_SANITIZE cannot be combined")
endif()
if(DONDOC_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()
if(DONDOC_TSAN)
  add_compile_options(-fsanitize=thread -fno-omit-frame-pointer)
  add_link_options(-fsanitize=thread)
endif()
