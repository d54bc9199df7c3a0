#include "explore/stylemix/stylemixlayers.h"

#include <QCoreApplication>
#include <QStringList>

#include <algorithm>
#include <climits>

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("StyleMixLayers", text);
}

} // namespace

StyleMixLayers::StyleMixLayers(int layerCount)
{
    mValid = layerCount >= 2 && layerCount % 2 == 0 && layerCount <= 2 * 12;
    mResolution.assign(size_t(std::max(0, layerCount)), 0);
    if (!mValid)
        return;
    mOutput = 4 << ((layerCount - 2) / 2);
    mResolution[0] = 4;
    for (int i = 1; i + 1 < layerCount; ++i)
        mResolution[size_t(i)] = 4 << ((i + 1) / 2);
    mResolution[size_t(layerCount - 1)] = mOutput; // toRGB
}

int StyleMixLayers::resolution(int layer) const
{
    return layer >= 0 && layer < count() ? mResolution[size_t(layer)] : 0;
}

StyleMixLayers::Group StyleMixLayers::group(int layer) const
{
    const int r = resolution(layer);
    // As in the StyleGAN paper: coarse up to 8², fine from 64² — or, for small
    // models, the top resolution alone; middle in between.
    const int fineFrom = mOutput <= 8 ? INT_MAX : std::min(mOutput, 64);
    if (r <= 8)
        return Group::Coarse;
    return r >= fineFrom ? Group::Fine : Group::Middle;
}

QVector<int> StyleMixLayers::layers(Group g) const
{
    QVector<int> out;
    if (!mValid)
        return out;
    for (int i = 0; i < count(); ++i) {
        if (group(i) == g)
            out << i;
    }
    return out;
}

std::vector<int> StyleMixLayers::mask(Group g) const
{
    std::vector<int> out(size_t(count()), 0);
    for (int i : layers(g))
        out[size_t(i)] = 1;
    return out;
}

QString StyleMixLayers::resolutionText(Group g) const
{
    const QVector<int> members = layers(g);
    if (members.isEmpty())
        return {};
    const int low = resolution(members.first());
    const int high = resolution(members.last());
    return low == high ? tr("%1 px").arg(low) : tr("%1–%2 px").arg(low).arg(high);
}

QString StyleMixLayers::name(Group g)
{
    switch (g) {
    case Group::Coarse:
        return tr("coarse");
    case Group::Middle:
        return tr("middle");
    case Group::Fine:
        return tr("fine");
    }
    return {};
}

QString StyleMixLayers::label(int layer) const
{
    const int r = resolution(layer);
    if (r <= 0)
        return tr("layer %1").arg(layer);
    return isToRgb(layer) ? tr("%1×%1 out").arg(r) : tr("%1×%1").arg(r);
}

QString StyleMixLayers::description(int layer) const
{
    const int r = resolution(layer);
    if (r <= 0)
        return tr("Style layer %1").arg(layer);
    QString what;
    if (isToRgb(layer))
        what = tr("the 1×1 output layer (toRGB) at %1×%1: overall brightness and colour").arg(r);
    else if (layer > 0 && layer % 2 == 1)
        what = tr("3×3 convolution at %1×%1, right after upsampling").arg(r);
    else
        what = tr("3×3 convolution at %1×%1").arg(r);
    return tr("Style layer %1 (%2): %3").arg(layer).arg(name(group(layer)), what);
}

QString StyleMixLayers::describeMask(const std::vector<int> &mask, const StyleMixLayers &layers)
{
    QVector<int> chosen;
    for (size_t i = 0; i < mask.size(); ++i) {
        if (mask[i])
            chosen << int(i);
    }
    if (chosen.isEmpty())
        return tr("no layers");
    if (chosen.size() == int(mask.size()))
        return tr("all layers");
    QStringList parts;
    for (int i = 0; i < chosen.size();) {
        int j = i;
        while (j + 1 < chosen.size() && chosen[j + 1] == chosen[j] + 1)
            ++j;
        parts << (j == i ? QString::number(chosen[i])
                         : QStringLiteral("%1–%2").arg(chosen[i]).arg(chosen[j]));
        i = j + 1;
    }
    QString text = (chosen.size() == 1 ? tr("layer %1") : tr("layers %1")).arg(parts.join(", "));
    for (Group g : {Group::Coarse, Group::Middle, Group::Fine}) {
        if (layers.isValid() && mask == layers.mask(g))
            text += QStringLiteral(" (%1)").arg(name(g));
    }
    return text;
}
