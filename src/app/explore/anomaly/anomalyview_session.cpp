// anomalyview_session.cpp — the Anomaly view's part of a session file: how
// many test images are scored and the normal class the user picked (by number,
// with its name to check it against). The count goes through ControlState
// (keyed by object name, applied at once and again when a model comes); the
// class is set once scores whose class of that number has that name are shown
// — tried on two results, then forgotten. A class the checkpoint chose by
// itself (the one it was trained on alone) is not saved, so the next model
// chooses again.
#include "explore/anomaly/anomalyview.h"

#include <QComboBox>
#include <QSpinBox>


namespace {
const QString kNormalKey = QStringLiteral("normalClass");
const QString kNormalNameKey = QStringLiteral("normalClassName");
constexpr int kNormalChances = 2; // results tried before a kept class is forgotten
constexpr qint64 kMaxClass = 1 << 20;
} // namespace

QJsonObject AnomalyView::sessionState() const
{
    QJsonObject state = ControlState::save(sessionControls());
    if (mNormalChosen && mNormal->count() > 0) {
        const int label = normalClass();
        state.insert(kNormalKey, label);
        if (label >= 0 && label < int(mScores.class_names.size()))
            state.insert(kNormalNameKey, QString::fromStdString(mScores.class_names[size_t(label)]));
    }
    return state;
}

void AnomalyView::restoreSessionState(const QJsonObject &state)
{
    mSessionControls.restore(state, sessionControls());
    mPendingNormal = {};
    const QJsonValue label = state.value(kNormalKey);
    qint64 v = 0;
    // −1 (none) or a class number, with the class's name for a class.
    if (!ControlState::wholeNumberFrom(label, -1, kMaxClass - 1, &v))
        return;
    if (v >= 0 && !state.value(kNormalNameKey).isString())
        return;
    mPendingNormal = {{kNormalKey, int(v)}, {kNormalNameKey, state.value(kNormalNameKey)}};
    mNormalChances = kNormalChances;
    if (!mScores.scores.empty())
        applyPendingNormal();
}

QList<QWidget *> AnomalyView::sessionControls() const
{
    return {mLimit};
}

void AnomalyView::applyPendingNormal()
{
    if (mPendingNormal.isEmpty())
        return;
    const int label = mPendingNormal.value(kNormalKey).toInt();
    const QString name = mPendingNormal.value(kNormalNameKey).toString();
    const bool fits = label < 0
        || (label < int(mScores.class_names.size())
            && QString::fromStdString(mScores.class_names[size_t(label)]) == name && mNormal->findData(label) >= 0);
    if (fits) {
        mPendingNormal = {};
        setNormalClass(label);
    } else if (--mNormalChances <= 0) {
        mPendingNormal = {};
    }
}
