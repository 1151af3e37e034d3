// A NumPy .npz archive (Keras's layout) as the dataset loader reads it: libzip, then the .npy
// parser on each member. The first byte chooses: bit 0 has the harness store the rest in a valid
// archive as both x_train.npy and x_test.npy (so mutations reach the .npy parser through the
// archive; bit 1 adds it as y_train.npy and y_test.npy too); without bit 0 the rest is the archive.
#include "core/data/NpzDataset.h"
#include "fuzz/FuzzInput.h"

#include <QFile>

#include <zip.h>

#include <cstdio>
#include <cstdlib>

namespace {

void addStored(zip_t* archive, const char* name, const vae::fuzz::Bytes& contents)
{
    zip_source_t* source = zip_source_buffer(archive, contents.data(), contents.size(), 0);
    const zip_int64_t index = source ? zip_file_add(archive, name, source, ZIP_FL_OVERWRITE) : -1;
    if (index < 0 || zip_set_file_compression(archive, zip_uint64_t(index), ZIP_CM_STORE, 0) != 0) {
        std::fprintf(stderr, "cannot add %s: %s\n", name, zip_strerror(archive));
        std::abort();
    }
}

void writeArchive(const QString& path, const vae::fuzz::Bytes& member, bool labels)
{
    int error = 0;
    zip_t* archive = zip_open(QFile::encodeName(path).constData(), ZIP_CREATE | ZIP_TRUNCATE, &error);
    if (!archive)
        std::abort();
    for (const char* name : {"x_train.npy", "x_test.npy"})
        addStored(archive, name, member);
    if (labels)
        for (const char* name : {"y_train.npy", "y_test.npy"})
            addStored(archive, name, member);
    if (zip_close(archive) != 0) {
        std::fprintf(stderr, "cannot write the archive: %s\n", zip_strerror(archive));
        std::abort();
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace vae::fuzz;
    if (size < 1)
        return 0;
    const std::uint8_t mode = data[0];
    const Bytes rest(data + 1, data + size);
    const QString path = scratchPath(QStringLiteral("input.npz"));
    if (mode & 1)
        writeArchive(path, rest, mode & 2);
    else
        writeScratchFile(path, rest);
    expectCleanFailure(path, [&] { vae::loadNpzArchive(path); });
    return 0;
}
