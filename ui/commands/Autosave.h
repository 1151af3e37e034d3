#pragma once

#include "core/session/SessionTypes.h"

#include <QDateTime>
#include <QObject>
#include <QTimer>

#include <optional>

namespace vae {

class RunState;
class SessionFiles;
class TrainingSession;

// A safety copy of the run, every few minutes while it trains and whenever it pauses, in a file
// of its own: a crash loses at most one interval, and the user's own file is only written when
// they save. The copy names the session it belongs to (the run's model path), so the next
// launch can offer it back.
class Autosave : public QObject {
    Q_OBJECT
public:
    Autosave(TrainingSession& session, const RunState& run, SessionFiles& files, QObject* parent = nullptr);

    // Defaults: storedAutosaveMinutes(), and autosave.vae in the application's data folder.
    void setInterval(int milliseconds);
    void setPath(const QString& path);
    const QString& path() const { return path_; }
    // An autosave newer than the session it was made from (or of a run never saved).
    struct Leftover {
        QString sessionPath;
        QDateTime written;
    };
    std::optional<Leftover> leftover() const;
    void discard();
    // The window is closing: when the run trained since it was last written (or is still
    // training), writes the autosave now and waits for it, a few seconds at most, so nothing
    // trained is lost. True when it wrote one.
    bool saveBeforeClosing();

    // The file a run opened from `run.checkpointPath` belongs to: for the autosave, its session.
    QString sessionPathOf(const RunInfo& run) const;

Q_SIGNALS:
    void saved(const QString& path);

private:
    void saveIfTrained();
    QJsonObject autosaveView() const;

    TrainingSession& session_;
    const RunState& run_;
    SessionFiles& files_;
    QTimer timer_;
    QString path_;
    std::int64_t savedSteps_ = 0; // of the run as last written, to the autosave or the user's file
    bool autosaveQueued_ = false; // asked of the training thread and not yet reported written
};

} // namespace vae
