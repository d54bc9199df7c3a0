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

#include <QObject>
#include <QString>

#include "shell/sidepane.h"

class ExploreView;
struct LessonStep;
struct LessonAction;

class LessonPerformer : public QObject
{
    Q_OBJECT

public:
    LessonPerformer(const SidePaneContext &context, QObject *parent = nullptr);

    // Performs the step's preset and actions in order; stops at the first that fails.
    QString perform(const LessonStep &step, const QString &lessonFolder);
    // Empty when everything the step promises holds now, else what is missing.
    QString promiseGap(const LessonStep &step) const;

    // A control by object name under the studio ("parent/child" scopes the search).
    QWidget *findControl(const QString &name) const;

    // Test hook: train actions and step promises use at most this many steps (0: as written).
    void setStepCap(long steps) { mStepCap = steps; }
    long steps(long written) const { return mStepCap > 0 && written > mStepCap ? mStepCap : written; }

private:
    QString applyPreset(const LessonStep &step);
    QString train(const LessonStep &step, long steps);
    QString setParameter(const QString &key, const QString &value);
    QString setControl(const QString &name, const QJsonValue &value);
    QString press(const QString &name);
    QString openCheckpoint(const QString &file, const QString &lessonFolder);
    ExploreView *explore() const;
    QString controlGap(const QString &name, const QJsonValue &value) const;

    SidePaneContext mContext;
    long mStepCap = 0;
    bool mStartPending = false; // our startTrainingWith has not been queued yet
    bool mOwnSession = false;   // the current session was started by a lesson
};
