#include "core/engine/LikelihoodEstimate.h"

#include <cmath>
#include <numeric>

namespace vae {

LikelihoodEstimate summariseImages(std::vector<double> perImage)
{
    LikelihoodEstimate estimate;
    const double count = double(perImage.size());
    if (count > 0)
        estimate.mean = std::accumulate(perImage.begin(), perImage.end(), 0.0) / count;
    if (count > 1) {
        double squares = 0;
        for (double value : perImage)
            squares += (value - estimate.mean) * (value - estimate.mean);
        estimate.standardError = std::sqrt(squares / (count - 1) / count);
    }
    estimate.perImage = std::move(perImage);
    return estimate;
}

} // namespace vae
