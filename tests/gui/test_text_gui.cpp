// test_text_gui.cpp — the Explore tab's Text view on the offscreen platform,
// for a tiny character-level GPT trained here on part of Debian's fortunes:
// the continuation streams in (the text grows over several replies), the bar
// chart holds the position's candidates with the chosen one among them,
// clicking a candidate puts it into the text and continues from it, Stop
// stops, temperature 0 writes the same text whatever the seed (the argmax at
// every step, the T = 0 column of the temperature comparison too), the
// attention heatmap is a lower-triangular matrix of rows summing to 1, unknown
// prompt characters are named; for an LSTM the heatmap says why it is empty;
// for an image model the tab is disabled with its sentence; and for the text
// model the image views are disabled and the header names no latent.
#include <QElapsedTimer>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTextEdit>

#include <cmath>

#include "explore/text/attentionheatmap.h"
#include "explore/text/candidatebars.h"
#include "explore/text/temperaturecomparison.h"
#include "explore/text/textview.h"
#include "explore_test_support.h"
#include "gui_test_main.h"
#include "widgets/messagebanner.h"

using namespace exploretest;

namespace {

const QString kFortunes = QStringLiteral("/usr/share/games/fortunes");

QString trainCharModel(const QString &dir, const std::string &arch, long steps)
{
    gs::SessionConfig config;
    config.model_id = "chargpt";
    config.dataset.id = "fortunes";
    config.dataset.limit = 256;
    config.params = {{"arch", arch},  {"layers", "2"},   {"heads", "2"},         {"width", "32"},
                     {"context", "32"}, {"batch_size", "16"}, {"lr", "0.003"}, {"warmup", "0"}};
    auto session = gs::TrainingSession::create(config);
    if (steps > 0) {
        gs::RunOptions options;
        options.total_steps = steps;
        options.sample_seconds = 0;
        gs::TrainControl control;
        gs::TrainObserver quiet;
        session->run(options, control, quiet);
    }
    const QString path = QDir(dir).filePath(QString::fromStdString("chargpt-" + arch + ".gsckpt"));
    session->save(QFile::encodeName(path).toStdString());
    return path;
}

} // namespace

class TextGuiTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void theTextStreamsWithItsCandidates();
    void choosingACandidateContinuesFromIt();
    void stopStops();
    void temperatureZeroIsTheArgmaxAndRepeats();
    void attentionIsLowerTriangular();
    void unknownCharactersAreNamed();
    void imageViewsStepAside();
    void anLstmHasNoAttention();
    void unavailableForAnImageModel();

private:
    TextView *openView();
    bool run(TextView *view); // generate and wait for the end

    QTemporaryDir mDir;
    QString mCheckpoint;
    std::unique_ptr<ExploreView> mExplore;
};

void TextGuiTest::initTestCase()
{
    QVERIFY(mDir.isValid());
    if (!QFileInfo::exists(kFortunes))
        QSKIP("Debian's fortunes are not installed (package fortunes)");
    mCheckpoint = trainCharModel(mDir.path(), "gpt", 60);
    mExplore = openExploreView(mCheckpoint);
    QVERIFY(waitForModel(mExplore.get()));
}

TextView *TextGuiTest::openView()
{
    auto *view = mExplore->view<TextView>(QStringLiteral("textgen"));
    if (view)
        mExplore->showSubView(QStringLiteral("textgen"));
    return view;
}

bool TextGuiTest::run(TextView *view)
{
    QSignalSpy finished(view, &TextView::generationFinished);
    view->generate();
    return view->isGenerating() && finished.wait(kTimeoutMs) && !view->isGenerating();
}

void TextGuiTest::theTextStreamsWithItsCandidates()
{
    TextView *view = openView();
    QVERIFY(view);
    auto *tabs = mExplore->findChild<QTabWidget *>(QStringLiteral("exploreTabs"));
    const int tab = tabs->indexOf(view);
    QCOMPARE(tabs->tabText(tab), QStringLiteral("Text"));
    QVERIFY(tabs->isTabEnabled(tab));
    QCOMPARE(mExplore->currentViewId(), QStringLiteral("textgen"));
    // Shown with a model, it continues the default prompt by itself (and compares temperatures).
    QVERIFY(view->isGenerating() || !view->steps().empty());
    QVERIFY(QTest::qWaitFor([&] { return !view->isGenerating() && !view->comparison()->isBusy(); }, kTimeoutMs));
    QVERIFY(!view->steps().empty());
    QCOMPARE(view->comparison()->texts().size(), 4);

    view->setPrompt(QStringLiteral("The "));
    view->setTemperature(0.8);
    view->setLength(60);
    QList<int> sizes;
    QObject listening; // the connection ends with this test
    connect(view, &TextView::textChanged, &listening, [&] { sizes << int(view->steps().size()); });
    QElapsedTimer clock;
    clock.start();
    QVERIFY(run(view));
    qInfo("streamed 60 characters in %lld ms", clock.elapsed());
    QCOMPARE(view->promptText(), QStringLiteral("The "));
    QCOMPARE(int(view->steps().size()), 60);
    QCOMPARE(view->continuation().size(), 60); // fortunes' vocabulary: one UTF-16 unit per character here
    // It streamed: the text grew over many replies of a few characters each.
    QVERIFY2(sizes.size() >= 60 / TextView::kChunk, qPrintable(QString::number(sizes.size())));
    for (int i = 1; i < sizes.size(); ++i)
        QVERIFY(sizes[i] >= sizes[i - 1]);
    QVERIFY(sizes.contains(TextView::kChunk));

    // The bar chart: the newest position's candidates, best first, the chosen one among them.
    CandidateBars *bars = view->bars();
    QCOMPARE(view->shownPosition(), 59);
    QCOMPARE(bars->candidateCount(), 10);
    const gs::TextStep &last = view->steps().back();
    QCOMPARE(bars->step().token, last.token);
    double total = 0;
    for (int i = 0; i < bars->candidateCount(); ++i) {
        total += bars->step().top[size_t(i)].model_prob;
        if (i > 0)
            QVERIFY(bars->step().top[size_t(i)].model_prob <= bars->step().top[size_t(i - 1)].model_prob);
    }
    QVERIFY(total > 0.2 && total <= 1.0 + 1e-5);
    // Every drawn character was a candidate the draw could pick.
    for (const gs::TextStep &s : view->steps())
        QVERIFY(s.sample_prob > 0);
    // Selecting an earlier position shows its candidates.
    view->selectPosition(10);
    QCOMPARE(bars->step().token, view->steps()[10].token);
    view->selectPosition(-1);
    QVERIFY(!mExplore->messageBanner()->isVisible());
}

void TextGuiTest::choosingACandidateContinuesFromIt()
{
    TextView *view = openView();
    view->setPrompt(QStringLiteral("The "));
    view->setTemperature(0.8);
    view->setLength(40);
    QVERIFY(run(view));
    const std::vector<gs::TextStep> before = view->steps();
    view->selectPosition(12);
    CandidateBars *bars = view->bars();
    // A candidate other than the one drawn there.
    int pick = 0;
    while (pick < bars->candidateCount() && bars->step().top[size_t(pick)].token == before[12].token)
        ++pick;
    QVERIFY(pick < bars->candidateCount());
    const gs::TextCandidate chosen = bars->step().top[size_t(pick)];
    QSignalSpy finished(view, &TextView::generationFinished);
    QTest::mouseClick(bars, Qt::LeftButton, {}, bars->barRect(pick).center().toPoint());
    QVERIFY(view->isGenerating());
    QVERIFY(finished.wait(kTimeoutMs));
    const std::vector<gs::TextStep> &after = view->steps();
    QVERIFY(after.size() > 13);
    for (int i = 0; i < 12; ++i)
        QCOMPARE(after[size_t(i)].token, before[size_t(i)].token); // the text before it is kept
    QCOMPARE(after[12].token, chosen.token);
    QVERIFY(after[12].forced);
    QCOMPARE(view->continuation().mid(12, 1), QString::fromStdString(chosen.text));
    QVERIFY(!after[13].forced); // and the model goes on from there
    auto *text = view->findChild<QTextEdit *>(QStringLiteral("textOutput"));
    QVERIFY(text->toPlainText().startsWith(QStringLiteral("The ") + view->continuation().left(13)));
}

void TextGuiTest::stopStops()
{
    TextView *view = openView();
    view->setPrompt(QStringLiteral("A "));
    view->setLength(2000);
    view->generate();
    QVERIFY(QTest::qWaitFor([&] { return view->steps().size() >= size_t(3 * TextView::kChunk); }, kTimeoutMs));
    auto *stop = view->findChild<QPushButton *>(QStringLiteral("textStopButton"));
    QVERIFY(stop->isEnabled());
    stop->click();
    QVERIFY(!view->isGenerating());
    const size_t n = view->steps().size();
    QTest::qWait(400);
    QCOMPARE(view->steps().size(), n);
    QVERIFY(n < 2000);
    QVERIFY(!stop->isEnabled());
    QVERIFY(view->findChild<QPushButton *>(QStringLiteral("textGenerateButton"))->isEnabled());
}

void TextGuiTest::temperatureZeroIsTheArgmaxAndRepeats()
{
    TextView *view = openView();
    view->setPrompt(QStringLiteral("The "));
    view->setTemperature(0.0);
    view->setLength(50);
    view->setSeed(3);
    QVERIFY(run(view));
    const QString first = view->continuation();
    for (const gs::TextStep &s : view->steps()) {
        QCOMPARE(s.token, s.top.front().token); // the most likely character every time
        QCOMPARE(s.sample_prob, 1.0f);
    }
    // Regenerate takes the next seed: at temperature 0 the text is the same.
    QSignalSpy finished(view, &TextView::generationFinished);
    view->findChild<QPushButton *>(QStringLiteral("textRegenerateButton"))->click();
    QVERIFY(finished.wait(kTimeoutMs));
    QCOMPARE(view->continuation(), first);
    // At temperature 1 two seeds write different texts, one seed the same one.
    view->setTemperature(1.0);
    QVERIFY(run(view));
    const QString warm = view->continuation();
    QVERIFY(run(view));
    QCOMPARE(view->continuation(), warm);
    view->setSeed(99);
    QVERIFY(run(view));
    QVERIFY(view->continuation() != warm);

    // The temperature comparison: its T = 0 column is the greedy text.
    TemperatureComparison *comparison = view->comparison();
    comparison->setTemperatures(QStringLiteral("0, 1, 2"));
    QSignalSpy compared(comparison, &TemperatureComparison::finished);
    view->findChild<QPushButton *>(QStringLiteral("textCompareButton"))->click();
    QVERIFY(compared.wait(kTimeoutMs));
    const QStringList texts = comparison->texts();
    QCOMPARE(texts.size(), 3);
    QVERIFY2(texts[0].startsWith(first), qPrintable(texts[0] + QStringLiteral(" | ") + first));
    QVERIFY(texts[1] != texts[0] && texts[2] != texts[0]);
    // A list that is not temperatures is refused with a sentence.
    QSignalSpy errors(view, &TextView::error);
    comparison->setTemperatures(QStringLiteral("0, hot"));
    view->compareTemperatures();
    QCOMPARE(errors.size(), 1);
    QVERIFY(errors.first().first().toString().contains(QStringLiteral("not a temperature")));
    comparison->setTemperatures(QStringLiteral("0, 0.5, 1, 1.5"));
}

void TextGuiTest::attentionIsLowerTriangular()
{
    TextView *view = openView();
    QVERIFY(view->hasAttention());
    view->setPrompt(QStringLiteral("The "));
    view->setTemperature(0.8);
    view->setLength(20);
    QVERIFY(run(view));
    view->setAttentionHead(1, 1);
    QVERIFY(QTest::qWaitFor([&] {
        const gs::TextAttention &a = view->heatmap()->attention();
        return a.layer == 1 && a.head == 1 && a.size == 24;
    }, kTimeoutMs));
    AttentionHeatmap *heatmap = view->heatmap();
    const int n = heatmap->attention().size;
    for (int r = 0; r < n; ++r) {
        double sum = 0;
        for (int c = 0; c < n; ++c) {
            if (c > r)
                QCOMPARE(heatmap->weight(r, c), 0.0f);
            sum += heatmap->weight(r, c);
        }
        QVERIFY2(std::abs(sum - 1.0) < 1e-4, qPrintable(QString::number(sum)));
    }
    QCOMPARE(heatmap->weight(0, 0), 1.0f); // the first character can only look at itself
    QCOMPARE(QString::fromStdString(heatmap->attention().tokens.front()), QStringLiteral("T"));
    // Over the context length (32), the map covers the last 32 characters.
    view->setLength(60);
    QVERIFY(run(view));
    QVERIFY(QTest::qWaitFor([&] { return view->heatmap()->attention().size == 32; }, kTimeoutMs));
}

void TextGuiTest::unknownCharactersAreNamed()
{
    TextView *view = openView();
    QSignalSpy notices(view, &TextView::notice);
    view->setPrompt(QStringLiteral("The ☃ snowman"));
    view->setLength(8);
    QVERIFY(run(view));
    QCOMPARE(notices.size(), 1);
    QVERIFY2(notices.first().first().toString().contains(QStringLiteral("“☃”")),
             qPrintable(notices.first().first().toString()));
    QCOMPARE(view->promptText(), QStringLiteral("The  snowman"));
    QCOMPARE(int(view->steps().size()), 8);
    // Nothing the model knows: a sentence, no text.
    QSignalSpy errors(view, &TextView::error);
    view->setPrompt(QStringLiteral("☃☃"));
    view->generate();
    QVERIFY(errors.wait(kTimeoutMs));
    QVERIFY(errors.first().first().toString().contains(QStringLiteral("vocabulary")));
    QVERIFY(!view->isGenerating());
    QVERIFY(mExplore->messageBanner()->isVisible()); // the sentence reaches the tab's banner
    QCOMPARE(mExplore->messageBanner()->text(), errors.first().first().toString());
    mExplore->messageBanner()->hide();
}

void TextGuiTest::imageViewsStepAside()
{
    openView();
    auto *tabs = mExplore->findChild<QTabWidget *>(QStringLiteral("exploreTabs"));
    for (int i = 0; i < tabs->count(); ++i) {
        if (tabs->widget(i) == mExplore->view<TextView>(QStringLiteral("textgen")))
            continue;
        // The checkpoint timeline shows a text model's continuation at each checkpoint.
        if (ExplorerView *timeline = mExplore->explorerView(QStringLiteral("timeline")))
            if (tabs->widget(i) == timeline->widget())
                continue;
        QVERIFY2(!tabs->isTabEnabled(i), qPrintable(tabs->tabText(i)));
        QVERIFY2(!tabs->tabToolTip(i).isEmpty(), qPrintable(tabs->tabText(i)));
    }
    for (QLabel *label : mExplore->findChildren<QLabel *>()) {
        if (label->isVisible())
            QVERIFY2(!label->text().contains(QStringLiteral("latent 0")), qPrintable(label->text()));
    }
}

void TextGuiTest::anLstmHasNoAttention()
{
    const QString lstm = trainCharModel(mDir.path(), "lstm", 10);
    mExplore->messageBanner()->hide(); // the sentences the earlier cases asked for
    const quint64 generation = mExplore->modelInfo().generation;
    mExplore->openCheckpoint(lstm);
    QVERIFY(waitForModel(mExplore.get(), generation));
    TextView *view = openView();
    view->setPrompt(QStringLiteral("The "));
    view->setLength(12);
    QVERIFY(run(view));
    QCOMPARE(int(view->steps().size()), 12);
    QVERIFY(!view->hasAttention());
    QVERIFY(!view->heatmap()->isEnabled());
    QCOMPARE(view->heatmap()->attention().size, 0);
    QVERIFY2(!mExplore->messageBanner()->isVisible(), qPrintable(mExplore->messageBanner()->text()));
}

void TextGuiTest::unavailableForAnImageModel()
{
    if (!QFileInfo::exists(kFashionMnist))
        QSKIP("Fashion-MNIST is not installed (dataset-fashion-mnist)");
    const QString vae = trainCheckpoint(mDir.path(), "vae", 0, 4);
    const quint64 generation = mExplore->modelInfo().generation;
    mExplore->openCheckpoint(vae);
    QVERIFY(waitForModel(mExplore.get(), generation));
    auto *view = mExplore->view<TextView>(QStringLiteral("textgen"));
    auto *tabs = mExplore->findChild<QTabWidget *>(QStringLiteral("exploreTabs"));
    const int tab = tabs->indexOf(view);
    QVERIFY(!tabs->isTabEnabled(tab));
    QVERIFY2(tabs->tabToolTip(tab).contains(QStringLiteral("does not write text")), qPrintable(tabs->tabToolTip(tab)));
    QCOMPARE(view->unavailableText(), tabs->tabToolTip(tab));
    QVERIFY(view->steps().empty());
}

GS_GUI_TEST_MAIN(TextGuiTest)
#include "test_text_gui.moc"
