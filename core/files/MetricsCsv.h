#pragma once

#include "core/run/Metrics.h"

#include <QString>

namespace vae {

// Header: epoch,step,elbo,reconstruction,kl,test_elbo,test_reconstruction,test_kl,images_per_s,seconds
void writeEpochsCsv(const QString& path, const MetricHistory& history);
// Header: step,epoch,elbo,reconstruction,kl
void writeStepsCsv(const QString& path, const MetricHistory& history);

// Both write atomically and throw std::runtime_error naming the file when they cannot.

} // namespace vae
