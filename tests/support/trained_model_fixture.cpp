#include "tests/support/trained_model_fixture.h"

#include "core/engine/Trainer.h"
#include "tests/support/colour_fixture.h"
#include "tests/support/shapes_fixture.h"

#include <QTemporaryDir>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <utility>

namespace vae::testing {

namespace {

QTemporaryDir& modelFolder()
{
    static QTemporaryDir folder;
    return folder;
}

TrainedModel trainModel(int latentDim, std::shared_ptr<const Dataset> dataset, const QString& fileName)
{
    TrainingConfig config;
    config.latentDim = latentDim;
    config.hiddenLayers = {64};
    config.batchSize = 100;
    config.threads = 1;
    Trainer trainer(config, std::move(dataset));
    for (int step = 0; step < 60; ++step)
        trainer.trainStep();
    TrainedModel model{trainer.snapshot(), modelFolder().filePath(fileName)};
    trainer.saveCheckpoint(model.checkpointPath);
    return model;
}

} // namespace

const TrainedModel& trainedModel(int latentDim)
{
    static std::map<int, TrainedModel> models;
    auto found = models.find(latentDim);
    if (found != models.end())
        return found->second;
    return models
        .emplace(latentDim, trainModel(latentDim, shapesDataset(), QStringLiteral("shapes-%1d.vae").arg(latentDim)))
        .first->second;
}

const TrainedModel& trainedColourModel()
{
    static const TrainedModel model = trainModel(3, colourDataset(), QStringLiteral("colour-3d.vae"));
    return model;
}

QImage decodedDirectly(const ModelSnapshot& model, const std::vector<float>& latent)
{
    // Built pixel by pixel from the channel planes, not by the program's own conversion, so a view
    // that mixed up or merged the channels could not agree with it by sharing the mistake.
    const std::vector<std::uint8_t> pixels = model.decode(latent.data(), 1);
    const std::size_t plane = std::size_t(model.height()) * std::size_t(model.width());
    const auto channel = [&](int c, int x, int y) {
        return int(pixels[std::size_t(std::min(c, model.channels() - 1)) * plane + std::size_t(y * model.width() + x)]);
    };
    QImage image(model.width(), model.height(), QImage::Format_RGB32);
    for (int y = 0; y < model.height(); ++y)
        for (int x = 0; x < model.width(); ++x)
            image.setPixel(x, y, qRgb(channel(0, x, y), channel(1, x, y), channel(2, x, y)));
    return image;
}

int largestPixelDifference(const QImage& a, const QImage& b)
{
    if (a.size() != b.size())
        return 256;
    const QImage first = a.convertToFormat(QImage::Format_RGB32);
    const QImage second = b.convertToFormat(QImage::Format_RGB32);
    int largest = 0;
    for (int y = 0; y < first.height(); ++y)
        for (int x = 0; x < first.width(); ++x) {
            const QRgb p = first.pixel(x, y);
            const QRgb q = second.pixel(x, y);
            largest = std::max(
                {largest, std::abs(qRed(p) - qRed(q)), std::abs(qGreen(p) - qGreen(q)), std::abs(qBlue(p) - qBlue(q))});
        }
    return largest;
}

} // namespace vae::testing
