#include "core/run/ColourDefaults.h"

namespace vae {

QList<Setting> adaptToColourImages(TrainingConfig& config, int channels, int height, int width,
                                   const std::function<bool(Setting)>& chosenByUser)
{
    if (channels != 3)
        return {};
    TrainingConfig adapted = config;
    QList<Setting> changed;
    auto adapt = [&](Setting setting, auto& value, auto colourValue) {
        if (!chosenByUser(setting) && value != colourValue) {
            value = colourValue;
            changed.append(setting);
        }
    };
    adapt(Setting::Architecture, adapted.architecture, Architecture::Conv);
    adapt(Setting::LatentDim, adapted.latentDim, 16);
    adapt(Setting::BatchSize, adapted.batchSize, 64);
    if (changed.isEmpty() || adapted.validate() || adapted.validateFor(channels, height, width))
        return {};
    config = adapted;
    return changed;
}

bool differsFromDefault(const TrainingConfig& config, Setting setting)
{
    const TrainingConfig defaults;
    switch (setting) {
    case Setting::Architecture:
        return config.architecture != defaults.architecture;
    case Setting::LatentDim:
        return config.latentDim != defaults.latentDim;
    case Setting::BatchSize:
        return config.batchSize != defaults.batchSize;
    default:
        break;
    }
    return true;
}

} // namespace vae
