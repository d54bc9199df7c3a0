// imagepickmenu.h — the "take from image" menu shared by the Explore tab's
// views: pick a test image in the dataset browser or an image file in a file
// dialog. The chosen picture is announced; the view encodes it.
//
// Ownership: a menu owned by its parent widget; borrows the ExplorationWorker
// (for the browser). Thread affinity: GUI thread. Failure modes: a file that
// is not a usable picture is reported through failed(), nothing else happens.
#pragma once

#include <QMenu>

#include "core/common/image.h"

class ExplorationWorker;

class ImagePickMenu : public QMenu
{
    Q_OBJECT

public:
    ImagePickMenu(ExplorationWorker *worker, QWidget *parent);

    void chooseDatasetImage(); // the browser dialog
    void chooseImageFile();    // a file dialog

signals:
    void datasetImageChosen(int index);
    void imageChosen(const gs::Image &image, const QString &label);
    void failed(const QString &message);
    void damaged(const QString &warning); // a damaged picture that was read anyway

private:
    ExplorationWorker *mWorker;
};
