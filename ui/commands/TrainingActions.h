#pragma once

#include "core/session/SessionTypes.h"

#include <QObject>

class QAction;

namespace vae {

class TrainingSession;

// The Training menu and toolbar: Start/Pause/Resume (Space), Step, Stop and Reset, each enabled
// only when the session's state allows it. Start on a finished run asks for more epochs.
class TrainingActions : public QObject {
    Q_OBJECT
public:
    explicit TrainingActions(TrainingSession& session, QObject* parent = nullptr);

    QAction* startPause() const { return startPause_; }
    QAction* step() const { return step_; }
    QAction* stop() const { return stop_; }
    QAction* reset() const { return reset_; }

Q_SIGNALS:
    // Reset needs the panel's settings and may ask first: the controller carries it out.
    void resetRequested();
    // Start on a run whose epochs are all done: the controller raises the epochs and trains on.
    void continueRequested();

private:
    void showState(SessionState state);
    void startOrPause();

    TrainingSession& session_;
    QAction* startPause_;
    QAction* step_;
    QAction* stop_;
    QAction* reset_;
};

} // namespace vae
