#pragma once

#include "core/run/TrainingConfig.h"

#include <QList>

#include <functional>

namespace vae {

// The defaults (the paper's MLP, two latent dimensions, batches of 128) blur colour images to grey
// blobs: on 4,000 icons of 32 px the samples after three minutes were grey discs. A new run on
// colour images therefore takes the conv network, 16 latent dimensions and batches of 64, which
// gave recognisable shapes in their colours within three minutes here (tools/make_colour_icons.py,
// 40 epochs). Only settings the user did not choose change, and only when the result fits the
// images. Returns the settings changed, for the front end to say so.
QList<Setting> adaptToColourImages(TrainingConfig& config, int channels, int height, int width,
                                   const std::function<bool(Setting)>& chosenByUser);

// For a front end that keeps no record of what was typed: a setting counts as chosen when it
// differs from the default. Settings adaptToColourImages leaves alone count as chosen.
bool differsFromDefault(const TrainingConfig& config, Setting setting);

} // namespace vae
