// chargpt_entry.cpp — registry entry "chargpt" (character-level GPT / LSTM).
#include "core/model/capabilities.h"
#include "core/models/builtin_models.h"
#include "core/models/chargpt/chargpt_model.h"

namespace gs {

ModelEntry chargpt_entry() {
  ModelEntry e = ModelEntry::named(
      "chargpt", "Character GPT",
      "Autoregressive text over characters: a small decoder-only transformer (causal self-attention, "
      "learned positions) or a char-rnn LSTM, trained on fortunes or your own text; generates with "
      "temperature, top-k and top-p.",
      kGeneratesText);
  e.info.params = CharGptModel::param_specs();
  e.info.loss_names = {"nats_per_char", "bits_per_char"};
  e.factory = [](const ParamValues& p, ImageShape s) { return std::make_unique<CharGptModel>(p, std::move(s)); };
  return e;
}

}  // namespace gs
