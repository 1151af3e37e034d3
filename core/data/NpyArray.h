#pragma once

#include <QString>

#include <cstdint>
#include <vector>

namespace vae {

// The element type of a .npy file, from its 'descr' such as "<f4" or "|u1".
struct NpyElementType {
    char kind = 0; // 'f' float, 'i' signed integer, 'u' unsigned integer, ...
    int size = 0;  // bytes per element
    bool bigEndian = false;
    QString descr; // as written in the file, for messages
};

// A C-ordered NumPy array read from a .npy file (format versions 1, 2 and 3, raw or gzipped).
struct NpyArray {
    NpyElementType type;
    std::vector<std::uint64_t> shape;
    std::vector<std::uint8_t> bytes; // the whole file
    std::size_t dataOffset = 0;      // where the elements start in bytes

    const std::uint8_t* data() const { return bytes.data() + dataOffset; }
    std::uint64_t elementCount() const;
    QString shapeText() const; // "(60000, 28, 28)", as NumPy prints it
};

// Throws InputError naming the file for a bad magic, a malformed header, fortran_order True, or a
// data size that does not match the shape.
NpyArray readNpyArray(const QString& path);

// The same checks on a .npy file's bytes read by other means (a member of a .npz archive); messages
// name `path`.
NpyArray parseNpyArray(std::vector<std::uint8_t> fileBytes, const QString& path);

} // namespace vae
