#include "tests/support/colour_fixture.h"

#include "core/data/DatasetLoader.h"
#include "tests/support/dataset_fixtures.h"

#include <QTemporaryDir>

#include <string>

namespace vae::testing {
namespace {

constexpr int colourImages = 200;

} // namespace

QString colourDatasetPath()
{
    static QTemporaryDir folder;
    static const QString path = [] {
        const QString file = folder.filePath(QStringLiteral("colour.npy"));
        Bytes pixels;
        pixels.reserve(std::size_t(colourImages) * colourSide * colourSide * 3);
        for (int image = 0; image < colourImages; ++image)
            for (int y = 0; y < colourSide; ++y)
                for (int x = 0; x < colourSide; ++x) {
                    pixels.push_back(std::uint8_t(x * 255 / (colourSide - 1)));
                    pixels.push_back(std::uint8_t(y * 255 / (colourSide - 1)));
                    pixels.push_back(std::uint8_t(image * 255 / (colourImages - 1)));
                }
        const std::string shape = "(" + std::to_string(colourImages) + ", " + std::to_string(colourSide) + ", " +
            std::to_string(colourSide) + ", 3)";
        writeFile(file, npyFile("|u1", shape, pixels.data(), pixels.size()));
        return file;
    }();
    return path;
}

std::shared_ptr<const Dataset> colourDataset()
{
    static const auto dataset = std::make_shared<const Dataset>(loadDataset(colourDatasetPath()));
    return dataset;
}

bool hasColour(const QImage& image)
{
    const QImage rgb = image.convertToFormat(QImage::Format_RGB32);
    for (int y = 0; y < rgb.height(); ++y)
        for (int x = 0; x < rgb.width(); ++x) {
            const QRgb pixel = rgb.pixel(x, y);
            if (qRed(pixel) != qGreen(pixel) || qGreen(pixel) != qBlue(pixel))
                return true;
        }
    return false;
}

} // namespace vae::testing
