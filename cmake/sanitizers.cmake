# DONDOC_SANITIZE=ON builds everything with ASan + UBSan (the asan preset).
if(DONDOC_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()
# DONDOC_TSAN=ON builds everything with ThreadSanitizer (the tsan preset, in build-tsan): for the
# tests labelled "threads", which run the extraction core on several threads at once.
option(DONDOC_TSAN "Build with ThreadSanitizer" OFF)
if(DONDOC_TSAN)
  if(DONDOC_SANITIZE)
    message(FATAL_ERROR "DONDOC_TSAN and DONDOC_SANITIZE cannot be combined")
  endif()
  add_compile_options(-fsanitize=thread -fno-omit-frame-pointer -g)
  add_link_options(-fsanitize=thread)
endif()
