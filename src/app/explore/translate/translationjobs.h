// translationjobs.h — what the Translate view runs on the exploration thread:
// a picture or a test image through the model (Explorer::translation_views),
// and the model setup that records how many domains the model's dataset has
// (ExplorerInfo::details, read back with TranslationJobs::domains).
//
// Ownership: values. Thread affinity: the job and the setup run on the
// exploration thread (ExplorationWorker::submit, setModelSetup); the result is
// handed to the GUI thread. Failure modes: the job throws gs::Error (an empty
// picture, a one-way model asked B→A, no test images) and the requester's
// failure callback gets the sentence.
#pragma once

#include <QImage>
#include <QVector>

#include <functional>
#include <memory>
#include <vector>

#include "explore/explorationworker.h"

// An image to translate: a picture the user gave, or a test image of domain A
// or B of the model's dataset (resolved on the worker thread).
struct TranslateSource
{
    gs::Image image;  // when not empty
    int index = -1;   // otherwise this dataset test image…
    int domain = 0;   // …of domain 0 (A) or 1 (B)
};

// One translation: images = input, forward, cycle, identity (the last two null
// for one-way models), the numbers behind them, and the frames for export.
struct TranslationResult
{
    quint64 ticket = 0;
    qint64 step = 0;
    QVector<QImage> images;
    std::vector<gs::Image> frames; // when asked for
    std::shared_ptr<const gs::TranslationViews> translation;
};
using TranslationResultPtr = std::shared_ptr<const TranslationResult>;

namespace TranslationJobs {

std::function<TranslationResult(const ExploreJobContext &)>
translate(const TranslateSource &source, bool aToB, bool keepFrames);

// The setup (ExplorationWorker::setModelSetup) that writes the dataset's
// domain count into ExplorerInfo::details, and the count it wrote (1 without).
extern const QString kDomainsSetup;
ExplorationWorker::ModelSetup domainsSetup();
int domains(const ExplorerInfo &info);

} // namespace TranslationJobs
