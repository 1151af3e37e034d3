#include "ui/latent/LatentAxisTicks.h"

#include "core/latent/LatentAxisScale.h"
#include "core/latent/NormalQuantile.h"

#include <QString>

#include <algorithm>
#include <cmath>

namespace vae {
namespace {

// Beyond this a quantile axis is too compressed to label.
constexpr double quantileAxisLimit = 6.0;

// The smallest of 1, 2 and 5 times a power of ten that is at least `at`.
double roundStep(double at)
{
    const double power = std::pow(10.0, std::floor(std::log10(at)));
    for (double multiple : {1.0, 2.0, 5.0, 10.0})
        if (multiple * power >= at * (1 - 1e-9))
            return multiple * power;
    return 10.0 * power;
}

// Whether `tick` is also a multiple of the next round step above `step` (1 for 0.5, 0.5 for 0.2).
bool isCoarse(double tick, double step)
{
    const double multiple = tick / roundStep(step * 1.5);
    return std::abs(multiple - std::round(multiple)) < 1e-6;
}

// How many view units one latent unit spans at `latent`: the axis's slope.
double viewPerLatent(double latent, GridSpacing spacing)
{
    return spacing == GridSpacing::Quantile ? std::exp(-0.5 * latent * latent) / std::sqrt(2.0 * M_PI) : 1.0;
}

} // namespace

QVector<double> latentTicks(double viewLow, double viewHigh, GridSpacing spacing, double pixelsPerUnit,
                            double minimumGap)
{
    double low = viewToLatent(viewLow, spacing);
    double high = viewToLatent(viewHigh, spacing);
    if (spacing == GridSpacing::Quantile) {
        low = std::max(low, -quantileAxisLimit);
        high = std::min(high, quantileAxisLimit);
    }
    if (!(high > low) || pixelsPerUnit <= 0)
        return {};
    // Spaced for where the axis is most stretched, the visible latent value nearest zero; the
    // thinning below takes care of the rest.
    const double widest = std::clamp(0.0, low, high);
    const double step = roundStep(minimumGap / (pixelsPerUnit * viewPerLatent(widest, spacing)));
    QVector<double> candidates;
    for (double tick = std::ceil(low / step) * step; tick <= high + step * 1e-9; tick += step)
        candidates.append(std::abs(tick) < step * 1e-9 ? 0.0 : tick);
    // Multiples of the coarser step first (where a compressed axis has room for few labels, they
    // should be the round ones: 2 rather than 2.4), then the ones nearest the widest place.
    std::sort(candidates.begin(), candidates.end(), [&](double a, double b) {
        if (isCoarse(a, step) != isCoarse(b, step))
            return isCoarse(a, step);
        return std::abs(a - widest) < std::abs(b - widest);
    });
    QVector<double> kept;
    for (double tick : candidates) {
        const double pixel = latentToView(tick, spacing) * pixelsPerUnit;
        const bool clear = std::none_of(kept.begin(), kept.end(), [&](double other) {
            return std::abs(latentToView(other, spacing) * pixelsPerUnit - pixel) < minimumGap;
        });
        if (clear)
            kept.append(tick);
    }
    std::sort(kept.begin(), kept.end());
    return kept;
}

QString tickLabel(double latent)
{
    const double rounded = std::round(latent * 1e6) / 1e6;
    return QString::number(rounded == 0.0 ? 0.0 : rounded, 'g', 4);
}

} // namespace vae
