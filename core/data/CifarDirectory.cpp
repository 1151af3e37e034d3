#include "core/data/CifarDirectory.h"

#include "core/data/FileError.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <algorithm>

namespace vae {
namespace {

constexpr int cifarSide = 32;
constexpr int cifarChannels = 3;
constexpr int cifarImageBytes = cifarChannels * cifarSide * cifarSide;

// One record: the label bytes, then the image as 1024 red, 1024 green and 1024 blue bytes, rows
// top to bottom: channel-major already, as ImageSet keeps it.
struct CifarVariant {
    QString name;
    QStringList trainFiles;
    QString testFile;
    QString classNamesFile;
    int labelBytes; // CIFAR-100 stores a coarse and a fine label
    int labelIndex; // which of them is the class
    int classCount;
};

CifarVariant cifar10()
{
    QStringList batches;
    for (int batch = 1; batch <= 5; ++batch)
        batches << QStringLiteral("data_batch_%1.bin").arg(batch);
    return {QStringLiteral("cifar-10"),
            batches,
            QStringLiteral("test_batch.bin"),
            QStringLiteral("batches.meta.txt"),
            1,
            0,
            10};
}

CifarVariant cifar100()
{
    return {QStringLiteral("cifar-100"),
            {QStringLiteral("train.bin")},
            QStringLiteral("test.bin"),
            QStringLiteral("fine_label_names.txt"),
            2,
            1,
            100};
}

bool holds(const QString& directory, const QString& file)
{
    return QFileInfo(QDir(directory).filePath(file)).isFile();
}

bool isVariant(const QString& directory, const CifarVariant& variant)
{
    return holds(directory, variant.trainFiles.first()) && holds(directory, variant.testFile);
}

QByteArray readWholeFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw fileError(path, QStringLiteral("cannot open: %1").arg(file.errorString()));
    const QByteArray bytes = file.readAll();
    if (file.error() != QFileDevice::NoError)
        throw fileError(path, QStringLiteral("cannot read: %1").arg(file.errorString()));
    return bytes;
}

void appendRecords(const QString& path, const CifarVariant& variant, ImageSet& images)
{
    const QByteArray bytes = readWholeFile(path);
    const qsizetype recordSize = variant.labelBytes + cifarImageBytes;
    if (bytes.isEmpty() || bytes.size() % recordSize != 0)
        throw fileError(path,
                        QStringLiteral("not a %1 binary batch: %2 bytes is not a whole number of %3-byte "
                                       "records (%4 label bytes, then 32x32x3 pixels)")
                            .arg(variant.name)
                            .arg(bytes.size())
                            .arg(recordSize)
                            .arg(variant.labelBytes));
    const auto* data = reinterpret_cast<const std::uint8_t*>(bytes.constData());
    const qsizetype count = bytes.size() / recordSize;
    images.pixels.reserve(images.pixels.size() + std::size_t(count) * cifarImageBytes);
    images.labels.reserve(images.labels.size() + std::size_t(count));
    for (qsizetype record = 0; record < count; ++record) {
        const std::uint8_t* start = data + record * recordSize;
        const int label = start[variant.labelIndex];
        if (label >= variant.classCount)
            throw fileError(path,
                            QStringLiteral("label %1 of record %2 is out of range 0..%3: not a %4 batch")
                                .arg(label)
                                .arg(record)
                                .arg(variant.classCount - 1)
                                .arg(variant.name));
        images.labels.push_back(label);
        images.pixels.insert(images.pixels.end(), start + variant.labelBytes, start + recordSize);
    }
}

ImageSet readBatches(const QString& directory, const QStringList& files, const CifarVariant& variant)
{
    ImageSet images;
    images.channels = cifarChannels;
    images.height = cifarSide;
    images.width = cifarSide;
    for (const QString& file : files)
        if (holds(directory, file))
            appendRecords(QDir(directory).filePath(file), variant, images);
    return images;
}

// One name a line; CIFAR-10's file ends with blank lines.
QStringList readClassNames(const QString& directory, const CifarVariant& variant)
{
    const QString path = QDir(directory).filePath(variant.classNamesFile);
    if (!QFileInfo(path).isFile())
        return {};
    QStringList names;
    for (const QByteArray& line : readWholeFile(path).split('\n'))
        if (const QString name = QString::fromUtf8(line).trimmed(); !name.isEmpty())
            names << name;
    if (names.size() != variant.classCount)
        throw fileError(path,
                        QStringLiteral("%1 class names where %2 has %3")
                            .arg(names.size())
                            .arg(variant.name)
                            .arg(variant.classCount));
    return names;
}

} // namespace

bool containsCifarBatches(const QString& directory)
{
    return isVariant(directory, cifar10()) || isVariant(directory, cifar100());
}

Dataset loadCifarDirectory(const QString& directory)
{
    const CifarVariant variant = isVariant(directory, cifar10()) ? cifar10() : cifar100();
    Dataset dataset;
    dataset.name = variant.name;
    dataset.train = readBatches(directory, variant.trainFiles, variant);
    dataset.test = readBatches(directory, {variant.testFile}, variant);
    dataset.classNames = readClassNames(directory, variant);
    return dataset;
}

} // namespace vae
