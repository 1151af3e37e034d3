#include "ui/commands/TrainingActions.h"

#include "core/session/TrainingSession.h"

#include <QAction>
#include <QApplication>
#include <QStyle>

namespace vae {
namespace {

QAction* action(const QString& text, QStyle::StandardPixmap icon, const QKeySequence& shortcut, const QString& toolTip,
                QObject* parent)
{
    auto* result = new QAction(QApplication::style()->standardIcon(icon), text, parent);
    result->setShortcut(shortcut);
    result->setToolTip(QStringLiteral("%1 (%2)").arg(toolTip, shortcut.toString(QKeySequence::NativeText)));
    return result;
}

} // namespace

TrainingActions::TrainingActions(TrainingSession& session, QObject* parent)
    : QObject(parent)
    , session_(session)
    , startPause_(action(tr("&Start"), QStyle::SP_MediaPlay, QKeySequence(Qt::Key_Space), tr("Start training"), this))
    , step_(action(tr("S&tep"), QStyle::SP_MediaSeekForward, QKeySequence(Qt::CTRL | Qt::Key_T),
                   tr("Train one minibatch step"), this))
    , stop_(action(tr("St&op"), QStyle::SP_MediaStop, QKeySequence(Qt::CTRL | Qt::Key_Period),
                   tr("Stop training; the model stays and Start trains it further"), this))
    , reset_(action(tr("&Reset"), QStyle::SP_BrowserReload, QKeySequence(Qt::CTRL | Qt::Key_R),
                    tr("Start again from a new, untrained model with the current settings"), this))
{
    startPause_->setObjectName(QStringLiteral("startPause"));
    step_->setObjectName(QStringLiteral("step"));
    stop_->setObjectName(QStringLiteral("stop"));
    reset_->setObjectName(QStringLiteral("reset"));
    connect(startPause_, &QAction::triggered, this, &TrainingActions::startOrPause);
    connect(step_, &QAction::triggered, &session_, &TrainingSession::step);
    connect(stop_, &QAction::triggered, &session_, &TrainingSession::stop);
    connect(reset_, &QAction::triggered, this, &TrainingActions::resetRequested);
    connect(&session_, &TrainingSession::stateChanged, this, &TrainingActions::showState);
    showState(session_.state());
}

void TrainingActions::startOrPause()
{
    if (session_.state() == SessionState::Running)
        session_.pause();
    else if (session_.state() == SessionState::Finished)
        Q_EMIT continueRequested();
    else
        session_.start();
}

void TrainingActions::showState(SessionState state)
{
    const bool running = state == SessionState::Running;
    startPause_->setText(running ? tr("&Pause") : state == SessionState::Paused ? tr("Res&ume") : tr("&Start"));
    startPause_->setIcon(QApplication::style()->standardIcon(running ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
    if (state == SessionState::Finished)
        startPause_->setToolTip(tr("Every epoch is done: Start trains as many epochs again (%1)")
                                    .arg(startPause_->shortcut().toString(QKeySequence::NativeText)));
    else
        startPause_->setToolTip(QStringLiteral("%1 (%2)").arg(
            startPause_->text().remove(QLatin1Char('&')), startPause_->shortcut().toString(QKeySequence::NativeText)));
    startPause_->setEnabled(state != SessionState::Empty);
    step_->setEnabled(state == SessionState::Ready || state == SessionState::Paused);
    stop_->setEnabled(running || state == SessionState::Paused);
    reset_->setEnabled(state != SessionState::Empty);
}

} // namespace vae
