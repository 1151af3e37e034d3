#pragma once

#include "core/data/Dataset.h"
#include "core/data/DatasetOptions.h"
#include "core/data/LoadProgress.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QList>

#include <functional>
#include <memory>

namespace vae {

// --color, --image-size and --background: how an image folder given with --dataset is read.
QList<QCommandLineOption> datasetReadingOptions();
bool anyDatasetReadingOptionSet(const QCommandLineParser& parser);
// Throws InputError naming the option for a bad value.
DatasetOptions datasetOptionsFrom(const QCommandLineParser& parser);

// Runs a load with "dataset: done/total images" on a terminal and Ctrl+C or SIGTERM as its cancel
// (LoadCancelled, which the commands end with exit 130), then prints the dataset's warnings.
std::shared_ptr<const Dataset>
loadShowingProgress(const std::function<std::shared_ptr<const Dataset>(const LoadProgress&)>& load);

} // namespace vae
