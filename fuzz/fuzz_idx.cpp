// IDX images and labels, raw and gzipped, read as the dataset loader reads them
// (readImagesOrLabels says what the first byte chooses).
#include "core/data/IdxReader.h"
#include "fuzz/FuzzInput.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    vae::fuzz::readImagesOrLabels(
        data, size, QStringLiteral("input-idx3-ubyte"), [](const QString& path) { vae::readIdxImages(path); },
        [](const QString& path) { vae::readIdxLabels(path); });
    return 0;
}
