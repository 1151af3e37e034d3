#include "core/engine/libtorch/EstimateChecks.h"

#include "core/data/InputError.h"
#include "core/engine/EvaluationInterrupted.h"

#include <QString>

namespace vae {

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
