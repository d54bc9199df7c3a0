// mainwindow_presenter.cpp — the window's teaching tools (presenter/): the
// presenter layout and its keys, View ▸ Record View… and its indicator.
#include "shell/mainwindow.h"

#include <QStatusBar>
#include <QTabWidget>

#include "presenter/presenterkeys.h"
#include "presenter/presentermode.h"
#include "presenter/viewrecording.h"
#include "training/runrecordingbox.h"
#include "widgets/advancedcontrol.h"

void MainWindow::createPresenter()
{
    mPresenter = new PresenterMode(this, mLook, this);
    PresenterKeys::Actions keys;
    keys.train = mTrainAction;
    keys.continueRun = mContinueAction;
    keys.pause = mPauseAction;
    keys.resume = mResumeAction;
    mKeys = new PresenterKeys(this, mController, keys, this);
    connect(mPresenter, &PresenterMode::toggled, mKeys, &PresenterKeys::setPresenterMode);
    mRecording = new ViewRecording(
        this, [this] { return mViews->currentWidget(); }, this);
    connect(mRecording, &ViewRecording::message, this, [this](const QString &text, bool isError) {
        if (isError)
            showError(text);
        else
            statusBar()->showMessage(text, kStatusTimeoutMs);
    });
    markAdvanced(mRunRecording); // the run folder strip
}

