// temperaturecomparison.h — the Text view's temperature demonstration: the
// same prompt continued at several temperatures (default 0, 0.5, 1, 1.5;
// editable as a list) side by side, same seed, same top-k and top-p, so a
// person sees greedy repetition at 0 and invented words at high temperature.
//
// Ownership: a widget owned by the Text view; borrows the ExplorationWorker.
// Thread affinity: GUI thread; each temperature is one request of its own on
// the exploration thread (purposes "temperature 1" …, newest wins), so the
// columns fill one by one and streaming in the view is not held up. Failure
// modes: a list that is not 1–8 numbers of 0 … 5 is refused with a sentence
// (error signal); a failed job writes its sentence into its column.
#pragma once

#include <QStringList>
#include <QVector>
#include <QWidget>

#include "core/explore/text_explorer.h"

class ExplorationWorker;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QHBoxLayout;

class TemperatureComparison : public QWidget
{
    Q_OBJECT

public:
    TemperatureComparison(ExplorationWorker *worker, QWidget *parent = nullptr);

    // Continues `prompt` by `length` characters at each listed temperature.
    void compare(const QString &prompt, const gs::TextSettings &how, quint64 seed, int length);
    void clear();
    void setTemperatures(const QString &list); // "0, 0.5, 1, 1.5"
    QVector<double> temperatures() const { return mShownTemperatures; }
    QStringList texts() const;  // the columns' continuations (without the prompt), in order; empty until they arrive
    bool isBusy() const { return mPending > 0; }

signals:
    void error(const QString &message);
    void finished();

private:
    bool parse(QVector<double> &out);
    void setColumns(int count);

    ExplorationWorker *mWorker;
    QLineEdit *mList;
    QHBoxLayout *mColumnsLayout;
    QVector<QLabel *> mHeaders;
    QVector<QPlainTextEdit *> mColumns;
    QVector<quint64> mTickets;
    QVector<double> mShownTemperatures;
    QStringList mTexts;
    QString mPrompt;
    int mPending = 0;
};
