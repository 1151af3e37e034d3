#include "core/engine/libtorch/EstimateSupport.h"

#include "core/data/InputError.h"
#include "core/engine/EvaluationInterrupted.h"

#include <QString>

#include <algorithm>

namespace vae {

std::int64_t decodedRowsPerPass(int imageSize)
{
    constexpr std::int64_t passElements = 4096 * 784;
    return std::clamp<std::int64_t>(passElements / std::max(1, imageSize), 64, 4096);
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
