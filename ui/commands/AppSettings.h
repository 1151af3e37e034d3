#pragma once

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

// How often a training run is copied to the autosave file.
int storedAutosaveMinutes();

QStringList storedRecentFiles();
void storeRecentFiles(const QStringList& paths);

// False when there was no layout to restore.
bool restoreWindowLayout(QMainWindow& window);
void storeWindowLayout(const QMainWindow& window);

} // namespace vae
