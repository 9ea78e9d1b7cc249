# DONDOC_SANITIZE=ON builds everything with ASan + UBSan (the asan preset); DONDOC_SANITIZE_THREAD=ON
# with ThreadSanitizer (the tsan preset, for the concurrency tests). Not both: they exclude each other.
option(DONDOC_SANITIZE_THREAD "Build with ThreadSanitizer" OFF)
if(DONDOC_SANITIZE AND DONDOC_SANITIZE_THREAD)
  message(FATAL_ERROR "DONDOC_SANITIZE and DONDOC_SANITIZE_THREAD cannot be combined")
endif()
if(DONDOC_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()
if(DONDOC_SANITIZE_THREAD)
  add_compile_options(-fsanitize=thread -fno-omit-frame-pointer)
  add_link_options(-fsanitize=thread)
endif()
