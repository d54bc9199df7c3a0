// controlstate.h — the session-file part of an explorer view whose state is
// its controls (ExplorerView::sessionState / restoreSessionState): the values
// of named widgets as a JSON object keyed by their object names, and putting
// them back. Spin boxes (int and double), sliders, combo boxes (by text),
// checkable buttons (check boxes, radio buttons) and line edits are known.
//
// A view's controls are often reset or given their ranges when a model comes
// (a timestep slider gets 0…T, a combo its layers), so a restored state is
// applied at once and kept to be applied once more at the first model the view
// gets after the restore (modelArrived). Values that do not fit (a combo text
// not offered, a number out of range, a fraction for an integer spin box or a
// slider, a value of the wrong JSON type) are left out rather than clamped.
//
// Ownership: a value; the widgets are borrowed and must outlive the calls.
// Thread affinity: GUI thread. Failure modes: none (unknown keys and unnamed
// or unknown widgets are ignored).
#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QStringList>

class QWidget;

class ControlState
{
public:
    // The values of `controls`, keyed by object name (unnamed widgets are skipped).
    static QJsonObject save(const QList<QWidget *> &controls);
    // Sets each control whose name is in `state`; returns the names that were set.
    static QStringList apply(const QJsonObject &state, const QList<QWidget *> &controls);

    // restoreSessionState: applies `state` now and keeps it for the next model.
    void restore(const QJsonObject &state, const QList<QWidget *> &controls);
    // modelChanged with a usable model (or a reply that gave a control its
    // range): applies the kept state once more. What was set is forgotten; what
    // did not fit yet is tried once more at the next call, then forgotten.
    void modelArrived(const QList<QWidget *> &controls);
    bool hasPending() const { return !mPending.isEmpty(); }

    // A seed stored in a session file: a whole number from 0 to 2^53 (what a
    // JSON number holds exactly). False for anything else (negative, fractional,
    // too large, not a number), which the caller leaves out.
    static bool seedFrom(const QJsonValue &value, unsigned long *seed);
    // A whole number from `min` to `max` stored in a session file (both within
    // ±2^53). False for anything else (a fraction, out of range, not a number).
    static bool wholeNumberFrom(const QJsonValue &value, qint64 min, qint64 max, qint64 *out);

private:
    QJsonObject mPending;
    bool mSecondChance = false;
};
