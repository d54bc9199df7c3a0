// gui_test_main.h — GS_GUI_TEST_MAIN(Class): a QApplication test main that first
// selects the BLAS kernels like the studio does, and keeps QSettings in a
// temporary directory so tests never read or write the user's settings.
#pragma once

#include <QApplication>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include "core/common/blas_setup.h"

inline void isolateSettings(const QTemporaryDir &dir)
{
    QStandardPaths::setTestModeEnabled(true);
    const QString path = dir.filePath(QStringLiteral("settings"));
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, path);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, path);
}

#define GS_GUI_TEST_MAIN(TestClass)             \
    int main(int argc, char **argv)             \
    {                                           \
        gs::select_blas_kernels(argc, argv);    \
        QApplication app(argc, argv);           \
        QTemporaryDir settingsDir;              \
        isolateSettings(settingsDir);           \
        TestClass test;                         \
        QTEST_SET_MAIN_SOURCE_PATH              \
        return QTest::qExec(&test, argc, argv); \
    }
