// .npy images and labels (format versions 1 to 3), raw and gzipped, read as the dataset loader
// reads them. The first byte chooses: bit 0 gzips the rest here, bit 1 reads labels, not images.
#include "core/data/NpyReader.h"
#include "fuzz/FuzzInput.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace vae::fuzz;
    if (size < 1)
        return 0;
    const std::uint8_t mode = data[0];
    const Bytes contents = mode & 1 ? gzipped(data + 1, size - 1) : Bytes(data + 1, data + size);
    const QString path = scratchPath(QStringLiteral("input.npy"));
    writeScratchFile(path, contents);
    expectCleanFailure(path, [&] {
        if (mode & 2)
            vae::readNpyLabels(path);
        else
            vae::readNpyImages(path);
    });
    return 0;
}
