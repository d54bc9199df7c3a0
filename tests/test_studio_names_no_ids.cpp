// The studio gates features by capability flags and parameter roles, never by
// naming a model family or a dataset: this test reads every source file under
// src/app and fails, listing file and line, where a string literal is a model
// id or a dataset id of the catalogs (so a family added to the registry is
// covered without editing the test). Data tables that exist to name models
// (the playground's presets) are the only files allowed to. Comments are
// skipped. A second case plants a literal in a scratch tree to show the scan
// finds it.
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTextStream>

#include "core/model/model_catalog.h"
#include "test_main.h"

namespace {

// Files (relative to src/app) whose purpose is to name models and datasets.
const QStringList kDataTables = {QStringLiteral("playground/playgroundpresets.cpp")};

// Explorer view ids that happen to spell a dataset id, allowed only where the
// view's id is declared (the list of views and the view's traits): the Text
// view is `--explore-view text`, and the user's text dataset is also `text`.
const QList<QPair<QString, QString>> kViewIdSpellings = {
    {QStringLiteral("explore/explorerviews.cpp"), QStringLiteral("text")},
    {QStringLiteral("explore/text/textview_explorer.cpp"), QStringLiteral("text")},
};

QSet<QString> catalogIds() {
  QSet<QString> ids;
  for (const auto& m : gs::model_catalog()) ids.insert(QString::fromStdString(m.id));
  for (const auto& d : gs::dataset_catalog()) ids.insert(QString::fromStdString(d.id));
  return ids;
}

// "file:line: "id"" for every string literal in `root` that is one of `ids`.
QStringList findIdLiterals(const QString& root, const QSet<QString>& ids) {
  QStringList hits;
  static const QRegularExpression literal(QStringLiteral("\"((?:[^\"\\\\]|\\\\.)*)\""));
  QDirIterator it(root, {QStringLiteral("*.cpp"), QStringLiteral("*.h")}, QDir::Files,
                  QDirIterator::Subdirectories);
  while (it.hasNext()) {
    const QString path = it.next();
    const QString relative = QDir(root).relativeFilePath(path);
    if (kDataTables.contains(relative)) continue;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) {
      hits << relative + QStringLiteral(": cannot be read");
      continue;
    }
    QTextStream in(&file);
    bool inBlockComment = false;
    for (int lineNo = 1; !in.atEnd(); ++lineNo) {
      QString line = in.readLine();
      if (inBlockComment) {
        const int end = line.indexOf(QStringLiteral("*/"));
        if (end < 0) continue;
        line = line.mid(end + 2);
        inBlockComment = false;
      }
      const int block = line.indexOf(QStringLiteral("/*"));
      if (block >= 0 && line.indexOf(QStringLiteral("*/"), block) < 0) {
        line = line.left(block);
        inBlockComment = true;
      }
      const int comment = line.indexOf(QStringLiteral("//"));
      if (comment >= 0 && line.left(comment).count(QLatin1Char('"')) % 2 == 0) line = line.left(comment);
      auto match = literal.globalMatch(line);
      while (match.hasNext()) {
        const QString text = match.next().captured(1);
        if (ids.contains(text) && !kViewIdSpellings.contains(qMakePair(relative, text)))
          hits << QStringLiteral("%1:%2: \"%3\"").arg(relative).arg(lineNo).arg(text);
      }
    }
  }
  return hits;
}

}  // namespace

class TestStudioNamesNoIds : public QObject {
  Q_OBJECT
 private slots:
  void catalogsHaveIds() {
    const QSet<QString> ids = catalogIds();
    QVERIFY(ids.contains(QStringLiteral("vae")));
    QVERIFY(ids.contains(QStringLiteral("fashion-mnist")));
  }

  void studioNamesNoModelOrDatasetId() {
    const QString root = QString::fromLocal8Bit(qgetenv("GENSTUDIO_SOURCE_DIR")) + QStringLiteral("/src/app");
    QVERIFY2(QDir(root).exists(), qPrintable(root + QStringLiteral(" is missing")));
    const QStringList hits = findIdLiterals(root, catalogIds());
    QVERIFY2(hits.isEmpty(),
             qPrintable(QStringLiteral("Studio code names model or dataset ids (gate by capability, "
                                       "parameter role or dataset flag instead):\n") +
                        hits.join(QLatin1Char('\n'))));
  }

  void scanFindsAPlantedId() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QDir(dir.path()).mkpath(QStringLiteral("explore/someview"));
    QFile file(dir.filePath(QStringLiteral("explore/someview/someview.cpp")));
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Text));
    file.write("// \"vae\" in a comment is fine\n"
               "/* and \"gan\" in a block comment\n   \"dcgan\" too */\n"
               "const bool isVae = id == QStringLiteral(\"vae\"); // \"ae\"\n"
               "QString data = \"edges2fashion\";\n"
               "QString other = \"vaefoo\";\n");
    file.close();
    const QStringList hits = findIdLiterals(dir.path(), catalogIds());
    QCOMPARE(hits, (QStringList{QStringLiteral("explore/someview/someview.cpp:4: \"vae\""),
                                QStringLiteral("explore/someview/someview.cpp:5: \"edges2fashion\"")}));
  }
};

GS_TEST_MAIN(TestStudioNamesNoIds)
#include "test_studio_names_no_ids.moc"
