#pragma once

#include "core/session/SessionTypes.h"

#include <QDateTime>
#include <QObject>
#include <QTimer>

#include <optional>

namespace vae {

class SessionFiles;
class TrainingSession;

// A safety copy of the run, every few minutes while it trains and whenever it pauses, in a file
// of its own: a crash loses at most one interval, and the user's own file is only written when
// they save. The copy names the session it belongs to, so the next launch can offer it back.
class Autosave : public QObject {
    Q_OBJECT
public:
    Autosave(TrainingSession& session, SessionFiles& files, QObject* parent = nullptr);

    // Defaults: storedAutosaveMinutes(), and autosave.vae in the application's data folder.
    void setInterval(int milliseconds);
    void setPath(const QString& path);
    const QString& path() const { return path_; }
    // The file the user saved the run to or opened it from (empty for an unsaved run).
    void setSessionPath(const QString& path) { sessionPath_ = path; }

    // An autosave newer than the session it was made from (or of a run never saved).
    struct Leftover {
        QString sessionPath;
        QDateTime written;
    };
    std::optional<Leftover> leftover() const;
    void discard();

    // The file a run opened from `run.checkpointPath` belongs to: for the autosave, its session.
    QString sessionPathOf(const RunInfo& run) const;

Q_SIGNALS:
    void saved(const QString& path);

private:
    void saveIfTrained();

    TrainingSession& session_;
    SessionFiles& files_;
    QTimer timer_;
    QString path_;
    QString sessionPath_;
    std::int64_t trainedSteps_ = 0;
    std::int64_t savedSteps_ = 0;
};

} // namespace vae
