#include "core/session/LatestJobRunner.h"

#include "core/data/ErrorText.h"
#include "core/engine/EngineRuntime.h"
#include "core/session/InteractiveWork.h"
#include "core/session/ThreadHandOff.h"
#include "core/session/ThreadPriority.h"

#include <QThread>

namespace vae {

LatestJobRunner::LatestJobRunner(QString task, QObject* parent, Priority priority)
    : QObject(parent)
    , task_(std::move(task))
    , thread_(QThread::create([this, priority] { work(priority); }))
{
    thread_->setObjectName(task_);
    makeJoinable(*thread_);
    thread_->start();
}

LatestJobRunner::~LatestJobRunner()
{
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_one();
    joinThread(*thread_);
    delete thread_;
}

void LatestJobRunner::submit(Job job)
{
    {
        std::lock_guard<std::mutex> lock(mutex_);
        if (!waiting_)
            ++unansweredJobs_;
        waiting_ = Pending{std::move(job), generation_};
    }
    wake_.notify_one();
}

void LatestJobRunner::invalidate()
{
    ++generation_;
    std::lock_guard<std::mutex> lock(mutex_);
    if (waiting_) {
        waiting_.reset();
        --unansweredJobs_;
    }
}

void LatestJobRunner::work(Priority priority)
{
    if (priority == Priority::Background)
        lowerCurrentThreadPriority();
    // One compute thread per job: the training thread keeps the cores, and OpenMP teams of
    // several threads competing for two cores collapse everyone's throughput (bench/latent_bench).
    setComputeThreads(1);
    for (;;) {
        Pending pending;
        {
            std::unique_lock<std::mutex> lock(mutex_);
            wake_.wait(lock, [this] { return stopping_ || waiting_; });
            if (stopping_)
                return;
            pending = std::move(*waiting_);
            waiting_.reset();
        }
        Reply reply;
        QString error;
        try {
            std::optional<InteractiveWork::Scope> interactive;
            if (priority == Priority::Interactive)
                interactive.emplace();
            reply = pending.job();
        } catch (const std::exception& exception) {
            error = QStringLiteral("%1 failed: %2").arg(task_, firstLineOf(exception));
        } catch (...) {
            error = QStringLiteral("%1 failed on an unknown error").arg(task_);
        }
        postCall(this, [this, reply = std::move(reply), error, generation = pending.generation] {
            answer(reply, error, generation);
        });
    }
}

void LatestJobRunner::answer(const Reply& reply, const QString& error, int generation)
{
    --unansweredJobs_;
    if (generation != generation_)
        return;
    if (!error.isEmpty()) {
        Q_EMIT failed(error);
        return;
    }
    try {
        if (reply)
            reply();
    } catch (const std::exception& exception) {
        Q_EMIT failed(QStringLiteral("%1 failed: %2").arg(task_, firstLineOf(exception)));
    }
}

} // namespace vae
