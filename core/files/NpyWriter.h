#pragma once

#include <QByteArray>

#include <cstdint>
#include <vector>

namespace vae {

// NumPy .npy (format 1.0, C order, little-endian) images of arrays, for numpy.load.
QByteArray npyBytes(const std::vector<float>& values, const std::vector<std::int64_t>& shape);
QByteArray npyBytes(const std::vector<std::int64_t>& values, const std::vector<std::int64_t>& shape);

} // namespace vae
