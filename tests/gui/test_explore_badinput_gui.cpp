// test_explore_badinput_gui.cpp — the Explore tab on the offscreen platform
// given bad input: files dropped that are not an image, empty, claim a huge
// size, are corrupt checkpoints, or a checkpoint of a model that cannot encode
// (an untrained GAN trained here): each shows a message and keeps the state.
#include <QBuffer>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QMimeData>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QUrl>

#include "explore/interpolation/interpolationview.h"
#include "explore/latent/latentpanel.h"
#include "explore_test_support.h"
#include "gui_test_main.h"
#include "widgets/messagebanner.h"

using namespace exploretest;

namespace {

constexpr int kLatentDim = 4;

// CRC-32 (PNG chunks).
quint32 crc32(const QByteArray &bytes)
{
    quint32 crc = 0xffffffffu;
    for (char c : bytes) {
        crc ^= quint8(c);
        for (int k = 0; k < 8; ++k)
            crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
    }
    return ~crc;
}

// A valid small PNG whose header claims width × height pixels.
QByteArray pngClaiming(int width, int height)
{
    QImage small(4, 4, QImage::Format_Grayscale8);
    small.fill(128);
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    small.save(&buffer, "PNG");
    // IHDR data starts at 16: width and height, big-endian; its CRC at 29.
    auto put = [&png](int offset, quint32 v) {
        for (int i = 0; i < 4; ++i)
            png[offset + i] = char((v >> (24 - 8 * i)) & 0xff);
    };
    put(16, quint32(width));
    put(20, quint32(height));
    put(29, crc32(png.mid(12, 17)));
    return png;
}

} // namespace

class ExploreBadInputTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void badInputShowsMessageAndKeepsState();

private:
    QTemporaryDir mDir;
    QString mVae;
    QString mGan;
};

void ExploreBadInputTest::initTestCase()
{
    QVERIFY(mDir.isValid());
    if (!QFileInfo::exists(kFashionMnist))
        QSKIP("Fashion-MNIST is not installed (dataset-fashion-mnist)");
    mVae = trainCheckpoint(mDir.path(), "vae", 40, kLatentDim);
    mGan = trainCheckpoint(mDir.path(), "gan", 0, 8);
}

void ExploreBadInputTest::badInputShowsMessageAndKeepsState()
{
    auto view = openExploreView(mVae);
    QVERIFY(waitForModel(view.get()));
    LatentPanel *panel = view->view<LatentPanel>(QStringLiteral("latent"));
    QVERIFY(waitForPreview(panel));
    panel->setSliderValue(1, 1.5);
    QVERIFY(waitForPreview(panel));
    const gs::Latent kept = panel->latent();
    const QImage keptImage = panel->previewImage();
    const quint64 generation = view->modelInfo().generation;
    MessageBanner *banner = view->messageBanner();
    auto expectMessage = [&](const QString &path, const QString &words) {
        banner->dismiss();
        drop(view.get(), path);
        QTRY_VERIFY_WITH_TIMEOUT(banner->isVisible(), kTimeoutMs);
        QVERIFY2(banner->text().contains(words, Qt::CaseInsensitive), qPrintable(banner->text()));
        QCOMPARE(banner->kind(), MessageBanner::Kind::Error);
        QTest::qWait(50); // nothing else arrives
        QCOMPARE(panel->latent(), kept);
        QCOMPARE(panel->previewImage(), keptImage);
    };

    // Not an image, an empty file, a picture too large to open.
    const QString text = mDir.filePath(QStringLiteral("notes.png"));
    QFile f(text);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("these are notes, not pixels\n");
    f.close();
    expectMessage(text, QStringLiteral("not a picture"));
    const QString empty = mDir.filePath(QStringLiteral("empty.jpg"));
    QVERIFY(QFile(empty).open(QIODevice::WriteOnly));
    expectMessage(empty, QStringLiteral("empty"));
    const QString huge = mDir.filePath(QStringLiteral("huge.png"));
    QFile h(huge);
    QVERIFY(h.open(QIODevice::WriteOnly));
    h.write(pngClaiming(30000, 30000));
    h.close();
    expectMessage(huge, QStringLiteral("too large"));

    // A corrupt checkpoint: the model stays.
    const QString corrupt = mDir.filePath(QStringLiteral("corrupt.gsckpt"));
    QFile c(corrupt);
    QVERIFY(c.open(QIODevice::WriteOnly));
    c.write("not a checkpoint at all");
    c.close();
    banner->dismiss();
    drop(view.get(), corrupt);
    QTRY_VERIFY_WITH_TIMEOUT(banner->isVisible(), kTimeoutMs);
    QCOMPARE(view->modelInfo().generation, generation);
    QCOMPARE(view->modelInfo().modelId, QStringLiteral("vae"));
    QCOMPARE(panel->latent(), kept);

    // A good picture is taken (the VAE encodes).
    const QString picture = mDir.filePath(QStringLiteral("square.png"));
    QImage square(60, 40, QImage::Format_RGB32);
    square.fill(Qt::white);
    QVERIFY(square.save(picture));
    banner->dismiss();
    drop(view.get(), picture);
    QTRY_VERIFY_WITH_TIMEOUT(panel->latent() != kept, kTimeoutMs);
    QVERIFY(!banner->isVisible());

    // A GAN checkpoint: it opens, but it cannot encode a dropped picture.
    drop(view.get(), mGan);
    QTRY_COMPARE_WITH_TIMEOUT(view->modelInfo().modelId, QStringLiteral("gan"), kTimeoutMs);
    QVERIFY(!view->modelInfo().canEncode());
    QCOMPARE(panel->mode(), LatentPanel::Mode::Directions); // GANSpace directions
    QVERIFY(waitForPreview(panel));
    const gs::Latent ganLatent = panel->latent();
    banner->dismiss();
    drop(view.get(), picture);
    QVERIFY(banner->isVisible());
    QVERIFY2(banner->text().contains(QStringLiteral("cannot encode")), qPrintable(banner->text()));
    QCOMPARE(panel->latent(), ganLatent);
    auto *tabs = view->findChild<QTabWidget *>(QStringLiteral("exploreTabs"));
    QVERIFY(!tabs->isTabEnabled(1)); // no map without an encoder
    view->view<InterpolationView>(QStringLiteral("interpolation"))->addDatasetImage(0);
    QVERIFY(banner->text().contains(QStringLiteral("cannot encode")));
}

GS_GUI_TEST_MAIN(ExploreBadInputTest)
#include "test_explore_badinput_gui.moc"
