#include "core/latent/LatentGeometry.h"

#include "core/data/InputError.h"
#include "core/latent/NormalQuantile.h"

#include <cmath>
#include <stdexcept>

namespace vae {
namespace {

double dot(const std::vector<float>& x, const float* y)
{
    double sum = 0;
    for (std::size_t i = 0; i < x.size(); ++i)
        sum += double(x[i]) * double(y[i]);
    return sum;
}

double norm(const std::vector<float>& x)
{
    return std::sqrt(dot(x, x.data()));
}

} // namespace

QString toString(GridSpacing spacing)
{
    return spacing == GridSpacing::Quantile ? QStringLiteral("quantile") : QStringLiteral("linear");
}

GridSpacing parseGridSpacing(const QString& text)
{
    if (text == QLatin1String("linear"))
        return GridSpacing::Linear;
    if (text == QLatin1String("quantile"))
        return GridSpacing::Quantile;
    throw InputError(QStringLiteral("--spacing: '%1' is not one of linear|quantile").arg(text).toStdString());
}

std::vector<double> gridCoordinates(int cells, double range, GridSpacing spacing)
{
    std::vector<double> coordinates(std::size_t(std::max(cells, 0)));
    for (int i = 0; i < cells; ++i) {
        if (spacing == GridSpacing::Quantile)
            coordinates[i] = normalQuantile((i + 0.5) / cells);
        else
            coordinates[i] = cells == 1 ? 0.0 : -range + 2.0 * range * i / (cells - 1);
    }
    return coordinates;
}

std::vector<float> LatentPlane::point(double a, double b) const
{
    std::vector<float> z(origin);
    for (std::size_t i = 0; i < z.size(); ++i)
        z[i] += float(a * u[i] + b * v[i]);
    return z;
}

std::pair<double, double> LatentPlane::coordinates(const float* z) const
{
    return {dot(u, z), dot(v, z)};
}

LatentPlane directionPlane(std::vector<float> u, std::vector<float> v, const std::vector<float>& reference)
{
    const std::size_t latentDim = u.size();
    if (v.size() != latentDim || (!reference.empty() && reference.size() != latentDim))
        throw std::invalid_argument("directionPlane: directions and reference differ in size");
    LatentPlane plane{reference.empty() ? std::vector<float>(latentDim, 0.0f) : reference, std::move(u), std::move(v)};
    const auto [a, b] = plane.coordinates(plane.origin.data());
    for (std::size_t i = 0; i < latentDim; ++i)
        plane.origin[i] -= float(a * plane.u[i] + b * plane.v[i]);
    return plane;
}

LatentPlane dimensionPlane(int latentDim, int axisX, int axisY, const std::vector<float>& reference)
{
    if (axisX < 0 || axisY < 0 || axisX >= latentDim || axisY >= latentDim || (axisX == axisY && latentDim > 1))
        throw InputError(QStringLiteral("--axes %1,%2: need two different dimensions from 0 to %3")
                             .arg(axisX)
                             .arg(axisY)
                             .arg(latentDim - 1)
                             .toStdString());
    std::vector<float> u(std::size_t(latentDim), 0.0f), v(std::size_t(latentDim), 0.0f);
    u[std::size_t(axisX)] = 1.0f;
    if (axisX != axisY)
        v[std::size_t(axisY)] = 1.0f;
    return directionPlane(std::move(u), std::move(v), reference);
}

std::vector<float> gridPoints(const LatentPlane& plane, int cells, double range, GridSpacing spacing)
{
    const std::vector<double> coordinates = gridCoordinates(cells, range, spacing);
    std::vector<float> points;
    points.reserve(std::size_t(cells) * std::size_t(cells) * std::size_t(plane.latentDim()));
    for (int row = 0; row < cells; ++row)
        for (int column = 0; column < cells; ++column) {
            const std::vector<float> z =
                plane.point(coordinates[std::size_t(column)], coordinates[std::size_t(cells - 1 - row)]);
            points.insert(points.end(), z.begin(), z.end());
        }
    return points;
}

std::vector<float> interpolationPath(const std::vector<float>& from, const std::vector<float>& to, int steps,
                                     InterpolationKind kind)
{
    if (from.size() != to.size() || steps < 2)
        throw std::invalid_argument("interpolationPath: endpoints differ in size or fewer than two steps");
    const double fromNorm = norm(from);
    const double toNorm = norm(to);
    const double cosine = fromNorm > 0 && toNorm > 0 ? dot(from, to.data()) / (fromNorm * toNorm) : 1.0;
    const double angle = std::acos(std::max(-1.0, std::min(1.0, cosine)));
    const bool spherical = kind == InterpolationKind::Spherical && std::sin(angle) > 1e-6;
    std::vector<float> path;
    path.reserve(from.size() * std::size_t(steps));
    for (int step = 0; step < steps; ++step) {
        const double t = double(step) / (steps - 1);
        double weightFrom = 1.0 - t;
        double weightTo = t;
        if (spherical) {
            // Slerp of the unit directions, with the norm interpolated linearly.
            const double length = (1.0 - t) * fromNorm + t * toNorm;
            weightFrom = std::sin((1.0 - t) * angle) / std::sin(angle) * length / fromNorm;
            weightTo = std::sin(t * angle) / std::sin(angle) * length / toNorm;
        }
        for (std::size_t i = 0; i < from.size(); ++i)
            path.push_back(float(weightFrom * from[i] + weightTo * to[i]));
    }
    return path;
}

} // namespace vae
