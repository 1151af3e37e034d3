#include "core/latent/PrincipalAxes.h"

#include <cmath>
#include <stdexcept>

namespace vae {
namespace {

using Matrix = std::vector<double>; // dim x dim, row-major

// The dominant eigenvector of a symmetric positive semi-definite matrix by power iteration.
std::vector<double> dominantEigenvector(const Matrix& matrix, int dim, double& eigenvalue)
{
    std::vector<double> estimate(static_cast<std::size_t>(dim));
    for (int i = 0; i < dim; ++i)
        estimate[std::size_t(i)] = 1.0 + 0.01 * i; // not orthogonal to any axis-aligned eigenvector
    eigenvalue = 0;
    for (int iteration = 0; iteration < 1000; ++iteration) {
        std::vector<double> next(std::size_t(dim), 0.0);
        for (int r = 0; r < dim; ++r)
            for (int c = 0; c < dim; ++c)
                next[std::size_t(r)] += matrix[std::size_t(r * dim + c)] * estimate[std::size_t(c)];
        double length = 0;
        for (double value : next)
            length += value * value;
        length = std::sqrt(length);
        if (length == 0)
            break;
        double change = 0;
        for (int i = 0; i < dim; ++i) {
            next[std::size_t(i)] /= length;
            change += std::fabs(next[std::size_t(i)] - estimate[std::size_t(i)]);
        }
        estimate = std::move(next);
        eigenvalue = length;
        if (change < 1e-12)
            break;
    }
    return estimate;
}

std::vector<float> toFloats(const std::vector<double>& values)
{
    return std::vector<float>(values.begin(), values.end());
}

} // namespace

PrincipalAxes principalAxes(const std::vector<float>& points, int count, int dim)
{
    if (dim < 2 || count < 2 || points.size() != std::size_t(count) * std::size_t(dim))
        throw std::invalid_argument("principalAxes: need at least two points of at least two coordinates");
    std::vector<double> mean(std::size_t(dim), 0.0);
    for (int n = 0; n < count; ++n)
        for (int i = 0; i < dim; ++i)
            mean[std::size_t(i)] += points[std::size_t(n * dim + i)];
    for (double& value : mean)
        value /= count;
    Matrix covariance(std::size_t(dim * dim), 0.0);
    for (int n = 0; n < count; ++n)
        for (int r = 0; r < dim; ++r) {
            const double x = points[std::size_t(n * dim + r)] - mean[std::size_t(r)];
            for (int c = r; c < dim; ++c)
                covariance[std::size_t(r * dim + c)] += x * (points[std::size_t(n * dim + c)] - mean[std::size_t(c)]);
        }
    for (int r = 0; r < dim; ++r)
        for (int c = r; c < dim; ++c) {
            covariance[std::size_t(r * dim + c)] /= (count - 1);
            covariance[std::size_t(c * dim + r)] = covariance[std::size_t(r * dim + c)];
        }
    PrincipalAxes axes;
    const std::vector<double> first = dominantEigenvector(covariance, dim, axes.firstVariance);
    for (int r = 0; r < dim; ++r)
        for (int c = 0; c < dim; ++c)
            covariance[std::size_t(r * dim + c)] -= axes.firstVariance * first[std::size_t(r)] * first[std::size_t(c)];
    std::vector<double> second = dominantEigenvector(covariance, dim, axes.secondVariance);
    double overlap = 0;
    for (int i = 0; i < dim; ++i)
        overlap += first[std::size_t(i)] * second[std::size_t(i)];
    double length = 0;
    for (int i = 0; i < dim; ++i) {
        second[std::size_t(i)] -= overlap * first[std::size_t(i)];
        length += second[std::size_t(i)] * second[std::size_t(i)];
    }
    for (double& value : second)
        value /= std::sqrt(length);
    axes.first = toFloats(first);
    axes.second = toFloats(second);
    return axes;
}

} // namespace vae
