#pragma once

#include <QString>

#include <vector>

namespace vae {

enum class GridSpacing {
    Linear,   // evenly spaced over [-range, range], ends included
    Quantile, // through the inverse normal CDF at (i + 1/2) / n: each cell covers equal prior mass
};

QString toString(GridSpacing spacing);
GridSpacing parseGridSpacing(const QString& text); // throws InputError

// The coordinates along one axis of an n-cell grid, ascending.
std::vector<double> gridCoordinates(int cells, double range, GridSpacing spacing);

// A plane through latent space: z = origin + a * u + b * v with u, v orthonormal and the origin
// free of any component along them, so (a, b) are the coordinates the views show.
struct LatentPlane {
    std::vector<float> origin;
    std::vector<float> u;
    std::vector<float> v;

    int latentDim() const { return int(origin.size()); }
    std::vector<float> point(double a, double b) const;
    // The (a, b) coordinates of z's projection onto the plane.
    std::pair<double, double> coordinates(const float* z) const;
};

// The plane of dimensions `axisX` and `axisY`, every other coordinate held at `reference` (zeros
// when empty).
LatentPlane dimensionPlane(int latentDim, int axisX, int axisY, const std::vector<float>& reference = {});
// The plane of two orthonormal directions through `reference`.
LatentPlane directionPlane(std::vector<float> u, std::vector<float> v, const std::vector<float>& reference = {});

// The latent points of an n x n grid over the plane, row-major, row 0 at the top (largest b),
// column 0 at the left (smallest a): cells * cells * latentDim floats.
std::vector<float> gridPoints(const LatentPlane& plane, int cells, double range, GridSpacing spacing);

enum class InterpolationKind { Linear, Spherical };

// `steps` points (steps >= 2) from `from` to `to`, both included; spherical interpolation follows
// the great circle between the two directions and scales the norm linearly (slerp), which keeps
// the path where a Gaussian prior puts its mass.
std::vector<float> interpolationPath(const std::vector<float>& from, const std::vector<float>& to, int steps,
                                     InterpolationKind kind);

} // namespace vae
