#include "explore/translate/translationexport.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFontMetrics>
#include <QPainter>
#include <QRegularExpression>
#include <QtConcurrent>

#include <algorithm>
#include <exception>

#include "support/imageconvert.h"

namespace {
constexpr int kStripSize = 160; // small images are enlarged to about this many pixels
constexpr int kMinCellWidth = 190;
constexpr int kMargin = 14;
constexpr int kGap = 18;

QString tr(const char *text)
{
    return QCoreApplication::translate("TranslationExport", text);
}

QString writeError(const std::exception &e)
{
    return QString::fromStdString(e.what());
}

} // namespace

TranslationExport::TranslationExport(QObject *parent)
    : QObject(parent)
{
    connect(&mWatcher, &QFutureWatcher<Outcome>::finished, this, [this] {
        const Outcome outcome = mWatcher.result();
        const bool ok = outcome.error.isEmpty();
        QString message = outcome.error;
        if (ok) {
            QStringList shown;
            for (const QString &p : outcome.paths)
                shown << QDir::toNativeSeparators(p);
            message = outcome.paths.size() == 1
                          ? tr("Saved %1.").arg(shown.first())
                          : tr("Saved %1 images in %2.")
                                .arg(outcome.paths.size())
                                .arg(QDir::toNativeSeparators(
                                    QFileInfo(outcome.paths.first()).absolutePath()));
        }
        emit finished(outcome.paths, ok, message);
    });
}

QString TranslationExport::safeName(const QString &text)
{
    QString name = QFileInfo(text).completeBaseName();
    if (name.isEmpty())
        name = text;
    name.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9_.-]+")), QStringLiteral("-"));
    name.remove(QRegularExpression(QStringLiteral("^[-.]+|[-.]+$")));
    return name.isEmpty() ? QStringLiteral("translation") : name;
}

bool TranslationExport::start(std::vector<TranslationFrame> frames, QString *error,
                              std::function<Outcome(const std::vector<TranslationFrame> &)> write)
{
    if (isRunning()) {
        *error = tr("An export is still running.");
        return false;
    }
    frames.erase(std::remove_if(frames.begin(), frames.end(),
                                [](const TranslationFrame &f) { return f.image.empty(); }),
                 frames.end());
    if (frames.empty()) {
        *error = tr("There is no translation to save yet.");
        return false;
    }
    mWatcher.setFuture(QtConcurrent::run(
        [frames = std::move(frames), write = std::move(write)] { return write(frames); }));
    return true;
}

bool TranslationExport::saveImages(std::vector<TranslationFrame> frames, const QString &folder,
                                   const QString &prefix, QString *error)
{
    const QString base = safeName(prefix);
    return start(std::move(frames), error, [folder, base](const std::vector<TranslationFrame> &fs) {
        Outcome outcome;
        if (!QFileInfo(folder).isDir()) {
            outcome.error = tr("The folder %1 does not exist, so nothing was saved.")
                                .arg(QDir::toNativeSeparators(folder));
            return outcome;
        }
        for (const TranslationFrame &f : fs) {
            const QString path = QDir(folder).filePath(
                QStringLiteral("%1-%2.png").arg(base, f.fileTag));
            try {
                gs::write_png(f.image, QFile::encodeName(path).toStdString());
                outcome.paths << path;
            } catch (const std::exception &e) {
                outcome.error = outcome.paths.isEmpty()
                                    ? writeError(e)
                                    : tr("%1 (%2 of the %3 images were saved before.)")
                                          .arg(writeError(e))
                                          .arg(outcome.paths.size())
                                          .arg(fs.size());
                return outcome;
            }
        }
        return outcome;
    });
}

bool TranslationExport::saveStrip(std::vector<TranslationFrame> frames, const QString &path,
                                  QString *error)
{
    return start(std::move(frames), error, [path](const std::vector<TranslationFrame> &fs) {
        Outcome outcome;
        try {
            const QImage strip = composeStrip(fs);
            if (strip.isNull())
                throw std::runtime_error(tr("The strip is too large to put together in memory.")
                                             .toStdString());
            gs::write_png(toGsImage(strip), QFile::encodeName(path).toStdString());
            outcome.paths << path;
        } catch (const std::exception &e) {
            outcome.error = writeError(e);
        }
        return outcome;
    });
}

QImage TranslationExport::composeStrip(const std::vector<TranslationFrame> &frames)
{
    int side = 1;
    for (const TranslationFrame &f : frames)
        side = std::max({side, f.image.width, f.image.height});
    const int scale = std::clamp(kStripSize / side, 1, 8);
    QFont titleFont;
    titleFont.setPixelSize(15);
    titleFont.setBold(true);
    QFont detailFont;
    detailFont.setPixelSize(12);
    const QFontMetrics titleMetrics(titleFont);
    const QFontMetrics detailMetrics(detailFont);

    int cellWidth = kMinCellWidth;
    int imageHeight = 0;
    for (const TranslationFrame &f : frames) {
        cellWidth = std::max(cellWidth, f.image.width * scale);
        imageHeight = std::max(imageHeight, f.image.height * scale);
    }
    int detailHeight = 0;
    for (const TranslationFrame &f : frames) {
        const QRect r = detailMetrics.boundingRect(QRect(0, 0, cellWidth, 1000),
                                                   Qt::AlignHCenter | Qt::TextWordWrap, f.detail);
        detailHeight = std::max(detailHeight, r.height());
    }
    const int count = int(frames.size());
    const int width = 2 * kMargin + count * cellWidth + (count - 1) * kGap;
    const int titleHeight = titleMetrics.height() + 6;
    const int height = 2 * kMargin + titleHeight + imageHeight + 6 + detailHeight;
    QImage strip(width, height, QImage::Format_RGB32);
    if (strip.isNull())
        return {};
    strip.fill(Qt::white);
    QPainter painter(&strip);
    painter.setRenderHint(QPainter::TextAntialiasing);
    for (int i = 0; i < count; ++i) {
        const TranslationFrame &f = frames[size_t(i)];
        const int x = kMargin + i * (cellWidth + kGap);
        painter.setPen(QColor(0x20, 0x20, 0x20));
        painter.setFont(titleFont);
        painter.drawText(QRect(x, kMargin, cellWidth, titleHeight), Qt::AlignHCenter | Qt::AlignTop,
                         f.title);
        const QImage image = toQImage(f.image);
        const QSize size(f.image.width * scale, f.image.height * scale);
        const QRect target(x + (cellWidth - size.width()) / 2, kMargin + titleHeight, size.width(),
                           size.height());
        painter.drawImage(target, image); // nearest neighbour: no smoothing hint
        painter.setPen(QColor(0xb0, 0xb0, 0xb0));
        painter.drawRect(target.adjusted(-1, -1, 0, 0));
        painter.setPen(QColor(0x55, 0x55, 0x55));
        painter.setFont(detailFont);
        painter.drawText(QRect(x, kMargin + titleHeight + imageHeight + 6, cellWidth, detailHeight),
                         Qt::AlignHCenter | Qt::AlignTop | Qt::TextWordWrap, f.detail);
    }
    return strip;
}
