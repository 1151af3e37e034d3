#include "ui/commands/AppSettings.h"

#include "core/data/InputError.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QMainWindow>
#include <QScreen>
#include <QSettings>

namespace vae {
namespace {

const QString trainingKey = QStringLiteral("training/settings");
const QString datasetKey = QStringLiteral("dataset/last");
const QString datasetOptionsKey = QStringLiteral("dataset/options"); // JSON: spec -> options
const QString recentKey = QStringLiteral("files/recent");
const QString autosaveKey = QStringLiteral("files/autosave_minutes");
constexpr int defaultAutosaveMinutes = 3;
const QString geometryKey = QStringLiteral("window/geometry");
const QString stateKey = QStringLiteral("window/state_%1");
// Bumped when the docks change, so an old layout is not restored onto different docks.
constexpr int windowStateVersion = 2;

} // namespace

TrainingConfig storedTrainingConfig()
{
    const QJsonDocument json = QJsonDocument::fromJson(QSettings().value(trainingKey).toByteArray());
    if (!json.isObject())
        return {};
    try {
        return TrainingConfig::fromJson(json.object());
    } catch (const InputError&) {
        return {}; // written by another version, or edited by hand
    }
}

void storeTrainingConfig(const TrainingConfig& config)
{
    QSettings().setValue(trainingKey, QJsonDocument(config.toJson()).toJson(QJsonDocument::Compact));
}

QString storedDataset()
{
    return QSettings().value(datasetKey).toString();
}

void storeDataset(const QString& spec)
{
    QSettings().setValue(datasetKey, spec);
}

DatasetOptions storedDatasetOptions(const QString& spec)
{
    const QJsonObject all = QJsonDocument::fromJson(QSettings().value(datasetOptionsKey).toByteArray()).object();
    try {
        return DatasetOptions::fromJson(all.value(spec).toObject());
    } catch (const InputError&) {
        return {}; // edited by hand
    }
}

void storeDatasetOptions(const QString& spec, const DatasetOptions& options)
{
    QSettings settings;
    QJsonObject all = QJsonDocument::fromJson(settings.value(datasetOptionsKey).toByteArray()).object();
    all.insert(spec, options.toJson());
    settings.setValue(datasetOptionsKey, QJsonDocument(all).toJson(QJsonDocument::Compact));
}

int storedAutosaveMinutes()
{
    const int minutes = QSettings().value(autosaveKey, defaultAutosaveMinutes).toInt();
    return minutes > 0 ? minutes : defaultAutosaveMinutes;
}

QStringList storedRecentFiles()
{
    return QSettings().value(recentKey).toStringList();
}

void storeRecentFiles(const QStringList& paths)
{
    QSettings().setValue(recentKey, paths);
}

bool restoreWindowLayout(QMainWindow& window, const QString& layout)
{
    const QSettings settings;
    const QSize laidOut = window.size();
    if (!window.restoreState(settings.value(stateKey.arg(layout)).toByteArray(), windowStateVersion))
        return false;
    // A geometry saved on a larger screen would push the window past this one's edges.
    if (window.restoreGeometry(settings.value(geometryKey).toByteArray()) && window.screen())
        window.resize(window.size().boundedTo(window.screen()->availableSize()));
    else
        window.resize(laidOut);
    return true;
}

void storeWindowLayout(const QMainWindow& window, const QString& layout)
{
    QSettings settings;
    settings.setValue(geometryKey, window.saveGeometry());
    settings.setValue(stateKey.arg(layout), window.saveState(windowStateVersion));
}

} // namespace vae
