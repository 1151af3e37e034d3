// .npy images and labels (format versions 1 to 3), raw and gzipped, read as the dataset loader
// reads them (readImagesOrLabels says what the first byte chooses).
#include "core/data/NpyReader.h"
#include "fuzz/FuzzInput.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    vae::fuzz::readImagesOrLabels(
        data, size, QStringLiteral("input.npy"), [](const QString& path) { vae::readNpyImages(path); },
        [](const QString& path) { vae::readNpyLabels(path); });
    return 0;
}
