// blas_setup.h — choose the fastest correct BLAS kernels for this CPU before any
// numeric work, without the user doing anything.
//
// OpenBLAS picks its kernels once, when the library is loaded (before main), and
// 0.3.21 does not recognise recent Xeons, falling back to slow generic kernels.
// select_blas_kernels() inspects the CPU; when it has AVX-512 and the user has not
// set OPENBLAS_CORETYPE (or GENSTUDIO_NO_BLAS_TUNING) itself, it sets the variable
// and re-executes the program once so the loader picks the AVX-512 kernels.
//
// Ownership: free function. Thread affinity: call first thing in main(), before
// any thread exists. Failure modes: if re-execution fails the program simply
// continues with the kernels already loaded (slower, still correct).
#pragma once

namespace gs {

void select_blas_kernels(int argc, char** argv);

// The kernel name GenStudio would ask for on this CPU ("" when auto-detection
// is already right or the CPU has no AVX-512).
const char* preferred_openblas_coretype();

}  // namespace gs
