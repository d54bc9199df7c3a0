// classpicker.h — the class picker of class-conditional models
// (gs::kClassConditional): a combo box of "any class" and the classes the
// model learned (their names from the dataset, read from the model by a job of
// its own), shown only for such models. The Diffusion and PixelCNN views use it.
//
// Ownership: a widget owned by its view; borrows the ExplorationWorker. Thread
// affinity: GUI thread; the names come from the exploration thread as this
// widget's own request (purpose "classes"). Failure modes: a failed job leaves
// "any class" alone and emits failed(sentence).
#pragma once

#include <QComboBox>

#include "explore/explorationworker.h"

class ClassPicker : public QComboBox
{
    Q_OBJECT

public:
    explicit ClassPicker(ExplorationWorker *worker, QWidget *parent = nullptr);

    // Shows the picker for a class-conditional model (and asks for its classes)
    // and hides it for any other; keeps the chosen class when the names stay.
    void modelChanged(const ExplorerInfo &info);
    bool isConditional() const { return mConditional; }
    // The chosen class, 0 … K−1, or −1 for "any class" (and for other models).
    int classLabel() const;
    void setClassLabel(int label);
    QStringList classNames() const { return mNames; }

signals:
    void classChanged(int label);
    void namesArrived();
    void failed(const QString &message);

private:
    void setNames(const QStringList &names);

    ExplorationWorker *mWorker;
    bool mConditional = false;
    QStringList mNames;
    quint64 mRequested = 0;
};
