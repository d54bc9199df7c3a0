// samplesview_session.cpp — the Samples view's part of a session file: how many
// samples and the first seed (neither needs the model, so both apply at once).
// A count that is not a whole number from 4 to 64 and a seed that is not a
// whole number the seed box holds (ControlState::seedFrom, then its range) are
// left out rather than clamped or wrapped.
#include "explore/samples/samplesview.h"

#include <QSpinBox>


#include "explore/controlstate.h"

QJsonObject SamplesView::sessionState() const
{
    return {{QStringLiteral("count"), count()}, {QStringLiteral("seed"), double(seed())}};
}

void SamplesView::restoreSessionState(const QJsonObject &state)
{
    const QJsonValue count = state.value(QStringLiteral("count"));
    if (qint64 n = 0; ControlState::wholeNumberFrom(count, kMinCount, kMaxCount, &n))
        setCount(int(n));
    if (unsigned long seed = 0; ControlState::seedFrom(state.value(QStringLiteral("seed")), &seed)
                                && seed <= static_cast<unsigned long>(mSeed->maximum()))
        setSeed(seed);
}
