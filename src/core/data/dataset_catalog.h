// dataset_catalog.h — the torch-free table of datasets a session can train on:
// id, name, description and what kind of data each gives (images, points, two
// image domains, text) and what a front end must supply (a folder, drawn points).
// load_dataset (dataset_loader.h) builds the data for an id listed here.
//
// Ownership: a process-wide immutable table built on first use. Thread
// affinity: any thread. Failure modes: find_dataset returns nullptr for an
// unknown id.
#pragma once

#include <string>
#include <vector>

namespace gs {

struct DatasetInfo {
  std::string id;           // "fashion-mnist", "folder"
  std::string name;         // "Fashion-MNIST (Debian dataset-fashion-mnist)"
  std::string description;
  bool needs_path = false;  // the user supplies a folder
  bool points = false;      // low-dimensional point data (the playground), not images
  bool two_domains = false; // unpaired image domains A and B (translation models)
  bool drawable = false;    // point data the user draws (the playground's canvas supplies it)
  int modes = 0;            // point data: how many known modes (mode-coverage metrics), 0 if none
  std::vector<std::string> class_names;  // labelled image sets with fixed classes (DatasetSpec::only_class)
  bool text = false;        // character text (text models: GenerativeModel::text()), not images
};

// Images first (Fashion-MNIST, folder), then point data, then two-domain sets, then text.
const std::vector<DatasetInfo>& dataset_catalog();
const DatasetInfo* find_dataset(const std::string& id);

}  // namespace gs
