// recentcheckpointbox.h — the translation panel's model box: the translation
// checkpoints opened recently (kept in the settings, newest first, missing
// files left out), the current one selected, and "Open Another Checkpoint…".
// Choosing an entry asks for that checkpoint to be opened, so checkpoints are
// switched on the fly while the panel keeps its input. A live copy of the
// training session or an imported module is shown as the first entry.
//
// Ownership: a combo box owned by the TranslationView. Thread affinity: GUI
// thread. Failure modes: none; unreadable settings read as an empty list.
#pragma once

#include <QComboBox>

#include "explore/explorationworker.h"

class RecentCheckpointBox : public QComboBox
{
    Q_OBJECT

public:
    static constexpr int kMaxRecent = 8;

    explicit RecentCheckpointBox(QWidget *parent = nullptr);

    // The model now explored: a translation checkpoint joins the list.
    void setModel(const ExplorerInfo &info);
    QStringList recentCheckpoints() const;

signals:
    void openRequested(const QString &path); // another checkpoint was chosen
    void chooseRequested();                  // "Open Another Checkpoint…"

private:
    void refresh();

    ExplorerInfo mInfo;
};
