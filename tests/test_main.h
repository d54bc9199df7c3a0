// test_main.h — GS_TEST_MAIN(Class): like QTEST_GUILESS_MAIN, but first selects
// the BLAS kernels exactly as the applications do, so tests exercise what users run.
#pragma once

#include <QCoreApplication>
#include <QtTest>

#include "core/common/blas_setup.h"

#define GS_TEST_MAIN(TestClass)                  \
  int main(int argc, char** argv) {              \
    gs::set_up_numeric_libraries(argc, argv);    \
    QCoreApplication app(argc, argv);            \
    TestClass tc;                                \
    QTEST_SET_MAIN_SOURCE_PATH                   \
    return QTest::qExec(&tc, argc, argv);        \
  }
