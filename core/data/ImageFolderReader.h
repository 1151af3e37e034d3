#pragma once

#include "core/data/Dataset.h"
#include "core/data/DatasetOptions.h"
#include "core/data/LoadProgress.h"

#include <QString>

namespace vae {

// Whether a folder looks like torchvision's ImageFolder: some subfolder holds an image file.
bool looksLikeImageFolder(const QString& directory);

// torchvision's ImageFolder layout: DIR/<class>/**/*.png|jpg|jpeg|bmp (and webp, gif where Qt
// reads them). Classes are the subfolders sorted by name (labels 0..k-1); each image is prepared as
// decodeImageFile says, on every core. Every tenth image of the sorted list goes to test. Files that
// cannot be decoded are skipped and named in the dataset's warnings. Throws InputError naming the
// folder when there are no classes, a class folder holds no image file or no file decodes, and
// LoadCancelled when progress asks to stop.
Dataset loadImageFolder(const QString& directory, const DatasetOptions& options, const LoadProgress& progress = {});

} // namespace vae
