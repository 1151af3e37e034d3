#include "core/latent/LatentAxisScale.h"

#include "core/latent/NormalQuantile.h"

#include <algorithm>

namespace vae {
namespace {

// Keeps the inverse CDF finite at the edges of the warped axis (about 7 standard deviations).
constexpr double smallestProbability = 1e-12;

} // namespace

double latentToView(double latent, GridSpacing spacing)
{
    return spacing == GridSpacing::Quantile ? normalCdf(latent) : latent;
}

double viewToLatent(double view, GridSpacing spacing)
{
    if (spacing == GridSpacing::Linear)
        return view;
    return normalQuantile(std::clamp(view, smallestProbability, 1.0 - smallestProbability));
}

std::pair<double, double> gridViewExtent(int cells, double range, GridSpacing spacing)
{
    if (spacing == GridSpacing::Quantile)
        return {0.0, 1.0};
    const double halfCell = cells > 1 ? range / (cells - 1) : range;
    return {-range - halfCell, range + halfCell};
}

} // namespace vae
