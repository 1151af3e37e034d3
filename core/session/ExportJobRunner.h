#pragma once

#include <QObject>
#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>
#include <stdexcept>

class QThread;

namespace vae {

// Thrown by ExportJobRunner::Progress::report() in a job that was cancelled.
class JobCancelled : public std::runtime_error {
public:
    JobCancelled()
        : std::runtime_error("cancelled")
    {
    }
};

// Runs the window's exports one at a time on a thread of their own, so a long one (the codes of a
// training split) never freezes the window. A job computes from values it was given (snapshots
// are immutable and shared, rule "One owner per model") and writes its files atomically; it
// reports how far it got between two pieces of work, and a cancel takes effect at its next report,
// before anything is written, so an existing file stays as it was. Lives on the GUI thread.
class ExportJobRunner : public QObject {
    Q_OBJECT
public:
    // What a job sees of the runner.
    class Progress {
    public:
        explicit Progress(ExportJobRunner& runner)
            : runner_(runner)
        {
        }
        // `fraction` of the work is done (0..1). Throws JobCancelled once the job was cancelled.
        void report(double fraction);

    private:
        ExportJobRunner& runner_;
        int lastPercent_ = -1;
    };
    // Returns the files written; throws std::runtime_error naming the file when it cannot.
    using Job = std::function<QStringList(Progress& progress)>;

    explicit ExportJobRunner(QObject* parent = nullptr);
    // Cancels the job in progress and waits for it to stop at its next report.
    ~ExportJobRunner() override;

    // Starts `job`, unless one is running: then false, and nothing starts.
    bool start(Job job);
    // The job stops at its next report; cancelled() follows, unless it had already finished.
    void cancel();
    // From start() until the job's outcome has been signalled.
    bool busy() const { return thread_ != nullptr; }

Q_SIGNALS:
    void progressed(int percent);
    void finished(const QStringList& written);
    void failed(const QString& message);
    void cancelled();

private:
    enum class Outcome { Finished, Failed, Cancelled };
    void conclude(Outcome outcome, const QStringList& written, const QString& message);

    std::atomic<bool> cancelRequested_{false};
    QThread* thread_ = nullptr;
};

} // namespace vae
