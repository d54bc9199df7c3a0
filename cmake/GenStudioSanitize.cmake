# Sanitizer builds (scripts/sanitize.sh, docs/reliability.md "Sanitizers").
#   GS_SANITIZE=address,undefined   ASan + UBSan (UBSan does not recover: a report fails the test)
#   GS_SANITIZE=thread              TSan
# Every target of the project gets the same flags, so the torch precompiled header is
# shared as in the normal build; jemalloc is left out because the sanitizers bring their
# own allocator. Only our code is instrumented: LibTorch, Qt, OpenCV and OpenBLAS are
# Debian's builds.
set(GS_SANITIZE "" CACHE STRING "Sanitizers to build with: address,undefined | thread | empty")
# Every test's TIMEOUT is multiplied by this (sanitizer builds run several times slower).
set(GS_TEST_TIMEOUT_FACTOR 1 CACHE STRING "Multiplier of every test's TIMEOUT")

if(GS_SANITIZE)
  if(GS_SANITIZE MATCHES "thread" AND GS_SANITIZE MATCHES "address")
    message(FATAL_ERROR "GS_SANITIZE: thread cannot be combined with address")
  endif()
  add_compile_options(-fsanitize=${GS_SANITIZE} -fno-omit-frame-pointer -O1 -g)
  if(GS_SANITIZE MATCHES "undefined")
    add_compile_options(-fno-sanitize-recover=all)
  endif()
  add_link_options(-fsanitize=${GS_SANITIZE})
  message(STATUS "GenStudio: sanitizers ${GS_SANITIZE}, test timeouts x${GS_TEST_TIMEOUT_FACTOR}")
endif()

# Called (deferred) at the end of each test directory: scales the TIMEOUT of its tests.
function(gs_scale_test_timeouts)
  if(GS_TEST_TIMEOUT_FACTOR EQUAL 1)
    return()
  endif()
  get_property(_tests DIRECTORY PROPERTY TESTS)
  foreach(_t IN LISTS _tests)
    get_test_property(${_t} TIMEOUT _timeout)
    if(NOT _timeout)
      set(_timeout 1500)  # ctest's default
    endif()
    math(EXPR _timeout "${_timeout} * ${GS_TEST_TIMEOUT_FACTOR}")
    set_tests_properties(${_t} PROPERTIES TIMEOUT ${_timeout})
  endforeach()
endfunction()
