#include "tests/support/shapes_fixture.h"

#include "core/data/DatasetLoader.h"

namespace vae::testing {

std::shared_ptr<const Dataset> shapesDataset()
{
    static const auto dataset = std::make_shared<const Dataset>(loadDataset(QStringLiteral("builtin:shapes")));
    return dataset;
}

TrainingConfig smallConfig()
{
    TrainingConfig config;
    config.hiddenLayers = {64};
    config.latentDim = 2;
    config.batchSize = 100;
    config.epochs = 2;
    config.threads = 1;
    return config;
}

} // namespace vae::testing
