// The Compare tab on three tiny real runs trained by genstudio-cli (VAE β=1,
// VAE β=4, the plain autoencoder): three curves, the table marking the best,
// smoothing changing the plotted values, the wall-time axis, CSV and PNG
// export, sample grids drawn off the GUI thread, removing and dropping runs,
// a folder that is not a run refused with a sentence; and File ▸ Generate a
// Dataset… writing a folder (and cancelling one).
#include <QDir>
#include <QFile>
#include <QImage>
#include <QProcess>
#include <QTableWidget>

#include <cmath>

#include "compare/compareplot.h"
#include "compare/comparesamples.h"
#include "compare/comparetable.h"
#include "compare/compareview.h"
#include "dataset/generatedatasetdialog.h"
#include "gui_test_main.h"
#include "support/studiosettings.h"

class TestCompareGui : public QObject
{
    Q_OBJECT
    QTemporaryDir mDir;
    QStringList mRuns;

    void train(const QString &name, const QString &model, const QString &beta)
    {
        QStringList args = {QStringLiteral("train"), QStringLiteral("--model"), model, QStringLiteral("--limit"),
                            QStringLiteral("512"), QStringLiteral("--steps"), QStringLiteral("60"),
                            QStringLiteral("--log-every"), QStringLiteral("5"), QStringLiteral("--threads"),
                            QStringLiteral("1"), QStringLiteral("--quiet"), QStringLiteral("--out"), mDir.filePath(name)};
        if (!beta.isEmpty())
            args << QStringLiteral("--set") << QStringLiteral("beta=") + beta;
        QProcess cli;
        cli.start(QStringLiteral(GENSTUDIO_CLI), args);
        QVERIFY(cli.waitForFinished(120000));
        QVERIFY2(cli.exitCode() == 0, cli.readAllStandardError().constData());
        mRuns << mDir.filePath(name);
    }

    // Three runs in a fresh view.
    void addAll(CompareView &view)
    {
        for (const QString &run : std::as_const(mRuns))
            QVERIFY2(view.addRun(run), qPrintable(view.lastError()));
    }

private slots:
    void init()
    {
        StudioSettings().setComparedRuns({}); // each test starts with an empty view
    }

    void initTestCase()
    {
        QVERIFY(mDir.isValid());
        train(QStringLiteral("vae-beta1"), QStringLiteral("vae"), QStringLiteral("1"));
        train(QStringLiteral("vae-beta4"), QStringLiteral("vae"), QStringLiteral("4"));
        train(QStringLiteral("ae"), QStringLiteral("ae"), QString());
    }

    void showsThreeCurvesAndMarksTheBest()
    {
        CompareView view(nullptr, nullptr);
        addAll(view);
        QCOMPARE(view.runCount(), 3);
        QVERIFY(view.seriesNames().contains(QStringLiteral("recon")));
        view.setSeries(QStringLiteral("loss"));
        QCOMPARE(view.plot()->curveCount(), 3);
        for (int i = 0; i < 3; ++i)
            QCOMPARE(view.plot()->plottedValues(i).size(), 12); // steps 5 … 60
        // The best last loss is the smallest of the three.
        int expected = -1;
        double best = INFINITY;
        const gs::ComparisonTable &table = view.table()->comparison();
        int column = -1;
        for (size_t c = 0; c < table.columns.size(); ++c)
            if (table.columns[c].title == "loss last")
                column = int(c);
        QVERIFY(column > 0);
        for (int r = 0; r < 3; ++r) {
            const double v = table.values[r][column];
            QVERIFY(std::isfinite(v));
            if (v < best) {
                best = v;
                expected = r;
            }
        }
        QCOMPARE(view.table()->bestRow(QStringLiteral("loss last")), expected);
        QVERIFY(view.table()->item(expected, column)->text().startsWith(QStringLiteral("★")));
        for (int r = 0; r < 3; ++r)
            if (r != expected)
                QVERIFY(!view.table()->item(r, column)->text().startsWith(QStringLiteral("★")));
        // kl exists for the VAEs only: two curves, the AE row empty there.
        int kl = -1;
        for (size_t c = 0; c < table.columns.size(); ++c)
            if (table.columns[c].title == "kl last")
                kl = int(c);
        QVERIFY(kl > column);
        QVERIFY(!view.table()->item(0, kl)->text().isEmpty());
        QVERIFY(view.table()->item(2, kl)->text().isEmpty());
        view.setSeries(QStringLiteral("kl"));
        QCOMPARE(view.plot()->curveCount(), 2);
        QCOMPARE(view.table()->rowCount(), 3);
        QCOMPARE(view.table()->item(0, 1)->text(), QStringLiteral("vae"));
        QCOMPARE(view.table()->item(2, 1)->text(), QStringLiteral("ae"));
        QCOMPARE(view.table()->item(2, 3)->text(), QStringLiteral("60"));
    }

    void smoothingAndWallTime()
    {
        CompareView view(nullptr, nullptr);
        addAll(view);
        view.setSeries(QStringLiteral("loss"));
        view.setSmoothing(0.0);
        const QVector<double> raw = view.plot()->rawValues(0);
        QCOMPARE(view.plot()->plottedValues(0), raw);
        view.setSmoothing(0.9);
        const QVector<double> smooth = view.plot()->plottedValues(0);
        QCOMPARE(smooth.size(), raw.size());
        QCOMPARE(smooth.first(), raw.first()); // debiased: the first point is the raw value
        QVERIFY(smooth != raw);
        // An EMA of a falling loss lags above the raw values at the end.
        QVERIFY(smooth.last() > raw.last());
        QCOMPARE(view.plot()->plottedKeys(0).last(), 60.0);

        view.setWallTime(true);
        QVERIFY(view.plot()->xAxisLabel().contains(QStringLiteral("wall time")));
        const QVector<double> seconds = view.plot()->plottedKeys(0);
        QCOMPARE(seconds.size(), raw.size());
        const gs::RunTable &metrics = view.runs()[0].metrics;
        QCOMPARE(seconds.last(), metrics.rows.back()[metrics.column("seconds")]);
        QVERIFY(seconds.last() < 60.0 && seconds.first() < seconds.last());
        view.setWallTime(false);
        QCOMPARE(view.plot()->xAxisLabel(), QStringLiteral("step"));
    }

    void exportsCsvAndPng()
    {
        CompareView view(nullptr, nullptr);
        addAll(view);
        view.resize(1200, 800);
        const QString csv = mDir.filePath(QStringLiteral("runs.csv"));
        QVERIFY2(view.exportCsv(csv), qPrintable(view.lastError()));
        QFile file(csv);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QStringList lines = QString::fromUtf8(file.readAll()).trimmed().split('\n');
        QCOMPARE(lines.size(), 5); // header, three runs, best
        QVERIFY(lines[0].startsWith(QStringLiteral("run,model,dataset,steps,wall time (s),loss last,loss best")));
        QVERIFY(lines[1].startsWith(QStringLiteral("vae-beta1,vae,fashion-mnist,60,")));
        QVERIFY(lines[3].startsWith(QStringLiteral("ae,ae,fashion-mnist,60,")));
        QVERIFY(lines[4].startsWith(QStringLiteral("best,")));
        QVERIFY(lines[4].contains(QStringLiteral("lower is better")));
        const QString png = mDir.filePath(QStringLiteral("view.png"));
        QVERIFY2(view.exportPng(png), qPrintable(view.lastError()));
        const QImage image(png);
        QVERIFY(!image.isNull());
        QCOMPARE(image.size(), view.size());
        QVERIFY(!view.exportCsv(mDir.filePath(QStringLiteral("no/such/dir/runs.csv"))));
        QVERIFY(view.lastError().startsWith(QStringLiteral("Could not write")));
    }

    void sampleGridsFromTheSameSeeds()
    {
        CompareView view(nullptr, nullptr);
        addAll(view);
        QSignalSpy finished(view.samples(), &CompareSamples::finished);
        QVERIFY(finished.wait(60000) || !view.samples()->isLoading());
        QTRY_VERIFY_WITH_TIMEOUT(!view.samples()->isLoading(), 60000);
        for (int i = 0; i < 3; ++i) {
            QVERIFY2(!view.samples()->grid(i).isNull(), qPrintable(view.samples()->note(i)));
            QVERIFY(view.samples()->note(i).contains(QStringLiteral("seeds 1–8")));
        }
        QVERIFY(view.samples()->grid(0) != view.samples()->grid(2)); // different models, same seeds
        view.setFirstSeed(11);
        QTRY_VERIFY_WITH_TIMEOUT(!view.samples()->isLoading(), 60000);
        QVERIFY(view.samples()->note(0).contains(QStringLiteral("seeds 11–18")));
    }

    void removesDropsAndRefuses()
    {
        CompareView view(nullptr, nullptr);
        addAll(view);
        view.setSeries(QStringLiteral("loss"));
        view.removeRun(1);
        QCOMPARE(view.runCount(), 2);
        QCOMPARE(view.plot()->curveCount(), 2);
        QCOMPARE(view.table()->rowCount(), 2);
        drop(&view, mRuns[1]);
        QCOMPARE(view.runCount(), 3);
        // The same run again (its checkpoint this time) is refused.
        QVERIFY(!view.addRun(QDir(mRuns[0]).filePath(QStringLiteral("checkpoint.gsckpt"))));
        QVERIFY(view.lastError().contains(QStringLiteral("already")));
        // A folder that is not a run.
        const QString empty = mDir.filePath(QStringLiteral("not-a-run"));
        QVERIFY(QDir().mkpath(empty));
        QFile(QDir(empty).filePath(QStringLiteral("notes.txt"))).open(QIODevice::WriteOnly);
        QVERIFY(!view.addRun(empty));
        const QString sentence = view.lastError();
        QVERIFY2(sentence.startsWith(QStringLiteral("“not-a-run” is not a run")) && sentence.endsWith('.'),
                 qPrintable(sentence));
        QVERIFY(!view.addRun(mDir.filePath(QStringLiteral("missing"))));
        QVERIFY(view.lastError().contains(QStringLiteral("does not exist")));
        QCOMPARE(view.runCount(), 3);
        // The list is remembered for the next start.
        CompareView again(nullptr, nullptr);
        QCOMPARE(again.runCount(), 3);
    }

    void generatesADatasetFromTheFileMenu()
    {
        const QString checkpoint = QDir(mRuns[0]).filePath(QStringLiteral("checkpoint.gsckpt"));
        GenerateDatasetDialog dialog(checkpoint);
        const QString out = mDir.filePath(QStringLiteral("generated"));
        dialog.setOutputFolder(out);
        dialog.setCount(30);
        QVERIFY(dialog.start());
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.isRunning(), 60000);
        QVERIFY2(dialog.succeeded(), qPrintable(dialog.lastMessage()));
        QCOMPARE(QDir(out).entryList({QStringLiteral("*.png")}, QDir::Files).size(), 30);
        QVERIFY(QFile::exists(QDir(out).filePath(QStringLiteral("manifest.json"))));
        // The same (now full) folder again: refused with the core's sentence.
        QVERIFY(dialog.start());
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.isRunning(), 60000);
        QVERIFY(!dialog.succeeded());
        QVERIFY(dialog.lastMessage().contains(QStringLiteral("already holds files")));
        // Cancelled: nothing is left.
        const QString cancelled = mDir.filePath(QStringLiteral("cancelled"));
        dialog.setOutputFolder(cancelled);
        dialog.setCount(100000);
        QVERIFY(dialog.start());
        dialog.cancel();
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.isRunning(), 60000);
        QVERIFY(!dialog.succeeded());
        QVERIFY(!QFileInfo::exists(cancelled));
    }
};

GS_GUI_TEST_MAIN(TestCompareGui)
#include "test_compare_gui.moc"
