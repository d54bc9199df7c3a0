// fuzz_image_studio — the studio's reader for pictures dropped onto or opened
// in the Explore tab (src/app/support/imagefile.h, QImageReader): readImageFile
// on a file holding the input. Its refusals come back as a QString, not a
// gs::Error; they are returned as sentences all the same.
#include <QCoreApplication>
#include <QString>

#include "fuzz_entry.h"
#include "support/imagefile.h"

namespace gs::fuzz {

Sentences fuzz_image_studio(const uint8_t* data, size_t size) {
  if (!QCoreApplication::instance()) {  // image format plugins are found through the application
    static int argc = 1;
    static char name[] = "fuzz_image_studio";
    static char* argv[] = {name, nullptr};
    static QCoreApplication app(argc, argv);
  }
  Sentences out;
  const std::string path = fuzz_temp_file("dropped-picture", data, size);
  QString error;
  const gs::Image image = readImageFile(QString::fromStdString(path), &error);
  if (!error.isEmpty()) out.push_back(error.toStdString());
  return out;
}

}  // namespace gs::fuzz

GS_FUZZ_TARGET(gs::fuzz::fuzz_image_studio)
