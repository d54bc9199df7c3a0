#include "core/common/utc_time.h"
#include "core/session/session_file.h"

#include <chrono>
#include <cmath>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/common/atomic_file.h"
#include "core/common/error.h"
#include "core/common/json_numbers.h"

namespace gs {
namespace {

using nlohmann::json;

const char* kFormatName = "genstudio-session";
constexpr std::uintmax_t kMaxSessionBytes = 256u << 20;  // far above any real session

json config_to_json(const SessionConfig& c) {
  const DatasetSpec& d = c.dataset;
  return {{"model_id", c.model_id},
          {"params", c.params},
          {"seed", c.seed},
          {"dataset",
           {{"id", d.id},
            {"path", d.path},
            {"path_b", d.path_b},
            {"image_size", d.image_size},
            {"channels", d.channels},
            {"limit", d.limit},
            {"drawn_points", d.drawn_points},
            {"only_class", d.only_class}}}};
}

SessionConfig config_from_json(const json& j) {
  SessionConfig c;
  c.model_id = j.at("model_id").get<std::string>();
  c.params = j.value("params", ParamValues{});
  c.seed = json_whole_or(j, "seed", 1UL, "The seed");
  const json& d = j.at("dataset");
  c.dataset.id = d.at("id").get<std::string>();
  c.dataset.path = d.value("path", "");
  c.dataset.path_b = d.value("path_b", "");
  c.dataset.image_size = json_whole_or(d, "image_size", 28, "The image size");
  c.dataset.channels = json_whole_or(d, "channels", 1, "The channel count");
  c.dataset.limit = json_whole_or(d, "limit", 0L, "The image limit");
  c.dataset.drawn_points = json_floats_or(d, "drawn_points", {}, "The drawn points");
  c.dataset.only_class = json_whole_or(d, "only_class", -1, "The class");
  return c;
}

json number_or_null(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }

json losses_to_json(const SessionLosses& l) {
  json points = json::array();
  for (const SessionLossPoint& p : l.points) {
    json values = json::array();
    for (double v : p.values) values.push_back(number_or_null(v));
    points.push_back({{"step", p.step}, {"values", values}});
  }
  return {{"names", l.names}, {"points", points}, {"metrics_csv", l.metrics_csv}};
}

SessionLosses losses_from_json(const json& j) {
  SessionLosses l;
  l.names = j.value("names", std::vector<std::string>{});
  l.metrics_csv = j.value("metrics_csv", "");
  for (const json& p : j.value("points", json::array())) {
    SessionLossPoint point;
    point.step = json_whole<long>(p.at("step"), "A loss point's step");
    for (const json& v : p.at("values")) {
      point.values.push_back(v.is_number() ? v.get<double>() : std::numeric_limits<double>::quiet_NaN());
    }
    if (point.values.size() != l.names.size()) throw Error("a loss point does not match the loss names");
    l.points.push_back(std::move(point));
  }
  return l;
}

json bookmarks_to_json(const std::vector<SessionBookmark>& bookmarks) {
  json a = json::array();
  for (const SessionBookmark& b : bookmarks) {
    a.push_back({{"name", b.name},
                 {"model", b.model_id},
                 {"latent_dim", b.latent_dim},
                 {"step", b.step},
                 {"created", b.created_utc},
                 {"latent", b.latent}});
  }
  return a;
}

std::vector<SessionBookmark> bookmarks_from_json(const json& a) {
  std::vector<SessionBookmark> out;
  for (const json& o : a) {
    SessionBookmark b;
    b.name = o.at("name").get<std::string>();
    b.model_id = o.at("model").get<std::string>();
    b.latent_dim = json_whole<int>(o.at("latent_dim"), "A bookmark's latent size");
    b.step = json_whole_or(o, "step", 0L, "A bookmark's step");
    b.created_utc = o.value("created", "");
    b.latent = json_floats(o.at("latent"), "A bookmark's latent");
    if (b.name.empty() || b.latent_dim <= 0 || int(b.latent.size()) != b.latent_dim) {
      throw Error("a bookmark has no name or a latent of the wrong size");
    }
    out.push_back(std::move(b));
  }
  return out;
}

// Reads one part; a damaged part is named in `problems` and left at its default.
template <typename F>
void read_part(const char* what, std::vector<std::string>& problems, F&& read) {
  try {
    read();
  } catch (const std::exception&) {
    problems.push_back(std::string("The session's ") + what + " could not be read and were left out.");
  }
}

}  // namespace

std::string session_to_json(const SessionFile& s) {
  json views = json::object();
  for (const auto& [id, text] : s.view_states) {
    json state = json::parse(text, nullptr, false);
    views[id] = state.is_object() ? state : json::object();
  }
  json j = {{"format", kFormatName},
            {"version", kSessionFormatVersion},
            {"saved_utc", s.saved_utc.empty() ? utc_now_iso8601() : s.saved_utc},
            {"clean_exit", s.clean_exit},
            {"form", config_to_json(s.config)},
            {"total_steps", s.total_steps},
            {"model",
             {{"has_session", s.has_session},
              {"step", s.step},
              {"checkpoint", s.checkpoint},
              {"run_folder", s.run_folder}}},
            {"bookmarks", bookmarks_to_json(s.bookmarks)},
            {"losses", losses_to_json(s.losses)},
            {"views", {{"top", s.top_view}, {"explorer", s.explorer_view}, {"states", views}}},
            {"window", {{"geometry", s.window_geometry}, {"state", s.window_state}}}};
  return j.dump(1);
}

SessionRead read_session_json(const std::string& text, const std::string& name) {
  const json j = json::parse(text, nullptr, false);
  if (j.is_discarded()) {
    throw Error("'" + name + "' is damaged: it is not a readable session file (its JSON is broken).");
  }
  if (!j.is_object() || !j.contains("format") || !j["format"].is_string() ||
      j["format"].get<std::string>() != kFormatName) {
    throw Error("'" + name + "' is not a GenStudio session file.");
  }
  const json& version = j.contains("version") ? j["version"] : json();
  if (!version.is_number_integer() || version.get<long long>() < 1) {
    throw Error("'" + name + "' has no valid session version, so GenStudio cannot tell how to read it.");
  }
  if (version.get<long long>() > kSessionFormatVersion) {
    throw Error("'" + name + "' was written by a newer GenStudio (session version " +
                std::to_string(version.get<long long>()) + "); this version reads version " +
                std::to_string(kSessionFormatVersion) + ".");
  }
  SessionRead r;
  SessionFile& s = r.session;
  s.version = int(version.get<long long>());
  read_part("save time", r.problems, [&] {
    s.saved_utc = j.value("saved_utc", "");
    s.clean_exit = j.value("clean_exit", false);
  });
  read_part("training settings (model, parameters and dataset)", r.problems, [&] {
    s.config = config_from_json(j.at("form"));
    s.total_steps = json_whole_or(j, "total_steps", 0L, "The step target");
  });
  read_part("model and checkpoint entries", r.problems, [&] {
    const json& m = j.at("model");
    s.has_session = m.value("has_session", false);
    s.step = json_whole_or(m, "step", 0L, "The checkpoint's step");
    s.checkpoint = m.value("checkpoint", "");
    s.run_folder = m.value("run_folder", "");
  });
  read_part("latent bookmarks", r.problems, [&] { s.bookmarks = bookmarks_from_json(j.at("bookmarks")); });
  read_part("loss history entries", r.problems, [&] { s.losses = losses_from_json(j.at("losses")); });
  read_part("view states", r.problems, [&] {
    const json& v = j.at("views");
    s.top_view = v.value("top", "");
    s.explorer_view = v.value("explorer", "");
    const json states = v.value("states", json::object());
    for (const auto& [id, state] : states.items()) {
      if (state.is_object()) s.view_states[id] = state.dump();
    }
  });
  read_part("window layout entries", r.problems, [&] {
    const json& w = j.at("window");
    s.window_geometry = w.value("geometry", "");
    s.window_state = w.value("state", "");
  });
  return r;
}

SessionRead read_session_file(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::exists(path, ec)) throw Error("The session file '" + path + "' does not exist.");
  if (fs::is_directory(path, ec)) throw Error("'" + path + "' is a folder, not a session file.");
  const std::uintmax_t size = fs::file_size(path, ec);
  if (ec) throw Error("Could not read the session file '" + path + "' (" + ec.message() + ").");
  if (size > kMaxSessionBytes) throw Error("'" + path + "' is far too large to be a session file.");
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in && !in.eof()) throw Error("Could not read the session file '" + path + "'.");
  SessionRead r = read_session_json(text.str(), path);
  const std::string& checkpoint = r.session.checkpoint;
  if (!checkpoint.empty() && !fs::is_regular_file(checkpoint, ec)) {
    r.problems.push_back("The checkpoint '" + checkpoint +
                         "' that the session refers to is missing, so its model could not be reopened.");
  }
  return r;
}

void write_session_file(const std::string& path, const SessionFile& session) {
  const std::string text = session_to_json(session);
  write_file_atomically(path, std::vector<uint8_t>(text.begin(), text.end()));
}

}  // namespace gs
