#include "core/data/ShapesDataset.h"

#include <QImage>
#include <QPainter>
#include <QPolygonF>

#include <cmath>
#include <cstring>
#include <random>

namespace vae {
namespace {

constexpr std::uint32_t shapesSeed = 20131220; // the VAE paper's arXiv date
constexpr int shapeKindCount = 3;
constexpr float largestRadius = 10;
constexpr float smallestScale = 0.5f;
constexpr float ellipseAspect = 0.5f;
constexpr double pi = 3.14159265358979323846;

// std::mt19937's output is fixed by the standard, but std::uniform_*_distribution is not:
// derive numbers from the raw output so every standard library draws the same dataset.
float uniform(std::mt19937& random, float low, float high)
{
    constexpr float twoToThe24 = 16777216.0f;
    return low + (high - low) * (float(random() >> 8) / twoToThe24);
}

// Turning past this angle reproduces the same image, which would make the factor ambiguous.
// Indexed by ShapeKind.
constexpr float symmetryAngles[shapeKindCount] = {90, 180, 120};

ShapeFactors drawFactors(std::mt19937& random)
{
    ShapeFactors factors;
    factors.kind = ShapeKind(random() % shapeKindCount);
    factors.scale = uniform(random, smallestScale, 1);
    factors.rotationDegrees = uniform(random, 0, symmetryAngles[int(factors.kind)]);
    factors.x = uniform(random, 0, 1);
    factors.y = uniform(random, 0, 1);
    return factors;
}

std::vector<ShapeFactors> drawFactors(std::mt19937& random, int count)
{
    std::vector<ShapeFactors> all(static_cast<std::size_t>(count));
    for (ShapeFactors& factors : all)
        factors = drawFactors(random);
    return all;
}

// Every shape is inscribed in a circle of this radius, so placing the circle inside the image
// places the shape inside whatever its rotation.
void paintShape(QPainter& painter, const ShapeFactors& factors)
{
    const float radius = largestRadius * factors.scale;
    const float travel = float(shapesImageSize) - 2 * radius;
    painter.translate(double(radius + factors.x * travel), double(radius + factors.y * travel));
    painter.rotate(double(factors.rotationDegrees));
    switch (factors.kind) {
    case ShapeKind::Square: {
        const double half = double(radius) / std::sqrt(2.0);
        painter.drawRect(QRectF(-half, -half, 2 * half, 2 * half));
        break;
    }
    case ShapeKind::Ellipse:
        painter.drawEllipse(QPointF(0, 0), double(radius), double(radius * ellipseAspect));
        break;
    case ShapeKind::Triangle: {
        QPolygonF triangle;
        for (double degrees : {-90.0, 30.0, 150.0}) {
            const double radians = degrees * pi / 180.0;
            triangle << QPointF(double(radius) * std::cos(radians), double(radius) * std::sin(radians));
        }
        painter.drawPolygon(triangle);
        break;
    }
    }
}

ImageSet render(const std::vector<ShapeFactors>& allFactors)
{
    ImageSet images;
    images.channels = 1;
    images.height = shapesImageSize;
    images.width = shapesImageSize;
    images.pixels.resize(allFactors.size() * std::size_t(images.imageSize()));
    images.labels.reserve(allFactors.size());

    QImage canvas(shapesImageSize, shapesImageSize, QImage::Format_Grayscale8);
    std::uint8_t* target = images.pixels.data();
    for (const ShapeFactors& factors : allFactors) {
        canvas.fill(Qt::black);
        {
            QPainter painter(&canvas);
            painter.setRenderHint(QPainter::Antialiasing);
            painter.setPen(Qt::NoPen);
            painter.setBrush(Qt::white);
            paintShape(painter, factors);
        }
        for (int y = 0; y < shapesImageSize; ++y, target += shapesImageSize)
            std::memcpy(target, canvas.constScanLine(y), shapesImageSize);
        images.labels.push_back(std::int32_t(factors.kind));
    }
    return images;
}

} // namespace

ShapesFactors shapesDatasetFactors()
{
    std::mt19937 random(shapesSeed);
    ShapesFactors factors;
    factors.train = drawFactors(random, shapesTrainCount);
    factors.test = drawFactors(random, shapesTestCount);
    return factors;
}

Dataset makeShapesDataset()
{
    const ShapesFactors factors = shapesDatasetFactors();
    Dataset dataset;
    dataset.name = QStringLiteral("shapes");
    dataset.classNames = {QStringLiteral("square"), QStringLiteral("ellipse"), QStringLiteral("triangle")};
    dataset.train = render(factors.train);
    dataset.test = render(factors.test);
    return dataset;
}

} // namespace vae
