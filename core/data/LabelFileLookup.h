#pragma once

#include <QString>

namespace vae {

// The label file that sits beside an image file by naming convention ("images" -> "labels",
// "idx3" -> "idx1", raw or gzipped), e.g. train-images-idx3-ubyte.gz -> train-labels-idx1-ubyte.gz,
// x_images.npy -> x_labels.npy. Empty when there is none: labels are optional.
QString findLabelsBesideImages(const QString& imagesPath);

} // namespace vae
