// session_file.h — the studio's session file (.gssession): what a person would
// be upset to lose, as one JSON document with "format": "genstudio-session" and
// "version": 1 — the model and its parameters, the dataset and its options, the
// seed and Steps target, the checkpoint the session refers to (weights live in
// the checkpoint, never in the session), latent bookmarks, the current tab and
// explorer view with each view's controls, the loss history, and the window
// layout. Qt-free and torch-free so the CLI, the fuzz targets and the studio
// share one reader; the studio's own parts (view states, layout) are carried as
// opaque JSON text and base64 strings.
//
// Ownership: value types and free functions. Thread affinity: none.
// Failure modes: read_session_* throw gs::Error with a sentence for a file that
// is not JSON, not a session, or from a newer version. A damaged part (say the
// bookmarks) does not fail the whole file: it is left empty and named in
// SessionRead::problems, so the caller restores the rest and says what was not.
// write_session_file is atomic (temp file, fsync, rename, fsync of the folder)
// and throws gs::Error (full disk, read-only folder) leaving the old file intact.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/train/training_session.h"

namespace gs {

constexpr int kSessionFormatVersion = 1;

struct SessionBookmark {
  std::string name;
  std::string model_id;
  int latent_dim = 0;
  long step = 0;
  std::string created_utc;  // ISO 8601
  std::vector<float> latent;
};

struct SessionLossPoint {
  long step = 0;
  std::vector<double> values;  // one per SessionLosses::names; NaN allowed (written as null)
};

struct SessionLosses {
  std::vector<std::string> names;
  std::vector<SessionLossPoint> points;
  std::string metrics_csv;  // the run's metrics.csv, when there is a run folder
};

struct SessionFile {
  int version = kSessionFormatVersion;
  std::string saved_utc;     // filled in by write_session_file when empty
  bool clean_exit = false;   // autosave: true only when written by a normal quit
  SessionConfig config;      // the training form
  long total_steps = 0;      // the Steps target
  bool has_session = false;  // a trained or opened model existed
  long step = 0;             // the step of `checkpoint`
  std::string checkpoint;    // absolute path; empty when there was no model yet
  std::string run_folder;
  std::vector<SessionBookmark> bookmarks;
  SessionLosses losses;
  std::string top_view;       // the current top-level tab's id
  std::string explorer_view;  // the Explore tab's current view id
  std::map<std::string, std::string> view_states;  // view id → its state as a JSON object's text
  std::string window_geometry;  // base64 (QMainWindow::saveGeometry)
  std::string window_state;     // base64 (QMainWindow::saveState)
};

struct SessionRead {
  SessionFile session;
  std::vector<std::string> problems;  // sentences: parts that could not be read
};

std::string session_to_json(const SessionFile& session);
// `name` is how the file is called in messages (its path).
SessionRead read_session_json(const std::string& text, const std::string& name);
SessionRead read_session_file(const std::string& path);
void write_session_file(const std::string& path, const SessionFile& session);

}  // namespace gs
