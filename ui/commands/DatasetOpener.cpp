#include "ui/commands/DatasetOpener.h"

#include "core/data/DatasetLoader.h"
#include "core/data/ErrorText.h"

#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

namespace vae {
namespace {

struct LoadOutcome {
    std::shared_ptr<const Dataset> dataset;
    QString error;
};

LoadOutcome load(const QString& spec)
{
    try {
        return {std::make_shared<const Dataset>(loadDataset(spec)), {}};
    } catch (const std::exception& error) {
        return {nullptr, firstLineOf(error)};
    }
}

} // namespace

DatasetOpener::DatasetOpener(QObject* parent)
    : QObject(parent)
{
}

void DatasetOpener::open(const QString& spec)
{
    const int generation = ++generation_;
    loading_ = true;
    auto* watcher = new QFutureWatcher<LoadOutcome>(this);
    connect(watcher, &QFutureWatcher<LoadOutcome>::finished, this, [this, watcher, spec, generation] {
        watcher->deleteLater();
        if (generation != generation_)
            return;
        loading_ = false;
        const LoadOutcome outcome = watcher->result();
        if (outcome.dataset)
            Q_EMIT opened(spec, outcome.dataset);
        else
            Q_EMIT failed(spec, outcome.error);
    });
    watcher->setFuture(QtConcurrent::run(load, spec));
}

} // namespace vae
