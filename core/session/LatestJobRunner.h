#pragma once

#include <QObject>
#include <QString>

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>

class QThread;

namespace vae {

// Runs jobs that read model snapshots one at a time on a thread of its own, so a view never
// waits on the GUI thread (rule "One owner per model"). The latest request wins: a job submitted while another
// runs replaces the one waiting, and invalidate() drops the replies of every job submitted before
// it (the generation number). A job returns its reply, a function the runner calls on its own
// thread (the GUI thread), unless the reply has become stale meanwhile.
class LatestJobRunner : public QObject {
    Q_OBJECT
public:
    using Reply = std::function<void()>;
    using Job = std::function<Reply()>;

    // Interactive: what the user is looking at or dragging. Background: work that can wait,
    // such as encoding the test set; it yields the cores as training does (ThreadPriority.h).
    enum class Priority { Interactive, Background };

    // `task` names the work in error messages: "decoding the latent grid".
    explicit LatestJobRunner(QString task, QObject* parent = nullptr, Priority priority = Priority::Interactive);
    // Waits for the job in progress; its reply is dropped.
    ~LatestJobRunner() override;

    void submit(Job job);

    // Runs compute() on the runner's thread and hands its result to deliver() on this one.
    template <typename Compute, typename Deliver>
    void run(Compute compute, Deliver deliver)
    {
        submit([compute = std::move(compute), deliver = std::move(deliver)]() -> Reply {
            auto result = std::make_shared<decltype(compute())>(compute());
            return [deliver, result] { deliver(std::move(*result)); };
        });
    }

    // The inputs changed: replies computed from the old ones are dropped, and the job waiting is
    // discarded.
    void invalidate();

    // True while a job waits, runs, or has a reply on its way.
    bool busy() const { return unansweredJobs_ > 0; }

Q_SIGNALS:
    // A job threw; the message names the task.
    void failed(const QString& message);

private:
    struct Pending {
        Job job;
        int generation = 0;
    };

    void work(Priority priority);
    void answer(const Reply& reply, const QString& error, int generation);

    QString task_;
    int generation_ = 0;     // GUI thread only
    int unansweredJobs_ = 0; // GUI thread only
    std::mutex mutex_;
    std::condition_variable wake_;
    std::optional<Pending> waiting_; // guarded by mutex_
    bool stopping_ = false;          // guarded by mutex_
    QThread* thread_;
};

} // namespace vae
