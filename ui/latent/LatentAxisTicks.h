#pragma once

#include "core/latent/LatentGeometry.h"

#include <QVector>

namespace vae {

// Tick positions in latent units for an axis showing view coordinates [viewLow, viewHigh] at
// `pixelsPerUnit`, no two closer than `minimumGap` pixels. On a quantile (normal-CDF) axis the
// ticks are round latent values too, thinned out towards the tails where the axis compresses.
QVector<double> latentTicks(double viewLow, double viewHigh, GridSpacing spacing, double pixelsPerUnit,
                            double minimumGap);

// "-1.5", "0", "2": short, and never "-0".
QString tickLabel(double latent);

} // namespace vae
