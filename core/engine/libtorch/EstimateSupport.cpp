#include "core/engine/libtorch/EstimateSupport.h"

#include "core/data/InputError.h"
#include "core/engine/EvaluationInterrupted.h"
#include "core/engine/libtorch/Objective.h"

#include <QString>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace vae {

std::int64_t decodedRowsPerPass(int imageSize)
{
    constexpr std::int64_t passElements = 4096 * 784;
    return std::clamp<std::int64_t>(passElements / std::max(1, imageSize), 64, 4096);
}

torch::Tensor logLikelihoodsAt(VaeNetworkImpl& network, const torch::Tensor& target, const torch::Tensor& points)
{
    const int64_t count = points.size(0);
    const int64_t rowsPerPass = decodedRowsPerPass(int(target.size(1)));
    std::vector<torch::Tensor> parts;
    for (int64_t first = 0; first < count; first += rowsPerPass) {
        const torch::Tensor part = points.slice(0, first, std::min(first + rowsPerPass, count));
        parts.push_back(
            logLikelihoodPerSample(network.decode(part), target, network.likelihood()).squeeze(0).to(torch::kDouble));
    }
    return torch::cat(parts);
}

RefinedIntegral refineUntilAgreeing(double tolerance, const std::function<double(int resolution)>& evaluate,
                                    const QString& what)
{
    constexpr int firstResolution = 32;
    constexpr int largestResolution = 1024;
    double previous = NAN;
    for (int resolution = firstResolution; resolution <= largestResolution; resolution *= 2) {
        const double current = evaluate(resolution);
        if (std::abs(current - previous) < tolerance)
            return {current, resolution};
        previous = current;
    }
    throw std::runtime_error(QStringLiteral("%1 did not converge to %2 nats at %3 x %3 points")
                                 .arg(what)
                                 .arg(tolerance)
                                 .arg(largestResolution)
                                 .toStdString());
}

void checkImageCount(const ImageSet& images, int imageCount)
{
    if (imageCount < 1 || imageCount > images.count())
        throw InputError(QStringLiteral("--images %1 is out of range (1 to the %2 test images)")
                             .arg(imageCount)
                             .arg(images.count())
                             .toStdString());
}

void checkInterrupt(const EstimateControl& control)
{
    if (control.shouldInterrupt && control.shouldInterrupt())
        throw EvaluationInterrupted("the estimate was interrupted");
}

} // namespace vae
