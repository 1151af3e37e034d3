#pragma once

#include <QString>
#include <QStringList>

#include <cstdint>
#include <vector>

namespace vae {

// Class names for label files that carry none: Fashion-MNIST's ten names when the source path
// mentions "fashion", the digits "0".."9" for other labels within 0..9, else none (empty).
QStringList guessClassNames(const QString& sourcePath, const std::vector<std::int32_t>& labels);

} // namespace vae
