#pragma once

#include "core/data/Dataset.h"
#include "core/data/DatasetLoader.h"

#include <QString>

namespace vae {

// Whether a folder looks like torchvision's ImageFolder: some subfolder holds an image file.
bool looksLikeImageFolder(const QString& directory);

// torchvision's ImageFolder layout: DIR/<class>/**/*.png|jpg|jpeg|bmp. Classes are the subfolders
// sorted by name (labels 0..k-1); images are converted to grey or RGB and resized to a square of
// options.imageFolderSize. Every tenth image of the sorted list goes to test. Throws InputError
// naming the file or folder for an unreadable image, an empty class folder or no classes at all.
Dataset loadImageFolder(const QString& directory, const DatasetOptions& options);

} // namespace vae
