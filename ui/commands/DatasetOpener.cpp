#include "ui/commands/DatasetOpener.h"

#include "core/data/DatasetLoader.h"
#include "core/data/ErrorText.h"
#include "core/data/LoadProgress.h"
#include "core/session/ThreadHandOff.h"

#include <QFutureWatcher>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

#include <atomic>

namespace vae {

namespace {

struct LoadOutcome {
    std::shared_ptr<const Dataset> dataset;
    QString error;
    bool cancelled = false;
};

} // namespace

// Rule "Only Qt values cross threads": the pool thread writes the progress and the GUI thread
// polls it, so no signal of this object is ever emitted from the pool (which may outlive it). The
// outcome is written before the load's task ends and read after the watcher says it has
// (rule "Hand-offs the sanitizer can see": the state is the token).
struct DatasetOpener::LoadState {
    std::atomic<int> done{0};
    std::atomic<int> total{0};
    std::atomic<bool> cancelRequested{false};
    LoadOutcome outcome;
};

namespace {

constexpr int progressIntervalMs = 100;

// Rule "Exceptions stop at the boundary": whatever the loader throws becomes an outcome.
LoadOutcome load(const QString& spec, const DatasetOptions& options,
                 const std::shared_ptr<DatasetOpener::LoadState>& state)
{
    LoadProgress progress;
    progress.report = [state](int done, int total) {
        state->total = total;
        state->done = done;
    };
    progress.cancelRequested = [state] { return state->cancelRequested.load(); };
    try {
        return {std::make_shared<const Dataset>(loadDataset(spec, options, progress)), {}};
    } catch (const LoadCancelled&) {
        return {nullptr, {}, true};
    } catch (const std::exception& error) {
        return {nullptr, firstLineOf(error)};
    }
}

} // namespace

DatasetOpener::DatasetOpener(QObject* parent)
    : QObject(parent)
    , progressTimer_(new QTimer(this))
{
    progressTimer_->setInterval(progressIntervalMs);
    connect(progressTimer_, &QTimer::timeout, this, &DatasetOpener::reportProgress);
}

DatasetOpener::~DatasetOpener()
{
    cancel(); // a pool thread still decoding stops soon after; its result goes nowhere
}

void DatasetOpener::open(const QString& spec, const DatasetOptions& options)
{
    cancel();
    const int generation = ++generation_;
    loading_ = true;
    state_ = std::make_shared<LoadState>();
    progressTimer_->start();
    auto* watcher = new QFutureWatcher<void>(this);
    connect(watcher, &QFutureWatcher<void>::finished, this, [this, watcher, spec, generation, state = state_] {
        watcher->deleteLater();
        acquireHandOff(state.get());
        if (generation != generation_)
            return;
        loading_ = false;
        progressTimer_->stop();
        const LoadOutcome& outcome = state->outcome;
        if (outcome.dataset)
            Q_EMIT opened(spec, outcome.dataset);
        else if (outcome.cancelled)
            Q_EMIT cancelled(spec);
        else
            Q_EMIT failed(spec, outcome.error);
    });
    watcher->setFuture(QtConcurrent::run(HandedOver([spec, options, state = state_] {
        state->outcome = load(spec, options, state);
        releaseHandOff(state.get());
    })));
}

void DatasetOpener::cancel()
{
    if (state_)
        state_->cancelRequested = true;
}

void DatasetOpener::reportProgress()
{
    if (state_ && state_->total > 0)
        Q_EMIT progressed(state_->done, state_->total);
}

} // namespace vae
