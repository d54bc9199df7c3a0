// losscsv.h — the loss history as CSV text (File ▸ Export losses): a header
// "step,<name>,…" and one row per logged step; values with 9 significant
// digits, a missing or NaN value as "nan", infinities as "inf"/"-inf", so the
// file reads back into any spreadsheet or pandas without losing a point.
//
// Ownership: a pure function of its arguments. Thread affinity: any thread.
// Failure modes: none; a point with fewer values than names gets "nan" for the rest.
#pragma once

#include <QByteArray>
#include <QStringList>

#include <vector>

#include "training/lossbuffer.h"

QByteArray lossPointsToCsv(const QStringList &names, const std::vector<LossPoint> &points);
