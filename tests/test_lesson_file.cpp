// test_lesson_file — lesson files (src/app/lessons/lesson.h): a valid file
// parses into steps with presets, actions, highlights and promises; every
// built-in lesson is valid and listed in the Qt resource file; the example in
// docs/teaching.md parses; and every kind of mistake is refused with a
// sentence naming the file, the step and the unknown name.
#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include "core/common/error.h"
#include "lessons/lesson.h"

namespace {

QString sourceDir()
{
    return qEnvironmentVariable("GENSTUDIO_SOURCE_DIR");
}

// The sentence fromJson refuses `json` with (empty when it is accepted).
QString refusal(const QByteArray &json, const Lesson::ControlCheck &check = {})
{
    try {
        Lesson::fromJson(json, QStringLiteral("/tmp/broken.json"), check);
    } catch (const gs::Error &e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

// A one-step lesson around `step` (a JSON object's text).
QByteArray oneStep(const QByteArray &step)
{
    return "{\"version\": 1, \"title\": \"T\", \"steps\": [" + step + "]}";
}

// Two steps: a preset, then `step`.
QByteArray afterPreset(const QByteArray &step)
{
    return "{\"version\": 1, \"title\": \"T\", \"steps\": [{\"body\": \"a\", \"preset\": {\"model\": \"vae\", "
           "\"dataset\": \"fashion-mnist\"}}, "
           + step + "]}";
}

} // namespace

class TestLessonFile : public QObject
{
    Q_OBJECT

private slots:
    void parsesAValidLesson()
    {
        const Lesson lesson = Lesson::fromJson(R"({
            "version": 1, "title": "VAE", "family": "VAE", "summary": "s",
            "steps": [
              {"title": "one", "body": "<p>β = 0</p>",
               "preset": {"model": "vae", "dataset": "fashion-mnist", "params": {"beta": 0, "latent_dim": 2},
                          "seed": 3, "steps": 500},
               "action": {"do": "train", "steps": 200},
               "actions": [{"do": "show_explorer_view", "view": "map"},
                           {"do": "set_control", "control": "gridCheck", "value": true}],
               "highlight": ["parameterForm/param_beta", "latentMapPlot", "latentSlider0"],
               "promise": {"model": "vae", "min_steps": 200, "params": {"beta": "0"}, "explorer_view": "map",
                           "state": "ready", "controls": {"gridCheck": true}}},
              {"body": "two", "action": {"do": "set_parameter", "key": "beta", "value": 4}},
              {"body": "three", "actions": [{"do": "pause"}, {"do": "resume"}, {"do": "show_view", "view": "playground"},
                                            {"do": "press", "control": "playButton"}]}
            ]})",
                                               QStringLiteral("x.json"), [](const QString &name) {
                                                   return name == QLatin1String("gridCheck")
                                                          || name == QLatin1String("latentMapPlot")
                                                          || name == QLatin1String("playButton");
                                               });
        QCOMPARE(lesson.title, QStringLiteral("VAE"));
        QCOMPARE(lesson.steps.size(), 3);
        const LessonStep &first = lesson.steps[0];
        QVERIFY(first.preset.present);
        QCOMPARE(first.preset.model, QStringLiteral("vae"));
        QCOMPARE(first.preset.params.value(QStringLiteral("latent_dim")), QStringLiteral("2"));
        QCOMPARE(first.preset.seed.value_or(0), 3ull);
        QCOMPARE(first.preset.steps, 500L);
        QCOMPARE(first.actions.size(), 3);
        QCOMPARE(first.actions[0].kind, LessonAction::Kind::Train); // "action" comes before "actions"
        QCOMPARE(first.actions[0].steps, 200L);
        QCOMPARE(first.actions[1].kind, LessonAction::Kind::ShowExplorerView);
        QCOMPARE(first.actions[2].controlValue.toBool(), true);
        QCOMPARE(first.highlights.size(), 3);
        QCOMPARE(first.promise.minSteps, 200L);
        QCOMPARE(first.promise.state, QStringLiteral("ready"));
        QVERIFY(!first.promise.isEmpty());
        // The model carries over to steps without a preset.
        QCOMPARE(lesson.steps[1].model, QStringLiteral("vae"));
        QCOMPARE(lesson.steps[1].actions[0].kind, LessonAction::Kind::SetParameter);
        QCOMPARE(lesson.steps[1].actions[0].value, QStringLiteral("4"));
        QCOMPARE(lesson.steps[2].actions.size(), 4);
        QVERIFY(lesson.steps[2].promise.isEmpty());
    }

    void everyBuiltinLessonIsValid()
    {
        const QStringList files = Lesson::builtinFiles();
        QVERIFY2(files.size() >= 10, qPrintable(files.join(QLatin1Char(' '))));
        QStringList families;
        for (const QString &file : files) {
            const Lesson lesson = Lesson::fromFile(file);
            QVERIFY2(!lesson.steps.isEmpty(), qPrintable(file));
            QVERIFY2(!lesson.family.isEmpty(), qPrintable(file));
            families << lesson.family;
            for (const LessonStep &step : lesson.steps)
                QVERIFY2(!step.text.isEmpty(), qPrintable(file));
        }
        families.removeDuplicates();
        QCOMPARE(families.size(), files.size()); // one lesson per family
    }

    void resourceFileListsEveryLesson()
    {
        if (sourceDir().isEmpty())
            QSKIP("GENSTUDIO_SOURCE_DIR is not set (run through ctest)");
        const QDir dir(sourceDir() + QStringLiteral("/resources/lessons"));
        QStringList onDisk = dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
        QStringList built;
        for (const QString &file : Lesson::builtinFiles())
            built << QFileInfo(file).fileName();
        QCOMPARE(built, onDisk);
        // And the copies in the resource are the files on disk.
        for (const QString &name : onDisk) {
            QFile disk(dir.filePath(name));
            QFile resource(QStringLiteral(":/lessons/") + name);
            QVERIFY(disk.open(QIODevice::ReadOnly) && resource.open(QIODevice::ReadOnly));
            QCOMPARE(resource.readAll(), disk.readAll());
        }
    }

    void theTeachingGuideExampleParses()
    {
        if (sourceDir().isEmpty())
            QSKIP("GENSTUDIO_SOURCE_DIR is not set (run through ctest)");
        QFile guide(sourceDir() + QStringLiteral("/docs/teaching.md"));
        QVERIFY(guide.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(guide.readAll());
        const QRegularExpression block(QStringLiteral("```json\\n(.*?)```"),
                                       QRegularExpression::DotMatchesEverythingOption);
        const QRegularExpressionMatch match = block.match(text);
        QVERIFY2(match.hasMatch(), "docs/teaching.md has no ```json example");
        const Lesson lesson = Lesson::fromJson(match.captured(1).toUtf8(), QStringLiteral("teaching.md"));
        QVERIFY(lesson.steps.size() >= 2);
    }

    void refusesMalformedFiles_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QStringList>("words"); // each must be in the sentence
        QTest::newRow("not json") << QByteArray("{\"version\": 1,") << QStringList{"broken.json", "not valid JSON"};
        QTest::newRow("not an object") << QByteArray("[1]") << QStringList{"one JSON object"};
        QTest::newRow("no version") << QByteArray("{\"title\": \"T\", \"steps\": []}") << QStringList{"no \"version\""};
        QTest::newRow("version 2") << QByteArray("{\"version\": 2, \"title\": \"T\", \"steps\": []}")
                                   << QStringList{"version 2", "version 1 only"};
        QTest::newRow("no title") << QByteArray("{\"version\": 1, \"steps\": [{\"body\": \"a\"}]}")
                                  << QStringList{"\"title\""};
        QTest::newRow("no steps") << QByteArray("{\"version\": 1, \"title\": \"T\", \"steps\": []}")
                                  << QStringList{"no steps"};
        QTest::newRow("unknown field") << QByteArray("{\"version\": 1, \"title\": \"T\", \"stpes\": []}")
                                       << QStringList{"unknown field", "“stpes”"};
        QTest::newRow("step not object") << oneStep("3") << QStringList{"step 1", "not a JSON object"};
        QTest::newRow("step without text") << oneStep("{\"title\": \"x\"}") << QStringList{"step 1", "\"body\""};
        QTest::newRow("unknown step field") << oneStep("{\"body\": \"a\", \"hilight\": []}")
                                            << QStringList{"step 1", "“hilight”"};
    }
    void refusesMalformedFiles()
    {
        QFETCH(QByteArray, json);
        QFETCH(QStringList, words);
        const QString sentence = refusal(json);
        QVERIFY2(!sentence.isEmpty(), "accepted");
        for (const QString &word : words)
            QVERIFY2(sentence.contains(word), qPrintable(sentence));
        QVERIFY2(sentence.endsWith(QLatin1Char('.')), qPrintable(sentence)); // a sentence
    }

    void refusesUnknownNames_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QStringList>("words");
        QTest::newRow("model") << oneStep("{\"body\": \"a\", \"preset\": {\"model\": \"vea\", \"dataset\": \"fashion-mnist\"}}")
                               << QStringList{"step 1", "model “vea”", "“vae”"};
        QTest::newRow("imported model") << oneStep("{\"body\": \"a\", \"preset\": {\"model\": \"torchscript\", \"dataset\": \"fashion-mnist\"}}")
                                        << QStringList{"model “torchscript”"};
        QTest::newRow("dataset") << oneStep("{\"body\": \"a\", \"preset\": {\"model\": \"vae\", \"dataset\": \"mnist\"}}")
                                 << QStringList{"step 1", "dataset “mnist”", "“fashion-mnist”"};
        QTest::newRow("dataset needs a folder")
            << oneStep("{\"body\": \"a\", \"preset\": {\"model\": \"vae\", \"dataset\": \"folder\"}}")
            << QStringList{"dataset “folder”", "needs a folder"};
        QTest::newRow("dataset the model cannot read")
            << oneStep("{\"body\": \"a\", \"preset\": {\"model\": \"vae\", \"dataset\": \"fortunes\"}}")
            << QStringList{"“vae”", "“fortunes”", "cannot read"};
        QTest::newRow("parameter") << afterPreset("{\"body\": \"b\", \"action\": {\"do\": \"set_parameter\", \"key\": \"btea\", \"value\": 4}}")
                                   << QStringList{"step 2", "parameter “btea”", "“vae”", "“beta”"};
        QTest::newRow("preset parameter")
            << oneStep("{\"body\": \"a\", \"preset\": {\"model\": \"gan\", \"dataset\": \"ring8\", \"params\": {\"beta\": 1}}}")
            << QStringList{"step 1", "parameter “beta”", "model “gan”"};
        QTest::newRow("parameter out of range")
            << oneStep("{\"body\": \"a\", \"preset\": {\"model\": \"vae\", \"dataset\": \"fashion-mnist\", \"params\": {\"beta\": 1000}}}")
            << QStringList{"step 1", "beta", "between"};
        QTest::newRow("parameter choice")
            << oneStep("{\"body\": \"a\", \"preset\": {\"model\": \"gan\", \"dataset\": \"ring8\", \"params\": {\"loss\": \"minmax\"}}}")
            << QStringList{"step 1", "loss", "minmax"};
        QTest::newRow("parameter before a model")
            << oneStep("{\"body\": \"a\", \"action\": {\"do\": \"set_parameter\", \"key\": \"beta\", \"value\": 4}}")
            << QStringList{"step 1", "“beta”", "no step up to it chooses a model"};
        QTest::newRow("train before a model") << oneStep("{\"body\": \"a\", \"action\": {\"do\": \"train\", \"steps\": 10}}")
                                              << QStringList{"step 1", "no step up to it chooses a model"};
        QTest::newRow("train steps") << afterPreset("{\"body\": \"b\", \"action\": {\"do\": \"train\", \"steps\": 0}}")
                                     << QStringList{"step 2", "\"steps\"", "at least 1"};
        QTest::newRow("view") << oneStep("{\"body\": \"a\", \"action\": {\"do\": \"show_view\", \"view\": \"playgrund\"}}")
                              << QStringList{"step 1", "view “playgrund”", "“playground”"};
        QTest::newRow("explorer view")
            << oneStep("{\"body\": \"a\", \"action\": {\"do\": \"show_explorer_view\", \"view\": \"mapp\"}}")
            << QStringList{"step 1", "explorer view “mapp”", "“map”"};
        QTest::newRow("promised view") << oneStep("{\"body\": \"a\", \"promise\": {\"view\": \"nowhere\"}}")
                                       << QStringList{"view “nowhere”"};
        QTest::newRow("action") << oneStep("{\"body\": \"a\", \"action\": {\"do\": \"dance\"}}")
                                << QStringList{"step 1", "action “dance”", "“train”"};
        QTest::newRow("action field") << afterPreset("{\"body\": \"b\", \"action\": {\"do\": \"train\", \"steps\": 5, \"fast\": true}}")
                                      << QStringList{"step 2", "“fast”"};
        QTest::newRow("control") << oneStep("{\"body\": \"a\", \"highlight\": [\"noSuchSlider\"]}")
                                 << QStringList{"step 1", "control “noSuchSlider”", "not in this studio"};
        QTest::newRow("moved control")
            << oneStep("{\"body\": \"a\", \"action\": {\"do\": \"set_control\", \"control\": \"nope\", \"value\": 1}}")
            << QStringList{"control “nope”"};
        QTest::newRow("control without value")
            << oneStep("{\"body\": \"a\", \"action\": {\"do\": \"set_control\", \"control\": \"known\"}}")
            << QStringList{"“known”", "no \"value\""};
        QTest::newRow("parameter editor") << afterPreset("{\"body\": \"b\", \"highlight\": [\"parameterForm/param_bta\"]}")
                                          << QStringList{"step 2", "“parameterForm/param_bta”", "no parameter “bta”"};
        QTest::newRow("checkpoint model")
            << oneStep("{\"body\": \"a\", \"action\": {\"do\": \"open_checkpoint\", \"file\": \"x.gsckpt\", \"model\": \"stylegun\"}}")
            << QStringList{"model “stylegun”"};
        QTest::newRow("state") << oneStep("{\"body\": \"a\", \"promise\": {\"state\": \"done\"}}")
                               << QStringList{"state “done”"};
        QTest::newRow("promised dataset") << oneStep("{\"body\": \"a\", \"promise\": {\"dataset\": \"cifar\"}}")
                                          << QStringList{"dataset “cifar”"};
    }
    void refusesUnknownNames()
    {
        QFETCH(QByteArray, json);
        QFETCH(QStringList, words);
        const QString sentence = refusal(json, [](const QString &name) { return name == QLatin1String("known"); });
        QVERIFY2(!sentence.isEmpty(), "accepted");
        QVERIFY2(sentence.contains(QStringLiteral("“broken.json”")), qPrintable(sentence));
        for (const QString &word : words)
            QVERIFY2(sentence.contains(word), qPrintable(sentence));
        QVERIFY2(sentence.endsWith(QLatin1Char('.')), qPrintable(sentence));
    }

    void numberedControlsWaitForTheirStep()
    {
        // latentSlider7 exists only once a model with 8 latents is loaded: checked when the step runs.
        const QString sentence = refusal(oneStep("{\"body\": \"a\", \"highlight\": [\"latentSlider7\"]}"),
                                         [](const QString &) { return false; });
        QVERIFY2(sentence.isEmpty(), qPrintable(sentence));
        QVERIFY(Lesson::isDeferredControl(QStringLiteral("latentSlider7")));
        QVERIFY(!Lesson::isDeferredControl(QStringLiteral("psiSlider")));
    }

    void unreadableFileIsRefused()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("missing.json"));
        try {
            Lesson::fromFile(path);
            QFAIL("accepted a missing file");
        } catch (const gs::Error &e) {
            const QString sentence = QString::fromStdString(e.what());
            QVERIFY2(sentence.contains(path) && sentence.contains(QLatin1String("cannot be read")),
                     qPrintable(sentence));
        }
    }
};

QTEST_GUILESS_MAIN(TestLessonFile)
#include "test_lesson_file.moc"
