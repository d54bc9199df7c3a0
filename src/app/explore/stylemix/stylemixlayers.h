// stylemixlayers.h — which resolution each style layer of the style-based
// generator works at, and the coarse / middle / fine groups of the StyleGAN
// paper, computed from the number of style layers alone (torch-free, so the
// studio can label its check boxes without asking the engine).
//
// The synthesis network (style_nets.h of the style-based generator in
// core/models/) starts from a 4×4 constant: one modulated 3×3 convolution at
// 4×4, then two per resolution 8, 16, …, R (the first after a ×2 upsampling),
// then a 1×1 toRGB at R. So n style layers mean R = 4·2^((n−2)/2): 8 layers for
// 32×32 (Fashion-MNIST's 28×28 is padded to 32 inside and cropped back). Coarse
// layers work at 4–8 px (pose, overall shape), fine ones at the top resolution
// (64 px and up for larger models: texture, colour), middle ones in between.
//
// Ownership: a value type. Thread affinity: none. Failure modes: a layer count
// that does not fit that scheme (odd, or below 2) gives isValid() == false and
// resolution 0 for every layer; the groups are then empty.
#pragma once

#include <QString>
#include <QVector>

#include <vector>

class StyleMixLayers
{
public:
    enum class Group { Coarse, Middle, Fine };

    StyleMixLayers() = default;
    explicit StyleMixLayers(int layerCount);

    int count() const { return int(mResolution.size()); }
    bool isValid() const { return mValid; }
    int outputResolution() const { return mOutput; } // R (32 for 8 layers)
    int resolution(int layer) const;                // 4, 8, 8, 16, …, R, R
    bool isToRgb(int layer) const { return mValid && layer == count() - 1; }
    Group group(int layer) const;

    // The layers of a group (may be empty for small models), and as the
    // per-layer mask StyleMix::layer_from_b takes.
    QVector<int> layers(Group group) const;
    std::vector<int> mask(Group group) const;
    // "4–8 px", "16 px"; empty when the group has no layers.
    QString resolutionText(Group group) const;
    static QString name(Group group); // "coarse", "middle", "fine"

    // "8×8" for a check box; "Layer 2: 3×3 convolution at 8×8" for its tooltip.
    QString label(int layer) const;
    QString description(int layer) const;
    // "layers 0–2 (coarse)", "layers 3, 5", "no layers", "all layers".
    static QString describeMask(const std::vector<int> &mask, const StyleMixLayers &layers);

private:
    std::vector<int> mResolution;
    int mOutput = 0;
    bool mValid = false;
};
