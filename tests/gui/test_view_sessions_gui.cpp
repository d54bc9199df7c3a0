// test_view_sessions_gui.cpp — the session-file parts that came after the
// first sessions: the controls of the Map, Diffusion, Text, Style mix and
// Translate views go through a saved and reopened .gssession unchanged
// (every named control of each view is changed first, so a control that is
// not saved or not restored fails); ControlState applies a restored state
// again when the model comes and leaves out what does not fit; File ▸ Open
// Recent Session lists saved and opened sessions (at most 8, newest first),
// opens them, and removes a missing one with a sentence in the banner.
#include <QAbstractButton>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFile>
#include <QLineEdit>
#include <QRadioButton>
#include <QSignalSpy>
#include <QSlider>
#include <QSpinBox>
#include <QTemporaryDir>

#include <memory>

#include "explore/controlstate.h"
#include "explore/exploreview.h"
#include "gui_test_main.h"
#include "session/recentsessionsmenu.h"
#include "session/sessionkeeper.h"
#include "shell/mainwindow.h"
#include "support/studiosettings.h"
#include "widgets/messagebanner.h"

namespace {

const QStringList kViews = {QStringLiteral("map"), QStringLiteral("diffusion"),
                            QStringLiteral("textgen"), QStringLiteral("style"),
                            QStringLiteral("translate")};

ExploreView *exploreOf(MainWindow *w)
{
    return w->topView<ExploreView>(QStringLiteral("explore"));
}

std::unique_ptr<MainWindow> makeWindow()
{
    auto window = std::make_unique<MainWindow>();
    window->setConfirmDiscard(false);
    window->resize(1200, 800);
    window->show();
    return window;
}

// Changes every control named in `state` inside `page` to another valid value.
void changeControls(QWidget *page, const QJsonObject &state)
{
    for (const QString &name : state.keys()) {
        QWidget *w = page->findChild<QWidget *>(name);
        QVERIFY2(w, qPrintable(name));
        if (auto *spin = qobject_cast<QSpinBox *>(w))
            spin->setValue(spin->value() < spin->maximum() ? spin->value() + 1 : spin->minimum());
        else if (auto *dspin = qobject_cast<QDoubleSpinBox *>(w))
            dspin->setValue(dspin->value() + dspin->singleStep() <= dspin->maximum()
                                ? dspin->value() + dspin->singleStep()
                                : dspin->minimum());
        else if (auto *slider = qobject_cast<QSlider *>(w))
            slider->setValue(slider->value() < slider->maximum() ? slider->value() + 1 : slider->minimum());
        else if (auto *combo = qobject_cast<QComboBox *>(w); combo && combo->count() > 1)
            combo->setCurrentIndex((combo->currentIndex() + 1) % combo->count());
        else if (auto *radio = qobject_cast<QRadioButton *>(w); radio && !radio->isChecked())
            radio->setChecked(true);
        else if (auto *check = qobject_cast<QAbstractButton *>(w); check && !qobject_cast<QRadioButton *>(w))
            check->toggle();
        else if (auto *edit = qobject_cast<QLineEdit *>(w))
            edit->setText(QStringLiteral("a prompt kept by the session"));
    }
}

} // namespace

class ViewSessionsGuiTest : public QObject
{
    Q_OBJECT

private slots:
    void viewControlsRoundTripThroughASessionFile()
    {
        const QString path = mDir.filePath(QStringLiteral("views.gssession"));
        QHash<QString, QJsonObject> saved;
        {
            auto window = makeWindow();
            for (const QString &id : kViews) {
                ExplorerView *view = exploreOf(window.get())->explorerView(id);
                QVERIFY2(view, qPrintable(id));
                const QJsonObject before = view->sessionState();
                QVERIFY2(!before.isEmpty(), qPrintable(id + QStringLiteral(" saves nothing")));
                changeControls(view->widget(), before);
                saved.insert(id, view->sessionState());
                QVERIFY2(saved.value(id) != before, qPrintable(id + QStringLiteral(" did not change")));
            }
            QVERIFY(saved.value(QStringLiteral("textgen")).contains(QStringLiteral("textPrompt")));
            QVERIFY(saved.value(QStringLiteral("diffusion")).contains(QStringLiteral("diffusionTimestep")));
            QVERIFY(saved.value(QStringLiteral("style")).contains(QStringLiteral("psiBox")));
            QVERIFY(saved.value(QStringLiteral("map")).contains(QStringLiteral("mapPoints")));
            QVERIFY(saved.value(QStringLiteral("translate")).value(QStringLiteral("directionBtoA")).toBool());
            QSignalSpy written(window->sessionKeeper(), &SessionKeeper::sessionSaved);
            QVERIFY(window->sessionKeeper()->saveSession(path));
            QTRY_COMPARE(written.count(), 1);
        }
        auto window = makeWindow();
        for (const QString &id : kViews)
            QVERIFY(exploreOf(window.get())->explorerView(id)->sessionState() != saved.value(id));
        QSignalSpy restored(window->sessionKeeper(), &SessionKeeper::sessionRestored);
        QVERIFY(window->sessionKeeper()->openSession(path));
        QTRY_COMPARE(restored.count(), 1);
        for (const QString &id : kViews)
            QCOMPARE(exploreOf(window.get())->explorerView(id)->sessionState(), saved.value(id));
    }

    void controlStateAppliesAgainWhenTheModelComes()
    {
        QWidget page;
        auto *spin = new QSpinBox(&page);
        spin->setObjectName(QStringLiteral("count"));
        spin->setRange(0, 10);
        auto *slider = new QSlider(&page);
        slider->setObjectName(QStringLiteral("timestep"));
        slider->setRange(0, 0); // no model yet
        auto *combo = new QComboBox(&page);
        combo->setObjectName(QStringLiteral("axis"));
        combo->addItems({QStringLiteral("PC 1"), QStringLiteral("PC 2")});
        const QList<QWidget *> controls{spin, slider, combo};

        const QJsonObject state{{QStringLiteral("count"), 7},
                                {QStringLiteral("timestep"), 40},
                                {QStringLiteral("axis"), QStringLiteral("PC 9")}};
        ControlState keeper;
        keeper.restore(state, controls);
        QCOMPARE(spin->value(), 7);
        QCOMPARE(slider->value(), 0);            // out of range: left out, not clamped
        QCOMPARE(combo->currentIndex(), 0);      // not offered: left out
        QVERIFY(keeper.hasPending());

        // The model comes: it resets the count and gives the scrubber its range.
        spin->setValue(0);
        slider->setRange(0, 99);
        keeper.modelArrived(controls);
        QCOMPARE(spin->value(), 7);
        QCOMPARE(slider->value(), 40);
        // What never fitted is tried once more, then forgotten.
        keeper.modelArrived(controls);
        QVERIFY(!keeper.hasPending());
        spin->setValue(3);
        keeper.modelArrived(controls);
        QCOMPARE(spin->value(), 3);
        QCOMPARE(ControlState::save(controls).value(QStringLiteral("axis")).toString(), QStringLiteral("PC 1"));
    }

    void openRecentSessionListsOpensAndForgetsMissingFiles()
    {
        StudioSettings().clearRecentSessions();
        auto window = makeWindow();
        SessionKeeper *keeper = window->sessionKeeper();
        const QString first = mDir.filePath(QStringLiteral("first.gssession"));
        const QString second = mDir.filePath(QStringLiteral("second.gssession"));
        QSignalSpy written(keeper, &SessionKeeper::sessionSaved);
        QVERIFY(keeper->saveSession(first));
        QVERIFY(keeper->saveSession(second));
        QTRY_COMPARE(written.count(), 2);
        QCOMPARE(StudioSettings().recentSessions(), (QStringList{second, first}));

        RecentSessionsMenu *menu = keeper->recentMenu();
        QVERIFY(menu);
        menu->rebuild();
        QStringList listed;
        for (QAction *action : menu->actions()) {
            if (!action->data().toString().isEmpty())
                listed << action->data().toString();
        }
        QCOMPARE(listed, (QStringList{second, first}));

        // Opening one from the menu restores it and moves it to the front.
        QSignalSpy restored(keeper, &SessionKeeper::sessionRestored);
        QVERIFY(menu->openRecent(first));
        QTRY_COMPARE(restored.count(), 1);
        QCOMPARE(StudioSettings().recentSessions().first(), first);

        // A file that is gone: removed, with a sentence.
        QVERIFY(QFile::remove(second));
        QVERIFY(!menu->openRecent(second));
        QVERIFY(!StudioSettings().recentSessions().contains(second));
        QVERIFY2(window->messageBanner()->text().contains(QStringLiteral("no longer exists")),
                 qPrintable(window->messageBanner()->text()));
        QCOMPARE(restored.count(), 1);

        // At most eight, newest first.
        for (int i = 0; i < 11; ++i)
            StudioSettings().addRecentSession(mDir.filePath(QStringLiteral("s%1.gssession").arg(i)));
        const QStringList recent = StudioSettings().recentSessions();
        QCOMPARE(recent.size(), StudioSettings::kMaxRecentSessions);
        QCOMPARE(recent.first(), mDir.filePath(QStringLiteral("s10.gssession")));
    }

private:
    QTemporaryDir mDir;
};

GS_GUI_TEST_MAIN(ViewSessionsGuiTest)
#include "test_view_sessions_gui.moc"
