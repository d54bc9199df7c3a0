#include "core/train/checkpoint_limits.h"

#include "core/common/error.h"

namespace gs {
namespace {

std::string with_commas(uint64_t v) {
  std::string s = std::to_string(v);
  for (int i = static_cast<int>(s.size()) - 3; i > 0; i -= 3) s.insert(static_cast<size_t>(i), ",");
  return s;
}

// numel × item size without overflow (saturating).
uint64_t claimed_bytes(const at::Tensor& t) {
  uint64_t n = 1;
  for (const int64_t d : t.sizes()) {
    if (d < 0) return UINT64_MAX;
    if (d == 0) return 0;
    if (n > UINT64_MAX / static_cast<uint64_t>(d)) return UINT64_MAX;
    n *= static_cast<uint64_t>(d);
  }
  const uint64_t item = t.dtype().itemsize();
  return n > UINT64_MAX / item ? UINT64_MAX : n * item;
}

struct Walker {
  uint64_t file_bytes;
  const std::string& name;

  void refuse(const std::string& key, const std::string& what, uint64_t claimed) const {
    throw Error("'" + name + "' is damaged or was not written by GenStudio: its record '" + key + "' claims " +
                what + " (" + with_commas(claimed) + " bytes), more than the whole file holds (" +
                with_commas(file_bytes) + " bytes). It was refused before reading its data.");
  }

  void tensor(const at::Tensor& t, const std::string& key) const {
    if (!t.defined()) return;
    const uint64_t bytes = claimed_bytes(t);
    if (bytes > file_bytes) {
      uint64_t numel = 1;
      for (const int64_t d : t.sizes()) numel = (d > 0 && numel <= UINT64_MAX / static_cast<uint64_t>(d)) ? numel * d : UINT64_MAX;
      refuse(key, "a tensor of " + with_commas(numel) + " elements", bytes);
    }
    if (t.has_storage() && t.storage().nbytes() > file_bytes) {
      refuse(key, "a storage of " + with_commas(t.storage().nbytes()) + " bytes", t.storage().nbytes());
    }
  }

  void value(const c10::IValue& v, const std::string& key, int depth) const {
    if (depth > 64) throw Error("'" + name + "' is damaged: its record '" + key + "' is nested too deeply.");
    if (v.isTensor()) {
      tensor(v.toTensor(), key);
    } else if (v.isTensorList()) {
      for (const at::Tensor& t : v.toTensorVector()) tensor(t, key);
    } else if (v.isList()) {
      for (const c10::IValue& e : v.toListRef()) value(e, key, depth + 1);
    } else if (v.isTuple()) {
      for (const c10::IValue& e : v.toTupleRef().elements()) value(e, key, depth + 1);
    } else if (v.isGenericDict()) {
      for (const auto& kv : v.toGenericDict()) value(kv.value(), key, depth + 1);
    } else if (v.isModule()) {
      module(v.toModule(), key + ".", depth + 1);
    }
  }

  void module(const torch::jit::Module& m, const std::string& prefix, int depth) const {
    if (depth > 64) throw Error("'" + name + "' is damaged: its modules are nested too deeply.");
    for (const torch::jit::NameValue& nv : m.named_attributes(/*recurse=*/false)) {
      value(nv.value, prefix + nv.name, depth + 1);
    }
  }
};

}  // namespace

void check_checkpoint_tensor_sizes(const torch::jit::Module& module, uint64_t file_bytes, const std::string& name) {
  Walker{file_bytes, name}.module(module, "", 0);
}

}  // namespace gs
