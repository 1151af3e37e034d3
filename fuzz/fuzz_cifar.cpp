// A folder of CIFAR binary batches as the dataset loader reads it. The first byte chooses: bit 0
// CIFAR-100's layout (train.bin, test.bin, fine_label_names.txt) instead of CIFAR-10's
// (data_batch_1.bin, test_batch.bin, batches.meta.txt); bit 1 makes the rest the class names file,
// beside one valid record per batch, instead of the training batch (the test batch is then one
// valid record and the names file is absent).
#include "core/data/CifarDirectory.h"
#include "fuzz/FuzzInput.h"

#include <QDir>
#include <QFile>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace vae::fuzz;
    if (size < 1)
        return 0;
    const std::uint8_t mode = data[0];
    const bool cifar100 = mode & 1;
    const bool namesFromInput = mode & 2;
    const Bytes rest(data + 1, data + size);

    const QString folder = scratchPath(QStringLiteral("cifar"));
    QDir(folder).removeRecursively();
    QDir().mkpath(folder);
    const QString train = folder + (cifar100 ? QStringLiteral("/train.bin") : QStringLiteral("/data_batch_1.bin"));
    const QString test = folder + (cifar100 ? QStringLiteral("/test.bin") : QStringLiteral("/test_batch.bin"));
    const QString names =
        folder + (cifar100 ? QStringLiteral("/fine_label_names.txt") : QStringLiteral("/batches.meta.txt"));
    Bytes record(std::size_t(cifar100 ? 2 : 1) + 3 * 32 * 32, 0);
    writeScratchFile(train, namesFromInput ? record : rest);
    writeScratchFile(test, record);
    if (namesFromInput)
        writeScratchFile(names, rest);
    expectCleanFailure(folder, [&] { vae::loadCifarDirectory(folder); });
    return 0;
}
