// param_spec.h — self-describing hyperparameters. A model's registry entry lists
// ParamSpecs; the studio builds its form and the CLI its --set keys from them.
//
// Ownership: value types. Thread affinity: none.
// Failure modes: resolve_params throws gs::Error with a message naming the key,
// the bad value and the allowed range or choices.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace gs {

struct ParamSpec {
  enum class Type { Int, Float, Choice, Bool };
  // What a parameter means to a front end, so that no front end needs to know
  // a family's keys: LearningRate is the rate GenerativeModel::set_learning_rate
  // changes (the training panel edits it live for every model).
  enum class Role { None, LearningRate };

  std::string key;      // stable id used by --set and in checkpoints, e.g. "latent_dim"
  std::string label;    // shown in the studio, e.g. "Latent size"
  std::string help;     // one sentence, shown as a tooltip and by `genstudio-cli models`
  Type type = Type::Float;
  double min = 0.0;     // Int and Float only
  double max = 0.0;
  std::string default_value;          // always stored as text
  std::vector<std::string> choices;   // Choice only
  bool log_scale = false;             // Float: edit in decades (learning rates)
  Role role = Role::None;
  // The model takes a change between two steps (GenerativeModel::set_live_param
  // or, for Role::LearningRate, set_learning_rate) without being rebuilt.
  bool live = false;

  // Copies with the role or the live flag set, for the families' spec lists.
  ParamSpec with_role(Role r) const;
  ParamSpec changeable_live() const;

  static ParamSpec integer(std::string key, std::string label, long def, long min, long max,
                           std::string help);
  static ParamSpec real(std::string key, std::string label, double def, double min, double max,
                        std::string help, bool log_scale = false);
  static ParamSpec choice(std::string key, std::string label, std::string def,
                          std::vector<std::string> choices, std::string help);
  static ParamSpec boolean(std::string key, std::string label, bool def, std::string help);
};

// The first spec with that role, or nullptr.
const ParamSpec* find_role(const std::vector<ParamSpec>& specs, ParamSpec::Role role);

// Text values by key, as typed by a user (--set key=value) or stored in a checkpoint.
using ParamValues = std::map<std::string, std::string>;

// Validates `given` against `specs` and returns a complete set (defaults filled
// in, numbers normalised). Unknown keys, unparsable numbers, out-of-range values
// and unknown choices throw gs::Error.
ParamValues resolve_params(const std::vector<ParamSpec>& specs, const ParamValues& given);

// Typed readers for a resolved set; they throw gs::Error when the key is absent.
long param_int(const ParamValues& values, const std::string& key);
double param_real(const ParamValues& values, const std::string& key);
bool param_bool(const ParamValues& values, const std::string& key);
const std::string& param_text(const ParamValues& values, const std::string& key);

// Parses "key=value"; throws gs::Error on a malformed pair.
std::pair<std::string, std::string> parse_assignment(const std::string& text);

// "%g"-style text for a double that round-trips ("0.001", "1e-05", "128").
std::string format_number(double value);

}  // namespace gs
