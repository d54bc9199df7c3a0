// explore_test_support.h — what the Explore tab's GUI tests share: small
// checkpoints trained here on 256 Fashion-MNIST images, a recorded GAN run with
// step checkpoints, an Explore tab shown offscreen on a checkpoint, and waiting
// for its model or its latent preview.
#pragma once

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTest>

#include <memory>
#include <string>

#include "core/train/run_folder.h"
#include "core/train/training_session.h"
#include "explore/exploreview.h"
#include "explore/latent/latentpanel.h"

namespace exploretest {

inline const QString kFashionMnist = QStringLiteral("/usr/share/datasets/fashion-mnist");
constexpr int kTimeoutMs = 30000;

// A small checkpoint of `model` after `steps` steps on 256 Fashion-MNIST images
// (of class `onlyClass` alone when it is ≥ 0).
inline QString trainCheckpoint(const QString &dir, const std::string &model, long steps, int latent,
                               int onlyClass = -1)
{
    gs::SessionConfig config;
    config.model_id = model;
    config.params = {{"latent_dim", std::to_string(latent)}, {"batch_size", "32"}};
    config.dataset.limit = 256;
    config.dataset.only_class = onlyClass;
    auto session = gs::TrainingSession::create(config);
    if (steps > 0) {
        gs::RunOptions options;
        options.total_steps = steps;
        options.sample_seconds = 0;
        gs::TrainControl control;
        gs::TrainObserver quiet;
        session->run(options, control, quiet);
    }
    const QString path = QDir(dir).filePath(QString::fromStdString(model) + ".gsckpt");
    session->save(QFile::encodeName(path).toStdString());
    return path;
}

// A GAN on `limit` ring8 points trained to `steps` in the run folder `dir`, recorded
// as the studio records it: metrics rows, a step checkpoint every `every` steps and
// the latest, checkpoint.gsckpt, at the end (its path is returned).
inline QString trainRingRun(const QString &dir, long steps, long every, long limit)
{
    gs::SessionConfig config;
    config.model_id = "gan";
    config.dataset.id = "ring8";
    config.dataset.limit = limit;
    auto session = gs::TrainingSession::create(config);
    const std::string folder = QFile::encodeName(dir).toStdString();
    gs::RunWriter writer(folder, session->config(), "", false);
    struct Observer : gs::TrainObserver
    {
        gs::RunWriter *w = nullptr;
        void on_stats(const gs::StepStats &s) override { w->write_stats(s); }
        void on_checkpoint(const std::string &path, long step) override { w->checkpoint_saved(step, path); }
    } observer;
    observer.w = &writer;
    gs::RunOptions options;
    options.total_steps = steps;
    options.log_every = 10;
    options.sample_seconds = 0;
    options.checkpoint_every = every;
    options.checkpoint_dir = folder;
    options.threads = 1;
    gs::TrainControl control;
    session->run(options, control, observer);
    session->save(folder + "/checkpoint.gsckpt");
    return QDir(dir).filePath(QStringLiteral("checkpoint.gsckpt"));
}

// Waits for a model newer than generation `after` (true when it came).
inline bool waitForModel(ExploreView *view, quint64 after = 0)
{
    QSignalSpy changed(view, &ExploreView::modelChanged);
    return view->modelInfo().generation > after || changed.wait(kTimeoutMs);
}

// Waits until the latent panel shows the image of its newest request.
inline bool waitForPreview(LatentPanel *panel)
{
    return QTest::qWaitFor(
        [panel] { return panel->isReady() && panel->shownTicket() >= panel->requestedTicket()
                         && panel->requestedTicket() > 0; },
        kTimeoutMs);
}

// An Explore tab (1200 × 800, shown) opening `checkpoint`.
inline std::unique_ptr<ExploreView> openExploreView(const QString &checkpoint)
{
    auto view = std::make_unique<ExploreView>();
    view->resize(1200, 800);
    view->show();
    if (!QTest::qWaitForWindowExposed(view.get()))
        qWarning("view not exposed");
    view->openCheckpoint(checkpoint);
    return view;
}

} // namespace exploretest
