// lessonperformer.h — what a lesson step's "Do it" does to the studio and
// whether the step's promise holds: loads the preset into the Training dock's
// form, starts or continues runs through TrainingRequests, pauses and resumes
// through the controller, sets form parameters (live while training when the
// spec allows), shows top-level and explorer views, moves named controls,
// presses buttons and opens shipped checkpoints. It reaches the studio only
// through the SidePaneContext.
//
// Ownership: borrows the context's objects (they outlive the pane that owns
// the performer). Thread affinity: GUI thread.
// Failure modes: perform() and promiseGap() return a sentence for a person
// (a control that is missing or disabled, a run that is busy, a checkpoint not
// found) and an empty string on success; nothing is thrown.
#pragma once

#include <QDeadlineTimer>
#include <QObject>
#include <QString>

#include <memory>
#include <optional>

#include "shell/sidepane.h"

class QTimer;
class ExploreView;
struct LessonStep;
struct LessonAction;

class LessonPerformer : public QObject
{
    Q_OBJECT

public:
    LessonPerformer(const SidePaneContext &context, QObject *parent = nullptr);

    // Performs the step's preset and actions in order; stops at the first that
    // fails. A step with a preset waits while the studio is busy (a session
    // loading, a run stopping), and a preset without training first stops a
    // run; an explorer view, control or button that is not there yet (its
    // model still loading) is tried again for up to two minutes. A waiting step
    // goes on by itself; a sentence for a failure then comes as failed().
    QString perform(const LessonStep &step, const QString &lessonFolder);
    void cancelPending(); // a waiting step is dropped (the pane showed another step)
    bool hasPending() const { return mPending.has_value(); }
    // What a waiting step waits for (a sentence), empty when none waits.
    QString pendingReason() const { return mPending ? mPending->reason : QString(); }
    // The step's set_control values again where a view reset them (a model
    // that arrived after Do it); the pane calls it until the promise holds.
    void reassertControls(const LessonStep &step);
    // Empty when everything the step promises holds now, else what is missing.
    QString promiseGap(const LessonStep &step) const;

    // A control by object name under the studio ("parent/child" scopes the search).
    QWidget *findControl(const QString &name) const;

    // Test hook: train actions and step promises use at most this many steps (0: as written).
    void setStepCap(long steps) { mStepCap = steps; }
    long steps(long written) const { return mStepCap > 0 && written > mStepCap ? mStepCap : written; }

signals:
    void failed(const QString &sentence);

private:
    void performPending();
    QString applyPreset(const LessonStep &step);
    QString train(const LessonStep &step, long steps);
    QString setParameter(const QString &key, const QString &value);
    QString setControl(const QString &name, const QJsonValue &value);
    QString press(const QString &name);
    QString openCheckpoint(const QString &file, const QString &lessonFolder);
    ExploreView *explore() const;
    QString controlGap(const QString &name, const QJsonValue &value) const;

    SidePaneContext mContext;
    // A step still being done: the actions from `next` on wait for the studio.
    struct Pending
    {
        std::shared_ptr<const LessonStep> step;
        QString folder;
        int next = 0; // 0 with a preset: the preset too
        QDeadlineTimer deadline;
        QString reason;
    };
    QString performFrom(Pending run);
    QString act(const LessonStep &step, const LessonAction &action, const QString &folder);
    std::optional<Pending> mPending;
    QTimer *mRetry;
    long mStepCap = 0;
    // The last run a lesson asked for: its session is the lesson's (discarded
    // without a question) while it is that model on that data and has not
    // trained beyond the lesson's target (the person did not train it on).
    bool ownsSession() const;
    void ownRun(const std::string &model, const std::string &dataset, long total);
    std::string mOwnModel;
    std::string mOwnDataset;
    long mOwnTotal = -1;
};
