#pragma once

#include <QString>

#include <cstdint>
#include <vector>

namespace vae {

// The whole content of a file, gunzipped in one pass when it starts with the gzip magic bytes
// (several concatenated gzip members are joined, as gzip does). Throws InputError naming the file
// when it cannot be read or the gzip stream is corrupt or truncated.
std::vector<std::uint8_t> readPossiblyGzippedFile(const QString& path);

} // namespace vae
