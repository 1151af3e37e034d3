#include "core/decode/InterpolationEnds.h"

namespace vae {
namespace {

std::vector<float> latentOf(const ModelSnapshot& model, const ImageSet& test, const InterpolationEnd& end)
{
    if (end.testImage < 0)
        return end.point;
    std::vector<float> mean, logVariance;
    model.encode(test.image(end.testImage), 1, mean, logVariance);
    return mean;
}

} // namespace

std::vector<float> interpolationLatents(const ModelSnapshot& model, const ImageSet& test, const InterpolationEnd& from,
                                        const InterpolationEnd& to, int steps, InterpolationKind kind)
{
    return interpolationPath(latentOf(model, test, from), latentOf(model, test, to), steps, kind);
}

} // namespace vae
