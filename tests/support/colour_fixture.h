#pragma once

#include "core/data/Dataset.h"

#include <QImage>
#include <QString>

#include <memory>

namespace vae::testing {

// A dataset of 32 x 32 RGB images whose channels differ at almost every pixel (red rises left to
// right, green top to bottom, blue with the image's index), written once per test program as an
// [N, H, W, 3] uint8 .npy file and loaded from it, so its source reopens with a checkpoint.
constexpr int colourSide = 32;
QString colourDatasetPath();
std::shared_ptr<const Dataset> colourDataset();

// True when some pixel's red, green and blue are not all equal: an image turned grey anywhere on
// its way to the screen or a file shows none.
bool hasColour(const QImage& image);

} // namespace vae::testing
