#pragma once

#include "core/data/DatasetOptions.h"
#include "core/run/TrainingConfig.h"

#include <QStringList>

class QMainWindow;

namespace vae {

// What the window remembers between launches (QSettings, so per user, in the platform's place).
// Anything missing or unreadable falls back to the defaults.
TrainingConfig storedTrainingConfig();
void storeTrainingConfig(const TrainingConfig& config);

QString storedDataset();
void storeDataset(const QString& spec);

// How each dataset was last read (an image folder's colour, size and background), by its spec.
DatasetOptions storedDatasetOptions(const QString& spec);
void storeDatasetOptions(const QString& spec, const DatasetOptions& options);

// How often a training run is copied to the autosave file.
int storedAutosaveMinutes();

QStringList storedRecentFiles();
void storeRecentFiles(const QStringList& paths);

// The docks' arrangement is kept for each of the window's layouts (`layout`: its name, say
// "narrow" for the tabbed column of a small screen), so one saved on a wide screen is never forced
// onto a narrow one; the window's size is kept within the screen's. False when there was no
// arrangement to restore for `layout`.
bool restoreWindowLayout(QMainWindow& window, const QString& layout);
void storeWindowLayout(const QMainWindow& window, const QString& layout);

} // namespace vae
