# genstudio_executable_setup(target)
# Links jemalloc (small models are allocation-bound) and puts Debian's OpenMP
# OpenBLAS first on the search path of libblas.so.3 for this executable and the
# libraries it loads (DT_RPATH, which, unlike DT_RUNPATH, also applies to
# libtorch's own dependency on libblas.so.3). When that package is missing the
# system's libblas.so.3 alternative is used; runtime_info reports which one.
set(GENSTUDIO_OPENBLAS_DIR "/usr/lib/x86_64-linux-gnu/openblas-openmp" CACHE PATH
    "Directory searched first for libblas.so.3 by GenStudio executables")
function(genstudio_executable_setup target)
  if(JEMALLOC_LIBRARY)
    target_link_libraries(${target} PRIVATE ${JEMALLOC_LIBRARY})
  endif()
  target_link_options(${target} PRIVATE "LINKER:--disable-new-dtags"
                      "LINKER:-rpath,${GENSTUDIO_OPENBLAS_DIR}")
endfunction()
