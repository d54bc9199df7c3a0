// datasetchoice.h — which datasets the training panel offers for a model and
// what their path field needs, read from the catalogs' kinds and capability
// flags (never from ids): text datasets exactly for text models
// (kGeneratesText), image and point data for the others; a text dataset's path
// is a UTF-8 file or a folder, an image dataset's a folder.
//
// Ownership: free functions over widgets the caller owns. Thread affinity:
// GUI thread. Failure modes: none (problems are returned as sentences).
#pragma once

#include <QString>

class QComboBox;
class QWidget;
namespace gs {
struct DatasetInfo;
}

// Enables the combo's datasets a model with `capabilities` trains on, disables
// the others, and moves the selection to the first enabled one when the
// current one is disabled.
void enableDatasetsFor(QComboBox *combo, unsigned capabilities);

// Whether a model with `capabilities` trains on `dataset`.
bool datasetFitsModel(const gs::DatasetInfo &dataset, unsigned capabilities);

// A sentence saying what is wrong with `path` for `dataset` (needs_path), or empty.
QString datasetPathProblem(const gs::DatasetInfo &dataset, const QString &path);

// Asks for the path of `dataset` (a text file for text, a folder for images);
// empty when cancelled.
QString browseDatasetPath(QWidget *parent, const gs::DatasetInfo *dataset, const QString &start);
