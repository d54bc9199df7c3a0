// playgroundcolors.h — the playground's colour code, shared by the 2-D plot,
// the 1-D plot and the view toggles (which show the same swatches): GAN Lab's
// convention of green for real data and purple for generated data, a pale
// purple–white–green heatmap for the discriminator (white: undecided), grey
// for the manifold mesh, orange for the generator's gradient arrows (and a
// diffusion model's score arrows), faint purple for diffusion trajectories.
//
// Ownership: value functions. Thread affinity: GUI thread (QCPColorGradient).
// Failure modes: none.
#pragma once

#include <QColor>

#include <qcustomplot.h>

namespace playgroundcolors {

inline QColor real() { return QColor(0x1b, 0x7a, 0x2e); }
inline QColor fake() { return QColor(0x6a, 0x1b, 0x9a); }
inline QColor mesh() { return QColor(0x44, 0x44, 0x44, 120); }
inline QColor arrow() { return QColor(0xe6, 0x55, 0x00); }
inline QColor trajectory() { return QColor(0x6a, 0x1b, 0x9a, 80); } // faint purple: the path of a generated point
inline QColor drawn() { return QColor(0xe6, 0x7e, 0x00); }
inline QColor density() { return QColor(0x0b, 0x4f, 0x1c); }
inline QColor discriminator() { return QColor(0xd9, 0x5f, 0x02); }

// The heatmap: 0 (fake) pale purple, 0.5 near white (undecided), 1 (real) pale green.
inline QColor fieldFake() { return QColor(0xbc, 0xa5, 0xde); }
inline QColor fieldUndecided() { return QColor(0xf7, 0xf7, 0xf7); }
inline QColor fieldReal() { return QColor(0x8f, 0xd0, 0x8f); }

inline QCPColorGradient fieldGradient()
{
    QCPColorGradient gradient;
    gradient.clearColorStops();
    gradient.setColorStopAt(0.0, fieldFake());
    gradient.setColorStopAt(0.25, QColor(0xdc, 0xd0, 0xee));
    gradient.setColorStopAt(0.5, fieldUndecided());
    gradient.setColorStopAt(0.75, QColor(0xcd, 0xea, 0xca));
    gradient.setColorStopAt(1.0, fieldReal());
    gradient.setColorInterpolation(QCPColorGradient::ciRGB);
    return gradient;
}

} // namespace playgroundcolors
