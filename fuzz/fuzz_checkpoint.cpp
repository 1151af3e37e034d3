// The .vae checkpoint and session container as the program reads it without LibTorch: header,
// format version, sections, CRC-32, the history, the JSON meta and view, and the training settings
// in the meta (TrainingConfig::fromJson, as Trainer::fromCheckpoint reads them). The torch archive
// inside is left to LibTorch (see README.md here).
// The first byte chooses: bit 0 appends the right CRC-32 to the rest, so mutations get past the
// checksum to the sections; otherwise the rest is the whole file, checksum and all.
#include "core/data/InputError.h"
#include "core/files/CheckpointFile.h"
#include "core/run/TrainingConfig.h"
#include "fuzz/FuzzInput.h"

#include <zlib.h>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace vae::fuzz;
    if (size < 1)
        return 0;
    Bytes contents(data + 1, data + size);
    if (data[0] & 1) {
        const auto crc = std::uint32_t(crc32(crc32(0L, Z_NULL, 0), contents.data(), uInt(contents.size())));
        for (int shift = 24; shift >= 0; shift -= 8)
            contents.push_back(std::uint8_t(crc >> shift));
    }
    const QString path = scratchPath(QStringLiteral("input.vae"));
    writeScratchFile(path, contents);
    expectCleanFailure(path, [&] {
        const vae::CheckpointContents checkpoint = vae::readCheckpointFile(path);
        try {
            vae::TrainingConfig::fromJson(checkpoint.meta.value(QStringLiteral("config")).toObject());
        } catch (const vae::InputError&) {
            // Names no file by design: Trainer::fromCheckpoint puts the path in front.
        }
    });
    return 0;
}
