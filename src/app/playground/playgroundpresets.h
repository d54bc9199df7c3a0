// playgroundpresets.h — the ready-made setups of the 2-D playground, picked
// from its "Preset" combo or with `genstudio --playground ID`: a model, a point
// dataset and the parameters that make the lesson work, with a sentence on
// what to watch for. The table lives in playgroundpresets.cpp; docs/playground.md
// lists the same presets for people.
//
// Ownership: a process-wide immutable table built on first use. Thread
// affinity: any thread. Failure modes: findPlaygroundPreset returns nullptr for
// an unknown id; a preset names only catalog models, datasets and parameter
// keys (test_playground checks every preset resolves against the catalog).
#pragma once

#include <QString>
#include <QVector>

#include "core/model/param_spec.h"

struct PlaygroundPreset
{
    QString id;          // "gan-ring", for the command line and the settings
    QString name;        // "GAN Lab ring", shown in the combo
    QString description; // what to watch for, shown as the tooltip and below the combo
    QString modelId;     // catalog model id
    QString datasetId;   // catalog point dataset id
    gs::ParamValues params; // given values; the rest are the model's defaults
};

// Every preset, the default (GAN Lab ring) first.
const QVector<PlaygroundPreset> &playgroundPresets();

// The preset with this id, or else the first preset on this dataset id (so
// `--playground ring8` works); nullptr when neither exists.
const PlaygroundPreset *findPlaygroundPreset(const QString &idOrDataset);
