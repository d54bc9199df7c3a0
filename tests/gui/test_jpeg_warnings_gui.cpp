// test_jpeg_warnings_gui.cpp — damaged JPEGs say what is wrong in a sentence
// and never put libjpeg's text ("Corrupt JPEG data: …", "Premature end of JPEG
// file") on the terminal: through the core's reader (datasets, the CLI) and
// the studio's (dropped and chosen pictures). A JPEG with extra bytes in its
// data and one cut short still decode, with a warning; one with a broken
// header is refused with a sentence. stderr is captured around every read; a
// control write checks that the capture sees what is written.
#include <QBuffer>
#include <QFile>
#include <QImage>
#include <QTemporaryDir>

#include <unistd.h>

#include <cstdio>
#include <opencv2/imgcodecs.hpp>

#include "core/common/error.h"
#include "core/data/image_file.h"
#include "core/data/jpeg_check.h"
#include "gui_test_main.h"
#include "support/imagefile.h"

namespace {

// Everything written to fd 2 while `body` runs.
template<typename F> QByteArray capturedStderr(F body)
{
    std::fflush(stderr);
    QTemporaryFile sink;
    if (!sink.open())
        return "capture failed";
    const int saved = dup(2);
    dup2(sink.handle(), 2);
    body();
    std::fflush(stderr);
    dup2(saved, 2);
    close(saved);
    sink.seek(0);
    return sink.readAll();
}

QByteArray goodJpeg()
{
    QImage image(64, 48, QImage::Format_RGB888);
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            image.setPixelColor(x, y, QColor(x * 4, y * 5, (x * y) % 256));
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "JPG", 90);
    return bytes;
}

std::vector<uint8_t> toVector(const QByteArray &b)
{
    return std::vector<uint8_t>(b.begin(), b.end());
}

// Extra bytes just before the end-of-image marker: "Corrupt JPEG data: N extraneous bytes".
QByteArray withExtraneousBytes()
{
    QByteArray b = goodJpeg();
    b.insert(b.size() - 2, QByteArray("\x12\x34\x56\x78", 4));
    return b;
}

QByteArray cutShort()
{
    const QByteArray b = goodJpeg();
    return b.left(b.size() * 6 / 10);
}

QByteArray brokenHeader()
{
    QByteArray b = goodJpeg();
    for (int i = 4; i < 40 && i < b.size(); ++i)
        b[i] = char(0xFF); // markers without lengths
    return b.left(60);
}

} // namespace

class JpegWarningsGuiTest : public QObject
{
    Q_OBJECT

private slots:
    void captureSeesStderr()
    {
        const QByteArray seen = capturedStderr([] { std::fputs("Corrupt JPEG data: control\n", stderr); });
        QVERIFY(seen.contains("Corrupt JPEG data"));
    }

    void coreReaderWarnsInASentence()
    {
        for (const QByteArray &bytes : {withExtraneousBytes(), cutShort()}) {
            std::string warning;
            cv::Mat m;
            const QByteArray noise = capturedStderr([&] {
                m = gs::decode_image(toVector(bytes), gs::ImageRead::Color, "photo.jpg", &warning);
            });
            QVERIFY2(noise.isEmpty(), noise.constData());
            QCOMPARE(m.cols, 64);
            QCOMPARE(m.rows, 48);
            QCOMPARE(m.channels(), 3);
            QVERIFY2(warning.find("'photo.jpg' is a damaged JPEG") == 0, warning.c_str());
            QVERIFY(warning.find("Corrupt") == std::string::npos); // a sentence, not libjpeg's text
        }
        std::string warning = "stale";
        const cv::Mat whole = gs::decode_image(toVector(goodJpeg()), gs::ImageRead::Gray, "ok.jpg", &warning);
        QVERIFY(warning.empty());
        QCOMPARE(whole.channels(), 1);
        QVERIFY(gs::check_jpeg(toVector(goodJpeg()), "ok.jpg").empty());
    }

    void coreReaderRefusesABrokenHeader()
    {
        QString message;
        const QByteArray noise = capturedStderr([&] {
            try {
                gs::decode_image(toVector(brokenHeader()), gs::ImageRead::Color, "broken.jpg");
            } catch (const gs::Error &e) {
                message = QString::fromUtf8(e.what());
            }
        });
        QVERIFY2(noise.isEmpty(), noise.constData());
        QVERIFY2(message.startsWith(QStringLiteral("'broken.jpg' is not a picture GenStudio can read")),
                 qPrintable(message));
    }

    void studioReaderWarnsInsteadOfPrinting()
    {
        QTemporaryDir dir;
        const QString damaged = dir.filePath(QStringLiteral("damaged.jpg"));
        const QString broken = dir.filePath(QStringLiteral("broken.jpg"));
        for (const auto &[path, bytes] : {std::pair{damaged, withExtraneousBytes()}, std::pair{broken, brokenHeader()}}) {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(bytes);
        }
        QString error;
        QString warning;
        gs::Image image;
        QByteArray noise = capturedStderr([&] { image = readImageFile(damaged, &error, &warning); });
        QVERIFY2(noise.isEmpty(), noise.constData());
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(!image.empty());
        QVERIFY2(warning.contains(QStringLiteral("damaged JPEG")), qPrintable(warning));

        noise = capturedStderr([&] { image = readImageFile(broken, &error, &warning); });
        QVERIFY2(noise.isEmpty(), noise.constData());
        QVERIFY(image.empty());
        QVERIFY2(error.contains(QStringLiteral("broken.jpg")), qPrintable(error));
        QVERIFY(warning.isEmpty());
    }
};

GS_GUI_TEST_MAIN(JpegWarningsGuiTest)
#include "test_jpeg_warnings_gui.moc"
