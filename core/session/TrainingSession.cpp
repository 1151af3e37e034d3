#include "core/session/TrainingSession.h"

#include "core/session/TrainingWorker.h"

#include <QSemaphore>

#include <atomic>

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

} // namespace

TrainingSession::TrainingSession(QObject* parent)
    : QObject(parent)
    , worker_(new TrainingWorker(control_))
{
    registerSessionTypes();
    thread_.setObjectName(QStringLiteral("training"));
    worker_->moveToThread(&thread_);
    connect(worker_, &TrainingWorker::modelReady, this, &TrainingSession::modelReady);
    connect(worker_, &TrainingWorker::stepsTrained, this, &TrainingSession::stepsTrained);
    connect(worker_, &TrainingWorker::epochFinished, this, &TrainingSession::epochFinished);
    connect(worker_, &TrainingWorker::snapshotReady, this, &TrainingSession::snapshotReady);
    connect(worker_, &TrainingWorker::settingsApplied, this, &TrainingSession::settingsApplied);
    connect(worker_, &TrainingWorker::modelSaved, this, &TrainingSession::modelSaved);
    connect(worker_, &TrainingWorker::autosaved, this, &TrainingSession::autosaved);
    connect(worker_, &TrainingWorker::failed, this, &TrainingSession::failed);
    connect(worker_, &TrainingWorker::stateChanged, this, [this](SessionState state) {
        state_ = state;
        Q_EMIT stateChanged(state);
    });
    thread_.start();
}

TrainingSession::~TrainingSession()
{
    control_.requestShutdown();
    thread_.quit();
    thread_.wait();
    delete worker_; // the thread has ended: nothing else can touch it now
}

void TrainingSession::reset(const TrainingConfig& config, std::shared_ptr<const Dataset> dataset)
{
    control_.request(RunControl::Request::Stop);
    control_.discardChanges(); // the config carries the latest values
    QMetaObject::invokeMethod(worker_, [worker = worker_, config, dataset] { worker->reset(config, dataset); });
}

void TrainingSession::openModel(const QString& checkpointPath, const QString& datasetOverride)
{
    control_.request(RunControl::Request::Stop);
    control_.discardChanges(); // they were meant for the model being replaced
    QMetaObject::invokeMethod(worker_, [worker = worker_, checkpointPath, datasetOverride] {
        worker->open(checkpointPath, datasetOverride);
    });
}

void TrainingSession::saveModel(const QString& checkpointPath, const QJsonObject& view)
{
    QMetaObject::invokeMethod(
        worker_, [worker = worker_, checkpointPath, view] { worker->save(checkpointPath, view, SaveKind::Chosen); });
}

void TrainingSession::autosave(const QString& checkpointPath, const QJsonObject& view)
{
    QMetaObject::invokeMethod(
        worker_, [worker = worker_, checkpointPath, view] { worker->save(checkpointPath, view, SaveKind::Autosave); });
}

bool TrainingSession::autosaveAndWait(const QString& checkpointPath, const QJsonObject& view,
                                      std::chrono::milliseconds limit)
{
    control_.request(RunControl::Request::Stop);
    // Shared with the training thread, which may finish the save after this has stopped waiting.
    auto done = std::make_shared<QSemaphore>();
    auto written = std::make_shared<std::atomic<bool>>(false);
    QMetaObject::invokeMethod(worker_, [worker = worker_, checkpointPath, view, done, written] {
        written->store(worker->save(checkpointPath, view, SaveKind::Autosave));
        done->release();
    });
    return done->tryAcquire(1, int(limit.count())) && written->load();
}

void TrainingSession::start()
{
    control_.request(RunControl::Request::Run);
    QMetaObject::invokeMethod(worker_, &TrainingWorker::run);
}

void TrainingSession::pause()
{
    control_.request(RunControl::Request::Pause);
}

void TrainingSession::step()
{
    QMetaObject::invokeMethod(worker_, &TrainingWorker::stepOnce);
}

void TrainingSession::stop()
{
    control_.request(RunControl::Request::Stop);
    // A paused run has no loop to notice the request.
    QMetaObject::invokeMethod(worker_, &TrainingWorker::stop);
}

void TrainingSession::setLiveSettings(const LiveSettings& settings)
{
    control_.changeLiveSettings(settings);
    // A running loop applies them before its next step; this covers an idle worker.
    QMetaObject::invokeMethod(worker_, &TrainingWorker::applyLiveSettings);
}

} // namespace vae
