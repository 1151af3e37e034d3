// IDX images and labels, raw and gzipped, read as the dataset loader reads them.
// The first byte chooses: bit 0 gzips the rest here (so mutations reach the IDX parser through the
// decompressor), bit 1 reads labels instead of images. Raw inputs that are gzip streams themselves
// exercise the decompressor's own checks.
#include "core/data/IdxReader.h"
#include "fuzz/FuzzInput.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace vae::fuzz;
    if (size < 1)
        return 0;
    const std::uint8_t mode = data[0];
    const Bytes contents = mode & 1 ? gzipped(data + 1, size - 1) : Bytes(data + 1, data + size);
    const QString path = scratchPath(QStringLiteral("input-idx3-ubyte"));
    writeScratchFile(path, contents);
    expectCleanFailure(path, [&] {
        if (mode & 2)
            vae::readIdxLabels(path);
        else
            vae::readIdxImages(path);
    });
    return 0;
}
