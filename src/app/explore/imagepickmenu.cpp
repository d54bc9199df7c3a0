#include "explore/imagepickmenu.h"

#include <QFileDialog>
#include <QFileInfo>

#include "explore/datasetbrowser.h"
#include "support/imagefile.h"

ImagePickMenu::ImagePickMenu(ExplorationWorker *worker, QWidget *parent)
    : QMenu(parent)
    , mWorker(worker)
{
    addAction(tr("A Test Image…"), this, &ImagePickMenu::chooseDatasetImage);
    addAction(tr("An Image File…"), this, &ImagePickMenu::chooseImageFile);
}

void ImagePickMenu::chooseDatasetImage()
{
    DatasetBrowser browser(mWorker, parentWidget());
    if (browser.exec() == QDialog::Accepted && browser.selectedIndex() >= 0)
        emit datasetImageChosen(browser.selectedIndex());
}

void ImagePickMenu::chooseImageFile()
{
    const QString path = QFileDialog::getOpenFileName(
        parentWidget(), tr("Choose an Image"), QString(),
        tr("Images (*.png *.jpg *.jpeg *.bmp *.gif *.webp *.tif *.tiff);;All files (*)"));
    if (path.isEmpty())
        return;
    QString message;
    QString damage;
    const gs::Image image = readImageFile(path, &message, &damage);
    if (image.empty()) {
        emit failed(message);
        return;
    }
    if (!damage.isEmpty())
        emit damaged(damage); // read anyway; the host's banner says so
    emit imageChosen(image, QStringLiteral("“%1”").arg(QFileInfo(path).fileName()));
}
