// gui_test_main.h — GS_GUI_TEST_MAIN(Class): a QApplication test main that first
// selects the BLAS kernels like the studio does, and keeps QSettings in a
// temporary directory so tests never read or write the user's settings (nor
// write run folders outside it); and
// answerNextMessageBox() for tests that meet a modal question; drop() for
// tests that drop files onto a widget.
#pragma once

#include <QAbstractButton>
#include <QApplication>
#include <QElapsedTimer>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>
#include <QUrl>
#include <QtTest>

#include "core/common/blas_setup.h"

inline void isolateSettings(const QTemporaryDir &dir)
{
    QStandardPaths::setTestModeEnabled(true);
    const QString path = dir.filePath(QStringLiteral("settings"));
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, path);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, path);
    // The studio's training writes run folders: keep them in the temporary directory too.
    QSettings(QStringLiteral("GenStudio"), QStringLiteral("GenStudio"))
        .setValue(QStringLiteral("runs/folder"), dir.filePath(QStringLiteral("runs")));
    // And the session autosave (session/sessionkeeper.h), so no test meets another's.
    QSettings(QStringLiteral("GenStudio"), QStringLiteral("GenStudio"))
        .setValue(QStringLiteral("session/autosavePath"), dir.filePath(QStringLiteral("autosave.gssession")));
}

// Drops the file at `path` onto the middle of `target`, as a person would
// (drag enter, which must be accepted, then drop).
inline void drop(QWidget *target, const QString &path)
{
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(path)});
    const QPoint at = target->rect().center();
    QDragEnterEvent enter(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(target, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent dropped(QPointF(at), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(target, &dropped);
}

// Clicks `buttonName` (or Cancel when empty) in the next modal message box
// that opens within `timeoutMs`; sets *seen when there was one.
inline void answerNextMessageBox(const QString &buttonName, bool *seen, int timeoutMs)
{
    auto *timer = new QTimer;
    timer->setInterval(30);
    auto *deadline = new QElapsedTimer;
    deadline->start();
    QObject::connect(timer, &QTimer::timeout, [timer, deadline, buttonName, seen, timeoutMs] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (box || deadline->elapsed() > timeoutMs) {
            if (box) {
                *seen = true;
                QAbstractButton *button = buttonName.isEmpty()
                                              ? box->button(QMessageBox::Cancel)
                                              : box->findChild<QPushButton *>(buttonName);
                if (button)
                    button->click();
            }
            timer->stop();
            timer->deleteLater();
            delete deadline;
        }
    });
    timer->start();
}

#define GS_GUI_TEST_MAIN(TestClass)             \
    int main(int argc, char **argv)             \
    {                                           \
        gs::set_up_numeric_libraries(argc, argv);    \
        QApplication app(argc, argv);           \
        QTemporaryDir settingsDir;              \
        isolateSettings(settingsDir);           \
        TestClass test;                         \
        QTEST_SET_MAIN_SOURCE_PATH              \
        return QTest::qExec(&test, argc, argv); \
    }
