// fuzz_lesson — the lesson file parser (src/app/lessons/lesson.h) without a
// display: Lesson::fromJson validates the file against the model and dataset
// catalogs and the lists of views; controls are checked by a stand-in that
// knows every name but "missingControl" (the pane asks the real studio).
#include <QByteArray>
#include <QString>

#include "fuzz_entry.h"
#include "lessons/lesson.h"

namespace gs::fuzz {

Sentences fuzz_lesson(const uint8_t* data, size_t size) {
  Sentences out;
  const QByteArray json(reinterpret_cast<const char*>(data), static_cast<int>(size));
  sentence_or_success(out, [&] {
    Lesson::fromJson(json, QStringLiteral("lesson.json"),
                     [](const QString& name) { return name != QLatin1String("missingControl"); });
  });
  return out;
}

}  // namespace gs::fuzz

GS_FUZZ_TARGET(gs::fuzz::fuzz_lesson)
