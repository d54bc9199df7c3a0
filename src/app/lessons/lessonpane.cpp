// lessonpane.cpp — the Lessons side pane (lessonpane.h).
#include "lessons/lessonpane.h"

#include <QAction>
#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QShortcut>
#include <QTextBrowser>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include "core/common/error.h"
#include "lessons/controlhighlight.h"
#include "lessons/lessonperformer.h"
#include "support/studiosettings.h"

namespace {

constexpr int kFileItem = -1; // the combo's entry for a lesson opened from a file

} // namespace

SidePane LessonPane::create(const SidePaneContext &context, QWidget *parent)
{
    auto *pane = new LessonPane(context, parent);
    return {pane, {pane->openAction()}};
}

LessonPane::LessonPane(const SidePaneContext &context, QWidget *parent)
    : QWidget(parent)
    , mContext(context)
    , mPerformer(new LessonPerformer(context, this))
    , mLessonCombo(new QComboBox(this))
    , mTitle(new QLabel(this))
    , mCounter(new QLabel(this))
    , mText(new QTextBrowser(this))
    , mStatus(new QLabel(this))
    , mBack(new QPushButton(tr("◀ Back"), this))
    , mNext(new QPushButton(tr("Next ▶"), this))
    , mRestart(new QPushButton(tr("Restart"), this))
    , mDoIt(new QPushButton(tr("Do it"), this))
    , mOpenAction(new QAction(tr("Open Lesson File…"), this))
    , mStatusTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("lessonPane"));
    mLessonCombo->setObjectName(QStringLiteral("lessonCombo"));
    mTitle->setObjectName(QStringLiteral("lessonTitle"));
    mCounter->setObjectName(QStringLiteral("lessonStepCounter"));
    mText->setObjectName(QStringLiteral("lessonText"));
    mStatus->setObjectName(QStringLiteral("lessonStatus"));
    mBack->setObjectName(QStringLiteral("lessonBackButton"));
    mNext->setObjectName(QStringLiteral("lessonNextButton"));
    mRestart->setObjectName(QStringLiteral("lessonRestartButton"));
    mDoIt->setObjectName(QStringLiteral("lessonDoItButton"));
    mOpenAction->setObjectName(QStringLiteral("openLessonAction"));

    auto *openButton = new QToolButton(this);
    openButton->setObjectName(QStringLiteral("openLessonButton"));
    openButton->setDefaultAction(mOpenAction);
    openButton->setText(tr("Open…"));
    mOpenAction->setToolTip(tr("Open a lesson file (.json, see docs/teaching.md)."));

    QFont titleFont = mTitle->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.2);
    mTitle->setFont(titleFont);
    mTitle->setWordWrap(true);
    mCounter->setWordWrap(true);
    // The long titles of lessons must not widen the dock.
    mLessonCombo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    mLessonCombo->setMinimumContentsLength(18);
    mText->setOpenExternalLinks(true);
    mText->setMinimumWidth(240);
    mStatus->setWordWrap(true);
    mStatus->setTextFormat(Qt::PlainText);
    mDoIt->setToolTip(tr("Perform this step: load its preset, train, move its controls."));
    mNext->setToolTip(tr("The next step (Page Down)."));

    auto *pick = new QHBoxLayout;
    pick->addWidget(mLessonCombo, 1);
    pick->addWidget(openButton);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(mBack);
    buttons->addWidget(mDoIt, 1);
    buttons->addWidget(mNext);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(pick);
    layout->addWidget(mTitle);
    layout->addWidget(mCounter);
    layout->addWidget(mText, 1);
    layout->addWidget(mStatus);
    layout->addLayout(buttons);
    layout->addWidget(mRestart, 0, Qt::AlignLeft);

    // The built-in lessons, by title.
    for (const QString &file : Lesson::builtinFiles()) {
        try {
            mLessonCombo->addItem(Lesson::fromFile(file).title, file);
        } catch (const gs::Error &e) {
            mError = QString::fromStdString(e.what());
        }
    }
    connect(mLessonCombo, &QComboBox::activated, this, [this](int index) {
        const QString file = mLessonCombo->itemData(index).toString();
        if (!file.isEmpty())
            openLesson(file);
    });
    connect(mPerformer, &LessonPerformer::failed, this, [this](const QString &sentence) {
        mStatusTimer->stop();
        showMessage(sentence, true);
    });
    connect(mOpenAction, &QAction::triggered, this, &LessonPane::chooseLessonFile);
    connect(mBack, &QPushButton::clicked, this, &LessonPane::back);
    connect(mNext, &QPushButton::clicked, this, &LessonPane::next);
    connect(mRestart, &QPushButton::clicked, this, &LessonPane::restart);
    connect(mDoIt, &QPushButton::clicked, this, &LessonPane::doIt);
    auto *pageDown = new QShortcut(QKeySequence(Qt::Key_PageDown), this);
    pageDown->setObjectName(QStringLiteral("lessonNextShortcut"));
    pageDown->setContext(Qt::WindowShortcut);
    connect(pageDown, &QShortcut::activated, this, &LessonPane::next);
    mStatusTimer->setInterval(250);
    connect(mStatusTimer, &QTimer::timeout, this, &LessonPane::updateStatus);

    if (mLessonCombo->count() > 0 && mError.isEmpty())
        openLesson(mLessonCombo->itemData(0).toString());
    else
        showLesson();
}

LessonPane::~LessonPane()
{
    clearHighlights();
}

bool LessonPane::openLesson(const QString &path)
{
    try {
        Lesson lesson = Lesson::fromFile(path, [this](const QString &name) {
            return mPerformer->findControl(name) != nullptr;
        });
        mLesson = std::move(lesson);
    } catch (const gs::Error &e) {
        mError = QString::fromStdString(e.what());
        showMessage(mError, true);
        return false;
    }
    mError.clear();
    const int index = mLessonCombo->findData(path);
    if (index >= 0) {
        mLessonCombo->setCurrentIndex(index);
    } else {
        const int fileIndex = mLessonCombo->findData(kFileItem, Qt::UserRole + 1);
        if (fileIndex >= 0)
            mLessonCombo->removeItem(fileIndex);
        mLessonCombo->addItem(tr("%1 (%2)").arg(mLesson.title, QFileInfo(path).fileName()), path);
        mLessonCombo->setItemData(mLessonCombo->count() - 1, kFileItem, Qt::UserRole + 1);
        mLessonCombo->setCurrentIndex(mLessonCombo->count() - 1);
    }
    mStep = 0;
    showLesson();
    return true;
}

QString LessonPane::openNamed(const QString &nameOrPath, int step)
{
    QString path = nameOrPath.isEmpty() ? mLesson.source : nameOrPath;
    if (!QFileInfo(path).isFile()) {
        const QString wanted = QFileInfo(path).completeBaseName();
        QStringList names;
        path.clear();
        for (const QString &file : Lesson::builtinFiles()) {
            names << QFileInfo(file).completeBaseName();
            if (names.last() == wanted)
                path = file;
        }
        if (path.isEmpty()) {
            mError = tr("There is no lesson file “%1” and no built-in lesson of that name; the built-in lessons "
                        "are %2.")
                         .arg(nameOrPath, names.join(QStringLiteral(", ")));
            showMessage(mError, true);
            return mError;
        }
    }
    if (!openLesson(path))
        return mError;
    if (step > mLesson.steps.size()) {
        mError = tr("The lesson “%1” has %2 steps, so it has no step %3.")
                     .arg(mLesson.title)
                     .arg(mLesson.steps.size())
                     .arg(step);
        showMessage(mError, true);
        return mError;
    }
    showStep(step - 1);
    return {};
}

void LessonPane::chooseLessonFile()
{
    StudioSettings settings;
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Lesson"), settings.lastDirectory(),
                                                      tr("Lessons (*.json);;All files (*)"));
    if (path.isEmpty())
        return;
    settings.setLastDirectory(QFileInfo(path).absolutePath());
    openLesson(path);
}

void LessonPane::showLesson()
{
    const bool any = !mLesson.steps.isEmpty();
    mTitle->setText(any ? mLesson.title : tr("No lesson"));
    if (any)
        showStep(qBound(0, mStep, int(mLesson.steps.size()) - 1));
    else {
        mText->setHtml(tr("<p>No lesson is loaded.</p>"));
        mCounter->clear();
    }
    mDoIt->setEnabled(any);
    mRestart->setEnabled(any);
    if (!mError.isEmpty())
        showMessage(mError, true);
}

void LessonPane::showStep(int index)
{
    if (mLesson.steps.isEmpty() || index < 0 || index >= mLesson.steps.size())
        return;
    mStep = index;
    mDone = false;
    const LessonStep &step = mLesson.steps[index];
    mCounter->setText(tr("Step %1 of %2%3")
                          .arg(index + 1)
                          .arg(mLesson.steps.size())
                          .arg(step.title.isEmpty() ? QString() : tr(": %1").arg(step.title)));
    QString html = step.text;
    if (index == 0 && !mLesson.summary.isEmpty())
        html = QStringLiteral("<p><i>%1</i></p>").arg(mLesson.summary) + html;
    mText->setHtml(html);
    mBack->setEnabled(index > 0);
    mNext->setEnabled(index + 1 < mLesson.steps.size());
    const bool acts = step.preset.present || !step.actions.isEmpty();
    mDoIt->setEnabled(acts);
    mDoIt->setToolTip(acts ? tr("Perform this step: load its preset, train, move its controls.")
                           : tr("This step has nothing to do: read it, try the controls, then go on."));
    mStatusTimer->stop();
    mPerformer->cancelPending();
    showMessage(QString(), false);
    highlightStep();
}

void LessonPane::next()
{
    if (mStep + 1 < mLesson.steps.size())
        showStep(mStep + 1);
}

void LessonPane::back()
{
    if (mStep > 0)
        showStep(mStep - 1);
}

void LessonPane::restart()
{
    showStep(0);
}

void LessonPane::doIt()
{
    if (mStep < 0 || mStep >= mLesson.steps.size())
        return;
    const LessonStep &step = mLesson.steps[mStep];
    const QString folder = QFileInfo(mLesson.source).absolutePath();
    const QString error = mPerformer->perform(step, folder);
    if (!error.isEmpty()) {
        showMessage(error, true);
        return;
    }
    mDone = true;
    highlightStep(); // controls of a new model or view exist now
    updateStatus();
    mStatusTimer->start();
}

QString LessonPane::promiseGap() const
{
    if (mStep < 0 || mStep >= mLesson.steps.size())
        return tr("no lesson step is shown");
    return mPerformer->promiseGap(mLesson.steps[mStep]);
}

void LessonPane::updateStatus()
{
    if (!mDone)
        return;
    const LessonStep &step = mLesson.steps[mStep];
    // Controls of a model or view that came since: frame them too.
    bool stale = mHighlights.size() != step.highlights.size();
    for (const ControlHighlight *highlight : mHighlights)
        stale = stale || !highlight->target();
    if (stale)
        highlightStep();
    if (mPerformer->hasPending()) {
        showMessage(tr("Working… (%1)").arg(mPerformer->pendingReason()), false);
        return;
    }
    QString gap = promiseGap();
    if (!gap.isEmpty()) {
        mPerformer->reassertControls(step);
        gap = promiseGap();
    }
    if (gap.isEmpty()) {
        mStatusTimer->stop();
        showMessage(step.promise.isEmpty() ? tr("Done.") : tr("Done: everything this step promises is there."),
                    false);
    } else {
        showMessage(tr("Working… (%1)").arg(gap), false);
    }
}

void LessonPane::clearHighlights()
{
    qDeleteAll(mHighlights);
    mHighlights.clear();
}

void LessonPane::highlightStep()
{
    clearHighlights();
    if (mStep < 0 || mStep >= mLesson.steps.size())
        return;
    QStringList missing;
    for (const QString &name : mLesson.steps[mStep].highlights) {
        if (QWidget *control = mPerformer->findControl(name))
            mHighlights << new ControlHighlight(control, name, this);
        else
            missing << name;
    }
    if (!missing.isEmpty() && mDone)
        showMessage(tr("This step points at %1, which the studio does not show for this model.")
                        .arg(missing.join(QStringLiteral(", "))),
                    true);
}

void LessonPane::showMessage(const QString &text, bool error)
{
    mStatus->setText(text);
    mStatus->setProperty("error", error);
    mStatus->setStyleSheet(error ? QStringLiteral("color: #c62828;") : QString());
    mStatus->setVisible(!text.isEmpty());
}
