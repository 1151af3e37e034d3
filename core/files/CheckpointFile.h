#pragma once

#include "core/run/Metrics.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace vae {

// What one .vae file holds. The engine fills `tensors` with its own archive (model, optimiser,
// random state); everything else is readable without LibTorch, e.g. by the window.
struct CheckpointContents {
    QJsonObject meta; // settings, dataset, progress
    MetricHistory history;
    QByteArray tensors;
    QJsonObject view; // the window's view state; empty from the command line
};

// Layout: magic "VAEXCKPT", format version, tagged sections, CRC-32 of everything before it.
// Written through QSaveFile: the old file is replaced only once the new one is complete on disk.
// Throws std::runtime_error naming the file when it cannot be written.
void writeCheckpointFile(const QString& path, const CheckpointContents& contents);

// Throws InputError naming the file for anything that is not an intact checkpoint: a foreign
// file, a newer format, a truncated or corrupted one.
CheckpointContents readCheckpointFile(const QString& path);

} // namespace vae
