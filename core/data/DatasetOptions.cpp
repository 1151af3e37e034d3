#include "core/data/DatasetOptions.h"

#include "core/data/InputError.h"

namespace vae {
namespace {

const QString colorKey = QStringLiteral("color");
const QString sizeKey = QStringLiteral("image_size");
const QString backgroundKey = QStringLiteral("background");

} // namespace

bool DatasetOptions::operator==(const DatasetOptions& other) const
{
    return imageFolderColor == other.imageFolderColor && imageFolderSize == other.imageFolderSize &&
        imageFolderBackground.rgb() == other.imageFolderBackground.rgb();
}

QJsonObject DatasetOptions::toJson() const
{
    return QJsonObject{
        {colorKey, colorModeName(imageFolderColor)},
        {sizeKey, imageFolderSize},
        {backgroundKey, imageFolderBackground.name()},
    };
}

DatasetOptions DatasetOptions::fromJson(const QJsonObject& json)
{
    DatasetOptions options;
    if (json.contains(colorKey))
        options.imageFolderColor = parseColorMode(json.value(colorKey).toString());
    if (json.contains(sizeKey))
        options.imageFolderSize = checkedImageSize(json.value(sizeKey).toInt());
    if (json.contains(backgroundKey))
        options.imageFolderBackground = parseBackground(json.value(backgroundKey).toString());
    return options;
}

ColorMode parseColorMode(const QString& text)
{
    const QString word = text.trimmed().toLower();
    if (word == QLatin1String("rgb"))
        return ColorMode::Rgb;
    if (word == QLatin1String("grey") || word == QLatin1String("gray"))
        return ColorMode::Grey;
    throw InputError(QStringLiteral("colour '%1': expected rgb or grey").arg(text).toStdString());
}

QString colorModeName(ColorMode mode)
{
    return mode == ColorMode::Rgb ? QStringLiteral("rgb") : QStringLiteral("grey");
}

int checkedImageSize(int size)
{
    if (size < 1 || size > DatasetOptions::largestImageSize)
        throw InputError(QStringLiteral("image size %1 is out of range 1..%2")
                             .arg(size)
                             .arg(DatasetOptions::largestImageSize)
                             .toStdString());
    return size;
}

QColor parseBackground(const QString& text)
{
    const QColor color = QColor::fromString(text.trimmed());
    if (!color.isValid())
        throw InputError(QStringLiteral("background '%1': expected a colour name such as white or black, or #rrggbb")
                             .arg(text)
                             .toStdString());
    return QColor(color.rgb()); // opaque: what shows through a transparent pixel
}

} // namespace vae
