// guidancebox.h — the Diffusion view's class controls for class-conditional
// diffusion models: the class picker ("any class" or one the model learned),
// the classifier-free guidance scale w on a slider (0 … 8 by 0.1; ε̃ =
// (1 + w)·ε(x, c) − w·ε(x, ∅), w = 0 the conditional model alone), and a row
// per w of the same seed's samples at w = 0, 1 and 3, so a person sees what
// guidance does. Hidden for other models.
//
// Ownership: a widget owned by the DiffusionView; borrows the worker for its
// class picker. Thread affinity: GUI thread; the rows are computed by the
// view's own job. Failure modes: none of its own (the view reports failures).
#pragma once

#include <QGroupBox>
#include <QImage>
#include <QVector>

#include "explore/explorationworker.h"

class QLabel;
class QPushButton;
class QSlider;
class ClassPicker;
class ImageView;

class GuidanceBox : public QGroupBox
{
    Q_OBJECT

public:
    explicit GuidanceBox(ExplorationWorker *worker, QWidget *parent = nullptr);

    void modelChanged(const ExplorerInfo &info); // shows itself for conditional models
    bool isConditional() const;
    int classLabel() const;          // −1: any class
    double guidance() const;         // w ≥ 0; 0 when no class is chosen (nothing to guide)
    void setClassLabel(int label);
    void setGuidance(double w);
    static QVector<double> rowGuidances() { return {0.0, 1.0, 3.0}; }
    void setRows(const QImage &rows, const QString &caption);
    void clearRows();
    ClassPicker *picker() const { return mPicker; }
    ImageView *rows() const { return mRows; }

signals:
    void changed();          // the class or w changed
    void rowsRequested();    // the "same seed at w = 0, 1, 3" button
    void failed(const QString &message);

private:
    void updateLabel();

    ClassPicker *mPicker;
    QSlider *mGuidance;
    QLabel *mValue;
    QPushButton *mRowsButton;
    ImageView *mRows;
    QLabel *mCaption;
};
