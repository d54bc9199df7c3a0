// sessionsummary.h — what the studio knows about the session the training
// worker holds: its resolved configuration, model description and step.
//
// Ownership: value type, copied through queued signals (registered with
// Q_DECLARE_METATYPE). Thread affinity: none; built on the worker thread, read
// on the GUI thread. Failure modes: none.
#pragma once

#include <QMetaType>
#include <QString>
#include <QStringList>

#include "core/train/training_session.h"

struct SessionSummary
{
    gs::SessionConfig config;   // parameters resolved: every key present
    QString modelName;          // "Variational autoencoder (β-VAE)"
    QStringList lossNames;      // total first
    unsigned capabilities = 0;  // gs::Capability flags
    QString datasetDescription; // "Fashion-MNIST train: 60000 images 1×28×28"
    long step = 0;
    QString checkpointPath; // the file it was reopened from, empty for a new session
};

Q_DECLARE_METATYPE(SessionSummary)
