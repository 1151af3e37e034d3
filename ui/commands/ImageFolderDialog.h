#pragma once

#include "core/data/DatasetOptions.h"

#include <QString>

#include <optional>

class QWidget;

namespace vae {

// How to read a dataset the user has just chosen: for an image folder, asks (grey or RGB, the
// square size, the background of transparent pixels), starting from the choices remembered for it;
// anything else is read as remembered, without a question. Empty when the user cancels.
std::optional<DatasetOptions> chooseDatasetOptions(QWidget* parent, const QString& spec);

} // namespace vae
