#include "core/data/ImageFolderReader.h"

#include "core/data/FileError.h"
#include "core/data/ImageFileDecoder.h"
#include "core/data/ImageSetAssembly.h"
#include "core/data/InputError.h"
#include "core/data/ParallelLoad.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>

#include <algorithm>
#include <cstring>

namespace vae {
namespace {

constexpr int namedFailures = 3; // a warning names this many of the files it skipped

QString imageKindsText()
{
    return imageFileNameFilters().join(QStringLiteral(", "));
}

// Sorted by code point like Python's sorted(), so labels match torchvision's for the same tree.
QStringList sorted(QStringList names)
{
    std::sort(names.begin(), names.end());
    return names;
}

QStringList classFolders(const QString& directory)
{
    return sorted(QDir(directory).entryList(QDir::Dirs | QDir::NoDotAndDotDot));
}

QDirIterator imageIterator(const QString& folder)
{
    return QDirIterator(folder, imageFileNameFilters(), QDir::Files,
                        QDirIterator::Subdirectories | QDirIterator::FollowSymlinks);
}

QStringList imagesUnder(const QString& folder)
{
    QStringList paths;
    QDirIterator files = imageIterator(folder);
    while (files.hasNext())
        paths << files.next();
    return sorted(paths);
}

struct ImageFiles {
    QStringList paths;
    std::vector<std::int32_t> labels;
};

ImageFiles listImageFiles(const QString& directory, const QStringList& classes)
{
    ImageFiles files;
    for (int label = 0; label < classes.size(); ++label) {
        const QString classFolder = QDir(directory).filePath(classes[label]);
        const QStringList images = imagesUnder(classFolder);
        if (images.isEmpty())
            throw fileError(classFolder, QStringLiteral("empty class folder: no images (%1)").arg(imageKindsText()));
        files.paths << images;
        files.labels.insert(files.labels.end(), std::size_t(images.size()), label);
    }
    return files;
}

// "cls/a.png (reason), cls/b.png, cls/c.png and 4 more": the first reason is usually all of them.
QString failureList(const QString& directory, const QStringList& paths, const std::vector<QString>& problems,
                    const std::vector<int>& failed)
{
    const QDir root(directory);
    QStringList named;
    for (std::size_t i = 0; i < failed.size() && i < std::size_t(namedFailures); ++i) {
        const QString name = QDir::toNativeSeparators(root.relativeFilePath(paths[failed[i]]));
        named << (i == 0 ? QStringLiteral("%1 (%2)").arg(name, problems[std::size_t(failed[i])]) : name);
    }
    QString text = named.join(QStringLiteral(", "));
    if (failed.size() > std::size_t(namedFailures))
        text += QStringLiteral(" and %1 more").arg(failed.size() - std::size_t(namedFailures));
    return text;
}

// Moves the decoded images to the front, in order, over the slots of those that failed.
void dropFailed(ImageSet& images, const std::vector<int>& failed)
{
    const std::size_t imageSize = std::size_t(images.imageSize());
    const int count = int(images.labels.size());
    std::size_t kept = 0;
    auto nextFailure = failed.begin();
    for (int index = 0; index < count; ++index) {
        if (nextFailure != failed.end() && *nextFailure == index) {
            ++nextFailure;
            continue;
        }
        if (kept != std::size_t(index)) {
            std::memmove(images.pixels.data() + kept * imageSize, images.image(index), imageSize);
            images.labels[kept] = images.labels[std::size_t(index)];
        }
        ++kept;
    }
    images.pixels.resize(kept * imageSize);
    images.labels.resize(kept);
}

} // namespace

bool looksLikeImageFolder(const QString& directory)
{
    const QStringList classes = classFolders(directory);
    return std::any_of(classes.begin(), classes.end(),
                       [&](const QString& name) { return imageIterator(QDir(directory).filePath(name)).hasNext(); });
}

Dataset loadImageFolder(const QString& directory, const DatasetOptions& options, const LoadProgress& progress)
{
    try {
        checkedImageSize(options.imageFolderSize);
    } catch (const InputError& error) {
        throw fileError(directory, QString::fromStdString(error.what()));
    }
    const QStringList classes = classFolders(directory);
    if (classes.isEmpty())
        throw fileError(
            directory, QStringLiteral("no class folders (expected DIR/<class>/<image> with %1)").arg(imageKindsText()));
    const ImageFiles files = listImageFiles(directory, classes);

    ImageSet all;
    all.channels = options.imageFolderColor == ColorMode::Rgb ? 3 : 1;
    all.height = options.imageFolderSize;
    all.width = options.imageFolderSize;
    const int count = int(files.paths.size());
    all.pixels.resize(std::size_t(count) * std::size_t(all.imageSize()));
    all.labels = files.labels;
    std::vector<QString> problems(static_cast<std::size_t>(count));
    runOnAllCores(
        count,
        [&](int index) {
            problems[std::size_t(index)] = decodeImageFile(
                files.paths[index], options, all.pixels.data() + std::size_t(index) * std::size_t(all.imageSize()));
        },
        progress);

    std::vector<int> failed;
    for (int index = 0; index < count; ++index)
        if (!problems[std::size_t(index)].isEmpty())
            failed.push_back(index);
    if (failed.size() == std::size_t(count))
        throw fileError(directory,
                        QStringLiteral("no readable image: none of the %1 image files decodes: %2")
                            .arg(count)
                            .arg(failureList(directory, files.paths, problems, failed)));
    dropFailed(all, failed);

    Dataset dataset;
    dataset.name = QFileInfo(QDir(directory).absolutePath()).fileName();
    dataset.classNames = classes;
    if (!failed.empty())
        dataset.warnings << fileMessage(directory,
                                        QStringLiteral("skipped %1 of %2 image files that could not be decoded: %3")
                                            .arg(failed.size())
                                            .arg(count)
                                            .arg(failureList(directory, files.paths, problems, failed)));
    splitEveryTenthIntoTest(all, dataset);
    return dataset;
}

} // namespace vae
