#pragma once

#include <QByteArray>
#include <QString>

namespace vae {

// Replaces the file at `path` with `bytes` through QSaveFile: the old file stays as it was until
// the new one is complete on disk. Every writer of core/files ends here, so a write that fails
// says why in words the same way everywhere, e.g. "model.vae: cannot write: no space left on
// device" or "...: file too large" (QSaveFile alone says "Unknown error" for both). Throws
// std::runtime_error with that message.
void writeFileAtomically(const QString& path, const QByteArray& bytes);

} // namespace vae
