// blas_setup.h — set up the numeric libraries (OpenBLAS, OpenMP) for this CPU
// before any numeric work, without the user doing anything.
//
// Both libraries read their settings once, when they are loaded (before main):
// - OpenBLAS picks its kernels, and 0.3.21 does not recognise recent Xeons,
//   falling back to slow generic kernels. On a CPU with AVX-512, unless the user
//   set OPENBLAS_CORETYPE (or GENSTUDIO_NO_BLAS_TUNING) itself, the variable is
//   set to SkylakeX.
// - GNU OpenMP spins idle threads for a long time by default, which stalls every
//   step by a time slice whenever another busy process shares the cores; unless
//   the user set OMP_WAIT_POLICY or GOMP_SPINCOUNT, GOMP_SPINCOUNT is set to
//   kOpenMpSpinCount (as fast as the default on idle cores, 7x faster than it
//   with one core busy elsewhere; numbers in blas_setup.cpp).
// When either was set, set_up_numeric_libraries() re-executes the program once
// (GENSTUDIO_BLAS_REEXEC marks the second run) so the loader sees them.
//
// Ownership: free function. Thread affinity: call first thing in main(), before
// any thread exists. Failure modes: if re-execution fails the program simply
// continues with the libraries as loaded (slower, still correct).
#pragma once

namespace gs {

// Rounds an idle OpenMP thread spins before it sleeps, unless the user chose.
constexpr const char* kOpenMpSpinCount = "10000";

void set_up_numeric_libraries(int argc, char** argv);

// The kernel name GenStudio would ask for on this CPU ("" when auto-detection
// is already right or the CPU has no AVX-512).
const char* preferred_openblas_coretype();

}  // namespace gs
