// cyclegan_entry.cpp — registry entry "cyclegan" (unpaired image translation).
#include "core/models/builtin_models.h"
#include "core/models/cyclegan/cyclegan_model.h"

namespace gs {

ModelEntry cyclegan_entry() {
  ModelEntry e = ModelEntry::named(
      "cyclegan", "CycleGAN (unpaired translation)",
      "Learns to translate between two image domains from unpaired examples: ResNet generators, "
      "PatchGAN discriminators, least-squares, cycle-consistency and identity losses.",
      kCanTranslate | kTranslatesBack);
  e.info.params = CycleGanModel::param_specs();
  e.info.loss_names = {"G_A", "G_B", "D_A", "D_B", "cycle_A", "cycle_B", "idt_A", "idt_B"};
  e.factory = [](const ParamValues& p, ImageShape s) { return std::make_unique<CycleGanModel>(p, s); };
  return e;
}

}  // namespace gs
