#pragma once

#include "core/session/SessionTypes.h"

#include <QJsonObject>
#include <QObject>

#include <functional>

class QWidget;

namespace vae {

class CurvesView;
class LatentExplorer;
class TrainingSession;

// Sessions as .vae files: the run (settings, model, optimiser, history, dataset path) with the
// window's view state. Opening one whose dataset has moved asks where it is now; the view comes
// back once the run's first snapshot is on screen (the plane's axes need its latent dimension).
class SessionFiles : public QObject {
    Q_OBJECT
public:
    // Asked with the checkpoint and the dataset it names, which is gone: where the dataset is now,
    // or empty to leave everything as it is.
    using DatasetLocator = std::function<QString(const QString& checkpointPath, const QString& missingDataset)>;

    SessionFiles(TrainingSession& session, LatentExplorer& explorer, CurvesView& curves, QWidget* dialogParent);

    void save(const QString& path);
    // False when the file cannot be read or the user did not say where its dataset went: the
    // current run stays. Otherwise the run arrives as the session's modelReady.
    bool open(const QString& path, const QString& datasetOverride = {});
    QJsonObject viewState() const;

    // Tests answer the question themselves; the window asks with a file dialog.
    void setDatasetLocator(DatasetLocator locator) { locateDataset_ = std::move(locator); }

Q_SIGNALS:
    void failed(const QString& message);

private:
    QString askForDataset(const QString& checkpointPath, const QString& missingDataset) const;
    void restorePendingView();

    TrainingSession& session_;
    LatentExplorer& explorer_;
    CurvesView& curves_;
    QWidget* dialogParent_;
    DatasetLocator locateDataset_;
    QJsonObject pendingView_;
};

} // namespace vae
