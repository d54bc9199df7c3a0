#include "compare/comparesamples.h"

#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include "compare/compareplot.h"
#include "core/explore/explorer.h"
#include "core/model/capabilities.h"
#include "support/guardedjob.h"
#include "support/imageconvert.h"

CompareSamples::CompareSamples(QWidget *parent)
    : QWidget(parent)
    , mRow(new QHBoxLayout(this))
{
    mRow->setContentsMargins(0, 0, 0, 0);
    mRow->addStretch(1);
}

void CompareSamples::setRuns(const std::vector<gs::RunRecord> &runs)
{
    mRuns = runs;
    reload();
}

void CompareSamples::setFirstSeed(unsigned long seed)
{
    if (seed == mSeed)
        return;
    mSeed = seed;
    reload();
}

QImage CompareSamples::grid(int index) const
{
    return index >= 0 && index < mResults.size() ? mResults[index].grid : QImage();
}

QString CompareSamples::note(int index) const
{
    return index >= 0 && index < mResults.size() ? mResults[index].note : QString();
}

void CompareSamples::reload()
{
    ++mGeneration;
    while (QLayoutItem *item = mRow->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    mImages.clear();
    mCaptions.clear();
    mResults = QVector<Result>(int(mRuns.size()));
    mDone = 0;
    mTotal = int(mRuns.size());
    for (int i = 0; i < mTotal; ++i) {
        auto *column = new QWidget(this);
        auto *layout = new QVBoxLayout(column);
        layout->setContentsMargins(4, 0, 4, 0);
        auto *caption = new QLabel(column);
        caption->setTextFormat(Qt::RichText);
        caption->setAlignment(Qt::AlignCenter);
        auto *image = new QLabel(tr("Drawing…"), column);
        image->setAlignment(Qt::AlignCenter);
        image->setMinimumSize(120, 64);
        image->setWordWrap(true);
        layout->addWidget(caption);
        layout->addWidget(image, 1);
        mRow->addWidget(column);
        mImages.push_back(image);
        mCaptions.push_back(caption);
        caption->setText(QStringLiteral("<b style='color:%1'>%2</b>")
                             .arg(ComparePlot::runColor(i).name(), QString::fromStdString(mRuns[i].name).toHtmlEscaped()));

        const QString checkpoint = QString::fromStdString(mRuns[i].latest_checkpoint);
        const unsigned long seed = mSeed;
        const int generation = mGeneration;
        auto *watcher = new QFutureWatcher<Result>(this);
        connect(watcher, &QFutureWatcher<Result>::finished, this, [this, watcher, generation, i] {
            showResult(generation, i, watcher->result());
            watcher->deleteLater();
        });
        watcher->setFuture(QtConcurrent::run([checkpoint, seed]() {
            Result r;
            if (checkpoint.isEmpty()) {
                r.note = tr("This run has no checkpoint to draw samples from.");
                return r;
            }
            QString message;
            const bool ok = runGuarded(
                [&] {
                    auto explorer = gs::Explorer::open(checkpoint.toStdString());
                    const unsigned caps = explorer->capabilities();
                    if (!(caps & (gs::kCanSample | gs::kCanDecode)) || explorer->is_point_data()) {
                        r.note = tr("%1 does not draw images, so there is no grid to show.")
                                     .arg(QString::fromStdString(explorer->model_info().name));
                        return;
                    }
                    std::vector<gs::Latent> zs;
                    for (int k = 0; k < kSamples; ++k)
                        zs.push_back(explorer->random_latent(seed + k));
                    QVector<QImage> images;
                    for (const gs::Image &image : explorer->decode_many(zs))
                        images.push_back(toQImage(image));
                    QImage tiled = tileImages(images, 4, 2);
                    const int scale = tiled.width() < 160 ? 2 : 1;
                    r.grid = tiled.scaled(tiled.size() * scale, Qt::KeepAspectRatio, Qt::FastTransformation);
                    r.note = tr("step %1, seeds %2–%3").arg(explorer->step()).arg(seed).arg(seed + kSamples - 1);
                },
                message,
                {tr("There is not enough memory to draw samples from this checkpoint."),
                 tr("The samples could not be drawn: %1")});
            if (!ok)
                r.note = message;
            return r;
        }));
    }
    mRow->addStretch(1);
    emit progress(0, mTotal);
    if (mTotal == 0)
        emit finished();
}

void CompareSamples::showResult(int generation, int index, const Result &result)
{
    if (generation != mGeneration || index >= mResults.size())
        return;
    mResults[index] = result;
    if (!result.grid.isNull()) {
        mImages[index]->setPixmap(QPixmap::fromImage(result.grid));
        mImages[index]->setToolTip(result.note);
    } else {
        mImages[index]->setText(result.note);
    }
    mCaptions[index]->setText(mCaptions[index]->text() + QStringLiteral("<br><small>%1</small>")
                                                             .arg(result.grid.isNull() ? QString() : result.note.toHtmlEscaped()));
    ++mDone;
    emit progress(mDone, mTotal);
    if (mDone == mTotal)
        emit finished();
}
