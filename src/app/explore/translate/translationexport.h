// translationexport.h — saves what the translation panel shows: each image as
// its own PNG at the size the model made it (PREFIX-input-A.png,
// PREFIX-translation-AtoB.png, …) into a folder, or one side-by-side strip
// with the captions under each image (small images enlarged nearest-neighbour
// to about 160 pixels). The files are written on the global thread pool, one
// export at a time, each atomically (gs::write_png: a temporary file renamed
// into place).
//
// Ownership: a QObject owned by its view; owns the copy of the images while
// writing. Thread affinity: the methods and the signal on the GUI thread, the
// writing on a pool thread. Failure modes: nothing to save or a running export
// refuse to start (false with a sentence); a missing folder, a full disk or a
// read-only destination end with finished(…, false, message naming the file
// and the reason), and a file that failed leaves no partial file behind.
#pragma once

#include <QFutureWatcher>
#include <QImage>
#include <QObject>
#include <QString>
#include <QStringList>

#include <functional>
#include <vector>

#include "core/common/image.h"

struct TranslationFrame
{
    gs::Image image;  // empty frames are skipped
    QString fileTag;  // "translation-AtoB"
    QString title;    // "Translation A→B"
    QString detail;   // "PSNR 24.1 dB against the input"
};

class TranslationExport : public QObject
{
    Q_OBJECT

public:
    explicit TranslationExport(QObject *parent = nullptr);

    // FOLDER/PREFIX-TAG.png for every frame with an image.
    bool saveImages(std::vector<TranslationFrame> frames, const QString &folder,
                    const QString &prefix, QString *error);
    // One PNG strip with captions.
    bool saveStrip(std::vector<TranslationFrame> frames, const QString &path, QString *error);
    bool isRunning() const { return mWatcher.isRunning(); }

    // The strip as saved (any thread: paints into a QImage).
    static QImage composeStrip(const std::vector<TranslationFrame> &frames);
    // A file-name-safe version of `text` ("“shoe 1.png”" → "shoe-1").
    static QString safeName(const QString &text);

signals:
    void finished(const QStringList &paths, bool ok, const QString &message);

private:
    struct Outcome
    {
        QStringList paths;
        QString error;
    };
    bool start(std::vector<TranslationFrame> frames, QString *error,
               std::function<Outcome(const std::vector<TranslationFrame> &)> write);

    QFutureWatcher<Outcome> mWatcher;
};
