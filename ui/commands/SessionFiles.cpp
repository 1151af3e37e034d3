#include "ui/commands/SessionFiles.h"

#include "core/data/ErrorText.h"
#include "core/files/CheckpointFile.h"
#include "core/session/TrainingSession.h"
#include "ui/commands/SessionViewState.h"
#include "ui/curves/CurvesView.h"
#include "ui/latent/LatentExplorer.h"
#include "ui/latent/LatentSpace.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QWidget>

#include <algorithm>

namespace vae {
namespace {

QString datasetNamedIn(const CheckpointContents& contents)
{
    return contents.meta.value(QStringLiteral("dataset")).toObject().value(QStringLiteral("source")).toString();
}

// Built-in datasets are always there; a file dataset is "IMAGES[,LABELS]", a folder one its path.
bool datasetIsMissing(const QString& spec)
{
    if (spec.isEmpty() || spec.startsWith(QLatin1String("builtin:")))
        return false;
    const QStringList parts = spec.split(QLatin1Char(','));
    return std::any_of(parts.begin(), parts.end(), [](const QString& part) { return !QFileInfo::exists(part); });
}

} // namespace

SessionFiles::SessionFiles(TrainingSession& session, LatentExplorer& explorer, CurvesView& curves,
                           QWidget* dialogParent)
    : QObject(dialogParent)
    , session_(session)
    , explorer_(explorer)
    , curves_(curves)
    , dialogParent_(dialogParent)
    , locateDataset_([this](const QString& checkpointPath, const QString& missingDataset) {
        return askForDataset(checkpointPath, missingDataset);
    })
{
    connect(&session_, &TrainingSession::modelReady, this, [this](const RunInfo& run) { pendingView_ = run.view; });
    // The space has taken the snapshot by then, whichever of the two heard of it first.
    connect(&explorer_.space(), &LatentSpace::snapshotChanged, this, &SessionFiles::restorePendingView);
}

void SessionFiles::save(const QString& path)
{
    session_.saveModel(path, viewState());
}

bool SessionFiles::open(const QString& path, const QString& datasetOverride)
{
    QString dataset = datasetOverride;
    if (dataset.isEmpty()) {
        try {
            const QString named = datasetNamedIn(readCheckpointFile(path));
            if (datasetIsMissing(named)) {
                dataset = locateDataset_(path, named);
                if (dataset.isEmpty())
                    return false;
            }
        } catch (const std::exception& error) {
            Q_EMIT failed(tr("Could not open %1").arg(firstLineOf(error)));
            return false;
        }
    }
    session_.openModel(path, dataset);
    return true;
}

QJsonObject SessionFiles::viewState() const
{
    return collectViewState(explorer_, curves_);
}

QString SessionFiles::askForDataset(const QString& checkpointPath, const QString& missingDataset) const
{
    const QString title =
        tr("Where is the dataset of %1? It was at %2").arg(QFileInfo(checkpointPath).fileName(), missingDataset);
    const QString firstPart = missingDataset.section(QLatin1Char(','), 0, 0);
    const QString nearest = QFileInfo(QFileInfo(firstPart).absolutePath()).exists()
        ? QFileInfo(firstPart).absolutePath()
        : QFileInfo(checkpointPath).absolutePath();
    // A folder dataset has no suffix; files do (.npy, -ubyte, .gz).
    if (QFileInfo(firstPart).suffix().isEmpty() && !firstPart.contains(QLatin1String("-ubyte")))
        return QFileDialog::getExistingDirectory(dialogParent_, title, nearest);
    return QFileDialog::getOpenFileNames(dialogParent_, title, nearest).join(QLatin1Char(','));
}

void SessionFiles::restorePendingView()
{
    if (pendingView_.isEmpty())
        return;
    restoreViewState(std::exchange(pendingView_, {}), explorer_, curves_);
}

} // namespace vae
