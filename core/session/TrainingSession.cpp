#include "core/session/TrainingSession.h"

#include "core/session/ThreadHandOff.h"
#include "core/session/TrainingWorker.h"

#include <QSemaphore>

#include <atomic>
#include <tuple>
#include <type_traits>

namespace vae {
namespace {

void registerSessionTypes()
{
    qRegisterMetaType<TrainingConfig>();
    qRegisterMetaType<RunInfo>();
    qRegisterMetaType<QVector<StepMetrics>>();
    qRegisterMetaType<EpochMetrics>();
    qRegisterMetaType<SnapshotPtr>();
    qRegisterMetaType<SessionState>();
}

// Re-emits a worker's signal on the session's thread. A queued connection would copy the
// arguments inside Qt, where the thread sanitizer cannot follow them; a handed-over call copies
// them here (rule "Hand-offs the sanitizer can see").
template <typename... Args>
void relay(TrainingWorker* worker, void (TrainingWorker::*signal)(Args...), TrainingSession* session,
           void (TrainingSession::*relayed)(Args...))
{
    QObject::connect(
        worker, signal, session,
        [session, relayed](Args... args) {
            postCall(session, [session, relayed, values = std::make_tuple(std::decay_t<Args>(args)...)] {
                std::apply([session, relayed](const auto&... value) { (session->*relayed)(value...); }, values);
            });
        },
        Qt::DirectConnection);
}

} // namespace

TrainingSession::TrainingSession(QObject* parent)
    : QObject(parent)
    , worker_(new TrainingWorker(control_))
{
    registerSessionTypes();
    thread_.setObjectName(QStringLiteral("training"));
    worker_->moveToThread(&thread_);
    relay(worker_, &TrainingWorker::modelReady, this, &TrainingSession::modelReady);
    relay(worker_, &TrainingWorker::stepsTrained, this, &TrainingSession::stepsTrained);
    relay(worker_, &TrainingWorker::epochFinished, this, &TrainingSession::epochFinished);
    relay(worker_, &TrainingWorker::snapshotReady, this, &TrainingSession::snapshotReady);
    relay(worker_, &TrainingWorker::settingsApplied, this, &TrainingSession::settingsApplied);
    relay(worker_, &TrainingWorker::modelSaved, this, &TrainingSession::modelSaved);
    relay(worker_, &TrainingWorker::autosaved, this, &TrainingSession::autosaved);
    relay(worker_, &TrainingWorker::failed, this, &TrainingSession::failed);
    relay(worker_, &TrainingWorker::stateChanged, this, &TrainingSession::changeState);
    makeJoinable(thread_);
    thread_.start();
}

TrainingSession::~TrainingSession()
{
    control_.requestShutdown();
    thread_.quit();
    joinThread(thread_);
    delete worker_; // the thread has ended: nothing else can touch it now
}

void TrainingSession::reset(const TrainingConfig& config, std::shared_ptr<const Dataset> dataset)
{
    control_.request(RunControl::Request::Stop);
    control_.discardChanges(); // the config carries the latest values
    postCall(worker_, [worker = worker_, config, dataset] { worker->reset(config, dataset); });
}

void TrainingSession::openModel(const QString& checkpointPath, const QString& datasetOverride)
{
    control_.request(RunControl::Request::Stop);
    control_.discardChanges(); // they were meant for the model being replaced
    postCall(worker_,
             [worker = worker_, checkpointPath, datasetOverride] { worker->open(checkpointPath, datasetOverride); });
}

void TrainingSession::saveModel(const QString& checkpointPath, const QJsonObject& view)
{
    postCall(worker_,
             [worker = worker_, checkpointPath, view] { worker->save(checkpointPath, view, SaveKind::Chosen); });
}

void TrainingSession::autosave(const QString& checkpointPath, const QJsonObject& view)
{
    postCall(worker_,
             [worker = worker_, checkpointPath, view] { worker->save(checkpointPath, view, SaveKind::Autosave); });
}

bool TrainingSession::autosaveAndWait(const QString& checkpointPath, const QJsonObject& view,
                                      std::chrono::milliseconds limit)
{
    control_.request(RunControl::Request::Stop);
    // Shared with the training thread, which may finish the save after this has stopped waiting.
    auto done = std::make_shared<QSemaphore>();
    auto written = std::make_shared<std::atomic<bool>>(false);
    postCall(worker_, [worker = worker_, checkpointPath, view, done, written] {
        written->store(worker->save(checkpointPath, view, SaveKind::Autosave));
        done->release();
    });
    return done->tryAcquire(1, int(limit.count())) && written->load();
}

void TrainingSession::start()
{
    control_.request(RunControl::Request::Run);
    postCall(worker_, [worker = worker_] { worker->run(); });
}

void TrainingSession::pause()
{
    control_.request(RunControl::Request::Pause);
}

void TrainingSession::step()
{
    postCall(worker_, [worker = worker_] { worker->stepOnce(); });
}

void TrainingSession::stop()
{
    control_.request(RunControl::Request::Stop);
    // A paused run has no loop to notice the request.
    postCall(worker_, [worker = worker_] { worker->stop(); });
}

void TrainingSession::setLiveSettings(const LiveSettings& settings)
{
    control_.changeLiveSettings(settings);
    // A running loop applies them before its next step; this covers an idle worker.
    postCall(worker_, [worker = worker_] { worker->applyLiveSettings(); });
}

void TrainingSession::changeState(SessionState state)
{
    state_ = state;
    Q_EMIT stateChanged(state);
}

} // namespace vae
