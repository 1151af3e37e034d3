#include "tests/support/tiny_fixture.h"

#include <QTest>

#include <random>

namespace vae::testing {

std::shared_ptr<const Dataset> tinyDataset(int train, int test, int side)
{
    std::mt19937 random(7);
    std::uniform_int_distribution<int> byte(0, 255);
    auto images = [&](int count) {
        ImageSet set;
        set.height = side;
        set.width = side;
        set.pixels.resize(std::size_t(count) * std::size_t(side * side));
        for (auto& pixel : set.pixels)
            pixel = std::uint8_t(byte(random));
        return set;
    };
    auto dataset = std::make_shared<Dataset>();
    dataset->name = QStringLiteral("tiny");
    dataset->source = QStringLiteral("tiny (made by the test)");
    dataset->train = images(train);
    dataset->test = images(test);
    return dataset;
}

TrainingConfig tinyConfig()
{
    TrainingConfig config;
    config.latentDim = 2;
    config.hiddenLayers = {16};
    config.batchSize = 32;
    config.epochs = 1000;
    config.threads = 1;
    return config;
}

bool waitUntil(const std::function<bool()>& done, int timeoutMilliseconds)
{
    return QTest::qWaitFor(done, timeoutMilliseconds);
}

} // namespace vae::testing
