#pragma once

#include "core/session/SessionTypes.h"

#include <QObject>

class QAction;

namespace vae {

class TrainingSession;

// The Training menu and toolbar: Start/Pause/Resume (Space), Step, Stop and Reset, each enabled
// only when the session's state allows it.
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
