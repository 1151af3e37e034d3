#include "core/session/ExportJobRunner.h"

#include "core/data/ErrorText.h"
#include "core/engine/EngineRuntime.h"
#include "core/session/ThreadHandOff.h"

#include <QThread>

#include <algorithm>
#include <cmath>

namespace vae {

void ExportJobRunner::Progress::report(double fraction)
{
    if (runner_.cancelRequested_.load())
        throw JobCancelled();
    // One signal per percent at most: a job reports per batch, and the window needs no more.
    const int percent = int(std::lround(std::clamp(fraction, 0.0, 1.0) * 100.0));
    if (percent == lastPercent_)
        return;
    lastPercent_ = percent;
    postCall(&runner_, [runner = &runner_, percent] { Q_EMIT runner->progressed(percent); });
}

ExportJobRunner::ExportJobRunner(QObject* parent)
    : QObject(parent)
{
}

ExportJobRunner::~ExportJobRunner()
{
    if (!thread_)
        return;
    cancel();
    joinThread(*thread_);
    delete thread_;
}

bool ExportJobRunner::start(Job job)
{
    if (busy())
        return false;
    cancelRequested_ = false;
    thread_ = QThread::create([this, job = std::move(job)] {
        // One compute thread: the GUI thread and the training thread keep the other cores.
        setComputeThreads(1);
        Progress progress(*this);
        Outcome outcome = Outcome::Finished;
        QStringList written;
        QString message;
        // Rule "Exceptions stop at the boundary": nothing a job throws leaves its thread.
        try {
            written = job(progress);
        } catch (const JobCancelled&) {
            outcome = Outcome::Cancelled;
        } catch (const std::exception& error) {
            outcome = Outcome::Failed;
            message = firstLineOf(error);
        } catch (...) {
            outcome = Outcome::Failed;
            message = QStringLiteral("the export stopped on an unknown error");
        }
        postCall(this, [this, outcome, written, message] { conclude(outcome, written, message); });
    });
    thread_->setObjectName(QStringLiteral("export"));
    makeJoinable(*thread_);
    thread_->start();
    return true;
}

void ExportJobRunner::cancel()
{
    cancelRequested_ = true;
}

void ExportJobRunner::conclude(Outcome outcome, const QStringList& written, const QString& message)
{
    joinThread(*thread_); // it has posted its outcome: it is ending
    delete thread_;
    thread_ = nullptr;
    switch (outcome) {
    case Outcome::Finished:
        Q_EMIT finished(written);
        break;
    case Outcome::Failed:
        Q_EMIT failed(message);
        break;
    case Outcome::Cancelled:
        Q_EMIT cancelled();
        break;
    }
}

} // namespace vae
