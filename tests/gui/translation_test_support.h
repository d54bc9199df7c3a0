// translation_test_support.h — helpers shared by the Translate view and the
// TorchScript import GUI tests: a tiny CycleGAN configuration and its training,
// drops, written pictures, waits and the Explore tab's tab states.
#pragma once

#include <QApplication>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFile>
#include <QImage>
#include <QMimeData>
#include <QTabWidget>
#include <QUrl>
#include <QtTest>

#include <memory>

#include "core/train/training_session.h"
#include "explore/exploreview.h"
#include "explore/translate/translationview.h"

namespace translation_test {

inline const QString kFashionMnist = QStringLiteral("/usr/share/datasets/fashion-mnist");
constexpr int kTimeoutMs = 30000;

inline QString fixture(const char *name)
{
    return QStringLiteral(GENSTUDIO_FIXTURES "/") + QLatin1String(name);
}

inline gs::SessionConfig cycleGanConfig()
{
    gs::SessionConfig config;
    config.model_id = "cyclegan";
    config.params = {{"ngf", "4"}, {"ndf", "4"}, {"blocks", "1"}, {"batch_size", "2"},
                     {"pool_size", "0"}};
    config.dataset.id = "edges2fashion";
    config.dataset.limit = 32;
    return config;
}

inline void train(gs::TrainingSession &session, long steps)
{
    gs::RunOptions options;
    options.total_steps = steps;
    options.sample_seconds = 0;
    options.threads = 1;
    gs::TrainControl control;
    gs::TrainObserver quiet;
    session.run(options, control, quiet);
}

inline QString save(const gs::TrainingSession &session, const QString &path)
{
    session.save(QFile::encodeName(path).toStdString());
    return path;
}

// An untrained 4-dimensional VAE on 64 images, saved to `path`: a model that
// does not translate.
inline QString saveUntrainedVae(const QString &path)
{
    gs::SessionConfig vae;
    vae.model_id = "vae";
    vae.params = {{"latent_dim", "4"}};
    vae.dataset.limit = 64;
    return save(*gs::TrainingSession::create(vae), path);
}

inline QString writePicture(const QString &path, const QImage &image)
{
    if (!image.save(path, "PNG"))
        qWarning("could not write %s", qPrintable(path));
    return path;
}

inline QImage colourful(int width, int height)
{
    QImage image(width, height, QImage::Format_RGB32);
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x)
            image.setPixel(x, y, qRgb(x * 255 / width, y * 255 / height, (x * y) % 256));
    return image;
}

inline bool waitForModel(ExploreView *view, quint64 after)
{
    return QTest::qWaitFor([view, after] { return view->modelInfo().generation > after; },
                           kTimeoutMs);
}

inline bool waitForTranslation(TranslationView *panel)
{
    return QTest::qWaitFor([panel] { return panel->isReady(); }, kTimeoutMs);
}

inline int tabOf(ExploreView *view, QWidget *page)
{
    return view->findChild<QTabWidget *>(QStringLiteral("exploreTabs"))->indexOf(page);
}

inline bool tabEnabled(ExploreView *view, QWidget *page)
{
    return view->findChild<QTabWidget *>(QStringLiteral("exploreTabs"))
        ->isTabEnabled(tabOf(view, page));
}

inline QString tabToolTip(ExploreView *view, QWidget *page)
{
    return view->findChild<QTabWidget *>(QStringLiteral("exploreTabs"))
        ->tabToolTip(tabOf(view, page));
}

inline std::unique_ptr<ExploreView> makeView(const QString &checkpoint)
{
    auto view = std::make_unique<ExploreView>();
    view->resize(1200, 800);
    view->show();
    if (!QTest::qWaitForWindowExposed(view.get()))
        qWarning("view not exposed");
    if (!checkpoint.isEmpty())
        view->openCheckpoint(checkpoint);
    return view;
}

inline TranslationView *readyPanel(ExploreView *view)
{
    if (!waitForModel(view, 0))
        return nullptr;
    TranslationView *panel = view->view<TranslationView>(QStringLiteral("translate"));
    return waitForTranslation(panel) ? panel : nullptr;
}

} // namespace translation_test
