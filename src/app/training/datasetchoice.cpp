#include "training/datasetchoice.h"

#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QStandardItemModel>

#include "core/data/dataset_catalog.h"
#include "core/model/capabilities.h"

bool datasetFitsModel(const gs::DatasetInfo &dataset, unsigned capabilities)
{
    return dataset.text == bool(capabilities & gs::kGeneratesText);
}

void enableDatasetsFor(QComboBox *combo, unsigned capabilities)
{
    auto *model = qobject_cast<QStandardItemModel *>(combo->model());
    if (!model)
        return;
    int firstEnabled = -1;
    for (int i = 0; i < combo->count(); ++i) {
        const gs::DatasetInfo *info = gs::find_dataset(combo->itemData(i).toString().toStdString());
        if (!info)
            continue; // separators
        const bool fits = datasetFitsModel(*info, capabilities);
        if (QStandardItem *item = model->item(i))
            item->setEnabled(fits);
        if (fits && firstEnabled < 0)
            firstEnabled = i;
    }
    const gs::DatasetInfo *current = gs::find_dataset(combo->currentData().toString().toStdString());
    if ((!current || !datasetFitsModel(*current, capabilities)) && firstEnabled >= 0)
        combo->setCurrentIndex(firstEnabled);
}

QString datasetPathProblem(const gs::DatasetInfo &dataset, const QString &path)
{
    if (dataset.text) {
        if (path.isEmpty())
            return QObject::tr("Choose the UTF-8 text file (or folder of text files) to train on "
                               "(Data → Browse…).");
        if (!QFileInfo::exists(path))
            return QObject::tr("The text file or folder \"%1\" does not exist.").arg(path);
        return {};
    }
    if (path.isEmpty())
        return QObject::tr("Choose the folder of images to train on (Data → Folder → Browse…).");
    if (!QFileInfo(path).isDir())
        return QObject::tr("The image folder \"%1\" does not exist or is not a folder.").arg(path);
    return {};
}

QString browseDatasetPath(QWidget *parent, const gs::DatasetInfo *dataset, const QString &start)
{
    if (dataset && dataset->text)
        return QFileDialog::getOpenFileName(parent, QObject::tr("Text file"), start,
                                            QObject::tr("Text files (*.txt *.md *.text);;All files (*)"));
    return QFileDialog::getExistingDirectory(parent, QObject::tr("Image folder"), start);
}
