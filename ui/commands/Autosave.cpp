#include "ui/commands/Autosave.h"

#include "core/files/CheckpointFile.h"
#include "core/session/TrainingSession.h"
#include "ui/commands/AppSettings.h"
#include "ui/commands/RunState.h"
#include "ui/commands/SessionFiles.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

#include <chrono>

namespace vae {
namespace {

const QString sessionKey = QStringLiteral("autosave_of");
// Longer than a test evaluation the run may be finishing and a checkpoint's write; short enough
// that closing never seems to hang.
constexpr std::chrono::seconds closingSaveLimit{5};

QString defaultAutosavePath()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
        .filePath(QStringLiteral("autosave.vae"));
}

} // namespace

Autosave::Autosave(TrainingSession& session, const RunState& run, SessionFiles& files, QObject* parent)
    : QObject(parent)
    , session_(session)
    , run_(run)
    , files_(files)
    , path_(defaultAutosavePath())
{
    timer_.setInterval(storedAutosaveMinutes() * 60 * 1000);
    timer_.start();
    connect(&timer_, &QTimer::timeout, this, &Autosave::saveIfTrained);
    connect(&session_, &TrainingSession::stateChanged, this, [this](SessionState state) {
        if (state == SessionState::Paused || state == SessionState::Finished)
            saveIfTrained();
    });
    connect(&run_, &RunState::runStarted, this,
            [this](const RunInfo& started) { savedSteps_ = started.completedSteps; });
    connect(&session_, &TrainingSession::modelSaved, this, [this] {
        savedSteps_ = run_.trainedSteps();
        discard(); // the user's own file now holds at least as much
    });
    connect(&session_, &TrainingSession::autosaved, this, [this](const QString& path) {
        autosaveQueued_ = false;
        Q_EMIT saved(path);
    });
}

void Autosave::setInterval(int milliseconds)
{
    timer_.start(milliseconds);
}

void Autosave::setPath(const QString& path)
{
    path_ = path;
}

void Autosave::saveIfTrained()
{
    if (run_.trainedSteps() == savedSteps_)
        return;
    savedSteps_ = run_.trainedSteps();
    autosaveQueued_ = true;
    QDir().mkpath(QFileInfo(path_).absolutePath());
    session_.autosave(path_, autosaveView());
}

bool Autosave::saveBeforeClosing()
{
    // A run still going has trained steps the window has not heard of yet; an autosave asked for
    // and not yet written may not be, once the training thread is told to end.
    if (run_.trainedSteps() == savedSteps_ && session_.state() != SessionState::Running && !autosaveQueued_)
        return false;
    savedSteps_ = run_.trainedSteps();
    QDir().mkpath(QFileInfo(path_).absolutePath());
    return session_.autosaveAndWait(path_, autosaveView(), closingSaveLimit);
}

QJsonObject Autosave::autosaveView() const
{
    QJsonObject view = files_.viewState();
    view.insert(sessionKey, run_.modelPath());
    return view;
}

std::optional<Autosave::Leftover> Autosave::leftover() const
{
    const QFileInfo autosave(path_);
    if (!autosave.exists())
        return std::nullopt;
    try {
        const QString session = readCheckpointFile(path_).view.value(sessionKey).toString();
        if (!session.isEmpty() && QFileInfo(session).exists() &&
            QFileInfo(session).lastModified() >= autosave.lastModified())
            return std::nullopt;
        return Leftover{session, autosave.lastModified()};
    } catch (const std::exception&) {
        return std::nullopt; // not an intact checkpoint: nothing worth offering
    }
}

void Autosave::discard()
{
    QFile::remove(path_);
}

QString Autosave::sessionPathOf(const RunInfo& run) const
{
    if (QFileInfo(run.checkpointPath) != QFileInfo(path_))
        return run.checkpointPath;
    return run.view.value(sessionKey).toString();
}

} // namespace vae
