#pragma once

#include "core/data/DatasetOptions.h"

#include <QString>
#include <QStringList>

#include <cstdint>
#include <vector>

namespace vae {

// One split of a dataset: N images of the same shape, stored compactly as bytes (0..255) in
// channel-major order (C, H, W) per image, converted to floats one batch at a time.
struct ImageSet {
    std::vector<std::uint8_t> pixels; // count() * imageSize() bytes
    std::vector<std::int32_t> labels; // empty when the source has no labels, else count() entries

    int channels = 1;
    int height = 0;
    int width = 0;

    int imageSize() const { return channels * height * width; }
    int count() const { return imageSize() == 0 ? 0 : int(pixels.size() / std::size_t(imageSize())); }
    bool hasLabels() const { return !labels.empty(); }
    const std::uint8_t* image(int index) const { return pixels.data() + std::size_t(index) * std::size_t(imageSize()); }
};

struct Dataset {
    QString name;           // short, for titles: "fashion-mnist", "shapes", a folder's name
    QString source;         // what the user gave: a path or "builtin:shapes"; stored in checkpoints
    QStringList classNames; // index = label; empty when unknown
    DatasetOptions options; // what it was loaded with; stored in checkpoints beside the source
    QStringList warnings;   // what the user should hear about the load, one line each (skipped files)
    ImageSet train;
    ImageSet test;

    int channels() const { return train.channels; }
    int height() const { return train.height; }
    int width() const { return train.width; }
    int imageSize() const { return train.imageSize(); }
    // What the views call class `label`: its name, or the label as a number when the dataset names
    // no such class.
    QString className(int label) const
    {
        return label >= 0 && label < classNames.size() ? classNames[label] : QString::number(label);
    }
};

} // namespace vae
