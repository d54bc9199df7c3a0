// trainingrequests.h — what a view with its own training form (the
// playground) may ask of the studio's training flow beyond the controller:
// the runs that go through the Training dock's Steps target and the studio's
// questions (discard unsaved steps?) and error banner.
//
// Ownership: an interface; the main window implements it and outlives every
// view that holds the pointer. Thread affinity: GUI thread.
// Failure modes: invalid configurations and refused requests are shown in the
// message banner; nothing is thrown.
#pragma once

#include "core/train/training_session.h"

class TrainingRequests
{
public:
    virtual ~TrainingRequests() = default;

    // A new session from `config` to the Steps target `totalSteps`, through
    // the same states as Train. A running or paused session is stopped first
    // and the new one starts when the worker is free. `paused`: the run begins
    // paused and shows its first view. `askToDiscard`: ask before unsaved steps
    // are thrown away, as Train does.
    virtual void startTrainingWith(const gs::SessionConfig &config, long totalSteps, bool paused,
                                   bool askToDiscard)
        = 0;
    // Continue the current session to this Steps target (Ready only).
    virtual void continueTrainingTo(long totalSteps) = 0;
};
