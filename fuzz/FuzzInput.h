#pragma once

#include <QString>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

namespace vae::fuzz {

using Bytes = std::vector<std::uint8_t>;

// The parsers read files by path, as the program does, so each input is written to a file in a
// folder of this process's own (removed at exit).
QString scratchPath(const QString& name);
void writeScratchFile(const QString& path, const Bytes& bytes);

// The input wrapped in a gzip stream: lets one corpus reach the parsers behind the decompressor
// without the fuzzer having to find a valid deflate stream first.
Bytes gzipped(const std::uint8_t* data, std::size_t size);

// Runs the parse. The one failure a parser may report is an InputError whose message names the
// file; any other exception escapes (libFuzzer reports it as a crash) and a message without the
// file's name aborts, so both count as findings.
void expectCleanFailure(const QString& fileName, const std::function<void()>& parse);

// One input to a reader of image or label files (IDX, .npy). The first byte chooses: bit 0 gzips
// the rest here (so mutations reach the parser through the decompressor), bit 1 reads labels
// instead of images; raw inputs that are gzip streams themselves exercise the decompressor's checks.
void readImagesOrLabels(const std::uint8_t* data, std::size_t size, const QString& fileName,
                        const std::function<void(const QString&)>& readImages,
                        const std::function<void(const QString&)>& readLabels);

} // namespace vae::fuzz
