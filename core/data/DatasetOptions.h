#pragma once

#include <QColor>
#include <QJsonObject>
#include <QString>

namespace vae {

enum class ColorMode { Grey, Rgb };

// How an image folder's files become a dataset's images. IDX, .npy, .npz and CIFAR files keep their
// own channels and size. Stored in checkpoints, so reopening a model loads the same images.
struct DatasetOptions {
    ColorMode imageFolderColor = ColorMode::Grey;
    int imageFolderSize = 28;                 // a centred square is cropped, then resized to this many pixels a side
    QColor imageFolderBackground = Qt::white; // what transparent pixels are composited over

    static constexpr int largestImageSize = 1024;

    bool operator==(const DatasetOptions& other) const;
    bool operator!=(const DatasetOptions& other) const { return !(*this == other); }

    QJsonObject toJson() const;
    // Missing fields keep their defaults (checkpoints written before the options were stored); a
    // field present but invalid throws InputError.
    static DatasetOptions fromJson(const QJsonObject& json);
};

// "grey" (or "gray") and "rgb"; throws InputError naming the accepted words.
ColorMode parseColorMode(const QString& text);
QString colorModeName(ColorMode mode);
// 1..largestImageSize; throws InputError otherwise.
int checkedImageSize(int size);
// A colour name Qt knows ("white", "black") or "#rrggbb"; throws InputError otherwise.
QColor parseBackground(const QString& text);

} // namespace vae
