// imagefile.h — reading pictures a person drops onto (or picks for) the
// Explore tab, with the checks a file from anywhere needs: empty files, files
// that are not images, and images too large to decode safely are refused with
// a sentence, never a crash; large images are decoded straight at a reduced
// size (the models take 28×28 or 32×32 anyway).
//
// Ownership: free functions returning values. Thread affinity: any thread
// (QImageReader and QImage are reentrant). Failure modes: readImageFile returns
// an empty gs::Image and sets `error`; nothing else fails.
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include "core/common/image.h"

class QImage;
class QImageReader;
class QMimeData;
class QUrl;

constexpr qint64 kMaxImageFileBytes = 200LL * 1024 * 1024; // larger files are refused
constexpr qint64 kMaxImagePixels = 60LL * 1000 * 1000; // and larger pictures (Qt refuses
                                                       // to allocate more than 256 MB)
constexpr int kImageReadSide = 512; // larger pictures are decoded at this size

// A checkpoint rather than an image (by its .gsckpt suffix).
bool isCheckpointPath(const QString &path);

// Points `reader` (auto-transforming by EXIF orientation) at `path` and says
// what rules the file out before decoding — missing, not a file, empty, larger
// than kMaxImageFileBytes, not a format Qt reads — as one sentence; empty when
// nothing does. `purpose` ends the empty-file sentence ("… no picture to use").
// A JPEG is checked quietly (readImageFile below): one that does not decode is
// refused here; `*damage` (when given) gets the warning for one that does.
QString openPictureReader(const QString &path, QImageReader &reader, const QString &purpose,
                          QString *damage = nullptr);

// The picture in `path` as an 8-bit gray or RGB image; empty with `error` set
// ("“notes.txt” is not an image …") when it cannot be used. A JPEG is first
// checked quietly (core/data/jpeg_check.h): one that does not decode is an
// error sentence, one with damaged data that still decodes is read and
// `*warning` (when given) says so; libjpeg's own messages ("Corrupt JPEG
// data: …") never reach the terminal (Qt's JPEG plugin's log category is off).
gs::Image readImageFile(const QString &path, QString *error, QString *warning = nullptr);

// Writes `image` as a PNG atomically (a temporary file renamed into place, so a
// failure leaves no partial file); false with `error` set ("Could not write
// “/path/x.png”: No space left on device") when it cannot.
bool writePngFile(const QImage &image, const QString &path, QString *error);

// Local files among dropped URLs (remote URLs are skipped).
QStringList localFilePaths(const QMimeData *mime);
