#include "playground/playgroundpresets.h"

#include <QCoreApplication>

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("PlaygroundPresets", text);
}

// The GAN Lab setting: a 2-D latent (so the manifold mesh is the whole latent
// space), large batches and slow, equal learning rates. On ring8 it covers all
// 8 modes with about 80 % high-quality samples after 10–15k steps.
gs::ParamValues ganLab()
{
    return {{"latent_dim", "2"}, {"batch_size", "256"}, {"lr_g", "1e-4"}, {"lr_d", "1e-4"}};
}

gs::ParamValues with(gs::ParamValues base, const gs::ParamValues &extra)
{
    for (const auto &[key, value] : extra)
        base[key] = value;
    return base;
}

QVector<PlaygroundPreset> buildPresets()
{
    const gs::ParamValues lab = ganLab();
    // Diffusion on points: large batches, a fast rate and a short EMA, so the view (which samples
    // with the EMA weights) follows training within a few hundred steps.
    const gs::ParamValues diffusion = {{"batch_size", "256"}, {"lr", "2e-3"}, {"ema_decay", "0.99"}};
    return {
        {QStringLiteral("gan-ring"), tr("GAN Lab ring"),
         tr("A GAN learns a ring of 8 Gaussians. Watch the generated points (purple) spread "
            "from one blob to all eight modes while the discriminator's map (green: \"real\", "
            "purple: \"fake\") chases them; 8/8 modes in 10–15k steps."),
         QStringLiteral("gan"), QStringLiteral("ring8"), lab},
        {QStringLiteral("gan-ring-pacgan"), tr("Ring with PacGAN (pack 2)"),
         tr("The same GAN, but the discriminator judges two samples at once (PacGAN), which "
            "makes collapsing onto a few modes easy to detect and punish."),
         QStringLiteral("gan"), QStringLiteral("ring8"), with(lab, {{"pack", "2"}})},
        {QStringLiteral("gan-grid"), tr("GAN Lab grid"),
         tr("25 Gaussians on a 5×5 grid: much harder than the ring (about half the modes "
            "after 15k steps). The manifold mesh shows how the 2-D latent plane is folded to "
            "reach the modes; the points strung between them are the generator's compromises."),
         QStringLiteral("gan"), QStringLiteral("grid25"), lab},
        {QStringLiteral("wgan-gp-ring"), tr("WGAN-GP"),
         tr("Wasserstein loss with gradient penalty, five critic steps per generator step. "
            "The heatmap is now an unbounded critic score, and the arrows follow its slope "
            "smoothly towards the data."),
         QStringLiteral("gan"), QStringLiteral("ring8"),
         with(lab, {{"loss", "wgan-gp"}, {"n_critic", "5"}, {"lr_g", "5e-4"}, {"lr_d", "5e-4"},
                    {"beta2_g", "0.9"}, {"beta2_d", "0.9"}})},
        {QStringLiteral("minimax-collapse"), tr("Minimax (watch it collapse)"),
         tr("The original minimax loss with fast learning rates: the generator's gradient "
            "vanishes where D is confident, and the points hop between a few modes instead of "
            "covering all eight (mode collapse)."),
         QStringLiteral("gan"), QStringLiteral("ring8"),
         with(lab, {{"loss", "minimax"}, {"lr_g", "1e-3"}, {"lr_d", "1e-3"}})},
        {QStringLiteral("gan-moons"), tr("Two moons"),
         tr("Two interleaving half circles: the generator has to cut its latent plane in two."),
         QStringLiteral("gan"), QStringLiteral("moons"), lab},
        {QStringLiteral("gan-spiral"), tr("Spiral"),
         tr("A two-armed spiral: the mesh shows the latent plane rolled up along the arms."),
         QStringLiteral("gan"), QStringLiteral("spiral"), lab},
        {QStringLiteral("gan-checkerboard"), tr("Checkerboard"),
         tr("Uniform on the dark squares of a 4×4 board: sharp edges are hard for a smooth "
            "generator; watch the discriminator outline the squares."),
         QStringLiteral("gan"), QStringLiteral("checkerboard"), lab},
        {QStringLiteral("gan-gmm1d"), tr("1-D mixture"),
         tr("Three Gaussians on a line, shown as histograms of real and generated samples "
            "against the true density, with the discriminator's D(x) curve."),
         QStringLiteral("gan"), QStringLiteral("gmm1d"), with(lab, {{"latent_dim", "1"}})},
        {QStringLiteral("gan-drawn"), tr("Draw your own"),
         tr("Click and drag on the plot to draw where the data should be, then press Play."),
         QStringLiteral("gan"), QStringLiteral("drawn"), lab},
        {QStringLiteral("vae-moons"), tr("VAE on two moons"),
         tr("A variational autoencoder on points (Gaussian reconstruction). It has no "
            "discriminator, so there is no heatmap and no arrows; the mesh is its decoder "
            "manifold, and its samples blur the gap between the moons."),
         QStringLiteral("vae"), QStringLiteral("moons"),
         {{"latent_dim", "2"}, {"hidden1", "128"}, {"hidden2", "128"}, {"batch_size", "256"},
          {"lr", "1e-3"}}},
        {QStringLiteral("realnvp-ring"), tr("RealNVP flow on the ring"),
         tr("A normalising flow learns the ring's density exactly. The heatmap is its log-density, "
            "next to the true density; drag the flow-steps slider to pull the Gaussian's grid "
            "back through the couplings one at a time and watch them tear the plane into eight modes."),
         QStringLiteral("realnvp"), QStringLiteral("ring8"), {}},
        {QStringLiteral("realnvp-moons"), tr("RealNVP flow on two moons"),
         tr("The flow bends a Gaussian into two interleaving moons; its density stays connected, "
            "so a thin bridge of mass joins the moons."),
         QStringLiteral("realnvp"), QStringLiteral("moons"), {}},
        {QStringLiteral("ddpm-moons"), tr("Diffusion on two moons"),
         tr("A denoising diffusion model learns to undo noise. Drag the \"Diffusion t\" scrubber "
            "(or press its play button) to watch the fixed batch of Gaussian noise turn into two "
            "moons; the arrows are the model's predicted score at that t, the faint lines a dozen "
            "points' paths from noise to data. Good moons within a minute."),
         QStringLiteral("ddpm"), QStringLiteral("moons"), diffusion},
        {QStringLiteral("ddpm-ring"), tr("Diffusion on the ring"),
         tr("Diffusion on the ring of 8 Gaussians: no mode collapse to fight, but the modes are "
            "narrow, so the points sharpen only in the last steps of the reverse process — scrub "
            "close to t = 0 to see the arrows converge on eight points. 8/8 modes, about 90 % high "
            "quality, within a minute."),
         QStringLiteral("ddpm"), QStringLiteral("ring8"), diffusion},
    };
}

} // namespace

const QVector<PlaygroundPreset> &playgroundPresets()
{
    static const QVector<PlaygroundPreset> presets = buildPresets();
    return presets;
}

const PlaygroundPreset *findPlaygroundPreset(const QString &idOrDataset)
{
    for (const PlaygroundPreset &preset : playgroundPresets()) {
        if (preset.id == idOrDataset)
            return &preset;
    }
    for (const PlaygroundPreset &preset : playgroundPresets()) {
        if (preset.datasetId == idOrDataset)
            return &preset;
    }
    return nullptr;
}
