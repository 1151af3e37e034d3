#pragma once

#include "core/latent/LatentGeometry.h"

#include <utility>

namespace vae {

// Where a latent coordinate sits along an axis of the drawn plane. With linear spacing the axis
// is the latent coordinate itself. With quantile spacing it is warped through the normal CDF, so
// every grid cell (equal prior mass) is the same size on screen, as in the paper's figure; the
// ticks still name latent values.
double latentToView(double latent, GridSpacing spacing);
double viewToLatent(double view, GridSpacing spacing);

// The interval the grid's cells cover along an axis, in view coordinates: the cells are centred
// on gridCoordinates and all the same width.
std::pair<double, double> gridViewExtent(int cells, double range, GridSpacing spacing);

} // namespace vae
