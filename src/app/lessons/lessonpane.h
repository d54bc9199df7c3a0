// lessonpane.h — the Lessons side pane: pick a built-in lesson (":/lessons",
// from resources/lessons/) or open a lesson file, then walk its steps with
// Back / Next / Restart (Page Down anywhere in the window is Next). Each step
// shows its text and highlights its controls with a frame; "Do it" performs
// its preset and actions (LessonPerformer) and the line below says when what
// the step promises holds, or what is still missing. The person can touch
// every control in between: the pane never locks anything.
//
// Ownership: owned by its dock; borrows the SidePaneContext's objects. Owns
// the performer, the highlights and the Open Lesson action (listed in the
// View menu through SidePane::viewActions).
// Thread affinity: GUI thread.
// Failure modes: a lesson file that cannot be read or is invalid is refused
// with its sentence in the pane (the current lesson stays); a step whose
// action cannot be done says why in the pane.
#pragma once

#include <QPointer>
#include <QVector>
#include <QWidget>

#include "lessons/lesson.h"
#include "shell/sidepane.h"

class QAction;
class QComboBox;
class QLabel;
class QPushButton;
class QTextBrowser;
class QTimer;
class ControlHighlight;
class LessonPerformer;

class LessonPane : public QWidget
{
    Q_OBJECT

public:
    LessonPane(const SidePaneContext &context, QWidget *parent = nullptr);
    ~LessonPane() override;

    static SidePane create(const SidePaneContext &context, QWidget *parent);

    // Loads a lesson file; false (and the sentence shown in the pane and kept
    // in lastError()) when it is refused.
    bool openLesson(const QString &path);
    void chooseLessonFile(); // a file dialog, then openLesson
    // The command line's --lesson and --lesson-step: a lesson file, or a
    // built-in lesson by file name with or without ".json"; `step` counts
    // from 1. Empty on success, else the sentence (also shown in the pane).
    QString openNamed(const QString &nameOrPath, int step);
    QString lastError() const { return mError; }

    const Lesson &lesson() const { return mLesson; }
    int stepIndex() const { return mStep; }
    void showStep(int index);
    void next();
    void back();
    void restart();
    void doIt();

    // Empty when the current step's promise holds (LessonPerformer::promiseGap).
    QString promiseGap() const;
    QAction *openAction() const { return mOpenAction; }
    LessonPerformer *performer() const { return mPerformer; }
    QVector<ControlHighlight *> highlights() const { return mHighlights; }

private:
    void showLesson();
    void clearHighlights();
    void highlightStep();
    void updateStatus();
    void showMessage(const QString &text, bool error);

    SidePaneContext mContext;
    LessonPerformer *mPerformer;
    Lesson mLesson;
    int mStep = -1;
    bool mDone = false; // Do it was pressed on this step
    QString mError;
    QVector<ControlHighlight *> mHighlights;

    QComboBox *mLessonCombo;
    QLabel *mTitle;
    QLabel *mCounter;
    QTextBrowser *mText;
    QLabel *mStatus;
    QPushButton *mBack;
    QPushButton *mNext;
    QPushButton *mRestart;
    QPushButton *mDoIt;
    QAction *mOpenAction;
    QTimer *mStatusTimer;
};
