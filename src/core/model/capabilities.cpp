#include "core/model/capabilities.h"

namespace gs {

std::string describe_capabilities(unsigned flags) {
  static const struct { unsigned flag; const char* name; } kNames[] = {
      {kCanSample, "sample"},       {kCanEncode, "encode"},         {kCanDecode, "decode"},
      {kCanLogProb, "log-prob"},    {kCanTranslate, "translate"},   {kCanReconstruct, "reconstruct"},
      {kCanScore, "score"},         {kAdversarial, "adversarial"}, {kHasStyles, "styles"},
      {kTranslatesBack, "translate-back"}, {kInvertible, "invertible"}, {kSamplesPixels, "pixels"},
      {kIterative, "iterative"},    {kHasEnergy, "energy"},         {kGeneratesText, "text"},     {kClassConditional, "conditional"},
  };
  std::string out;
  for (const auto& n : kNames) {
    if (flags & n.flag) out += (out.empty() ? "" : " ") + std::string(n.name);
  }
  return out;
}

}  // namespace gs
