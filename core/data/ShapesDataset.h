#pragma once

#include "core/data/Dataset.h"

#include <vector>

namespace vae {

enum class ShapeKind { Square = 0, Ellipse = 1, Triangle = 2 };

// The generative factors of one shapes image; the label is the kind.
struct ShapeFactors {
    ShapeKind kind = ShapeKind::Square;
    float scale = 1;           // 0.5..1: radius of the circumscribed circle / 10 px
    float rotationDegrees = 0; // 0 up to the shape's symmetry angle (90, 180 or 120)
    float x = 0.5f;            // 0..1: centre position across the range that keeps the shape inside
    float y = 0.5f;
};

struct ShapesFactors {
    std::vector<ShapeFactors> train;
    std::vector<ShapeFactors> test;
};

inline constexpr int shapesImageSize = 28;
inline constexpr int shapesTrainCount = 12000;
inline constexpr int shapesTestCount = 2000;

// The factors behind builtin:shapes, identical on every run and every machine.
ShapesFactors shapesDatasetFactors();

// builtin:shapes: white filled squares, ellipses and triangles on black, 28x28 grey, antialiased;
// 12,000 train + 2,000 test images drawn from shapesDatasetFactors().
Dataset makeShapesDataset();

} // namespace vae
