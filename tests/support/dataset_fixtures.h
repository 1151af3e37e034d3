#pragma once

#include <QString>
#include <QStringList>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace vae::testing {

using Bytes = std::vector<std::uint8_t>;

// Distinct, recognisable pixel values: byte i of the set is (i * 7 + 3) % 256.
Bytes patternPixels(std::size_t count);

Bytes idxImagesFile(int count, int height, int width, const Bytes& pixels);
Bytes idxLabelsFile(const Bytes& labels);
Bytes gzipped(const Bytes& bytes);

// A .npy file with the given header fields, padded as NumPy pads it, followed by data.
Bytes npyFile(const std::string& descr, const std::string& shape, const void* data, std::size_t dataSize,
              bool fortranOrder = false, int majorVersion = 1);

// A .vae container with the given sections as they are and the right CRC-32: lets a test reach
// the checks behind the checksum with sections no writer would produce.
Bytes checkpointFile(const Bytes& meta, const Bytes& history, const Bytes& tensors, const Bytes& view,
                     std::uint32_t formatVersion = 1);

// A grey PNG of the given size, all black: small on disk however large its header says it is.
Bytes blackPng(int width, int height);

void writeFile(const QString& path, const Bytes& bytes);
Bytes readFile(const QString& path);
void truncateFile(const QString& path, std::size_t size);

// The message of the vae::InputError that action throws; an empty string (and a test failure)
// when it throws nothing.
std::string inputErrorOf(const std::function<void()>& action);

// Expects the message to hold every one of the parts.
void expectMessageContains(const std::string& message, const QStringList& parts);

} // namespace vae::testing
