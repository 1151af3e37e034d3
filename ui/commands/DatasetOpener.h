#pragma once

#include "core/data/Dataset.h"
#include "core/data/DatasetOptions.h"

#include <QObject>

#include <memory>

class QTimer;

namespace vae {

// Loads datasets on a pool thread, so a large image folder never freezes the window. A load in
// progress reports how far it is a few times a second and can be cancelled; asking for another
// cancels it too, and an older load's result is dropped.
class DatasetOpener : public QObject {
    Q_OBJECT
public:
    explicit DatasetOpener(QObject* parent = nullptr);
    ~DatasetOpener() override;

    void open(const QString& spec, const DatasetOptions& options = {});
    // The load stops after the images being decoded; `cancelled` follows.
    void cancel();
    bool isLoading() const { return loading_; }

    struct LoadState; // what the pool thread shares with this object: atomics only

Q_SIGNALS:
    void opened(const QString& spec, std::shared_ptr<const vae::Dataset> dataset);
    void failed(const QString& spec, const QString& message);
    void cancelled(const QString& spec);
    void progressed(int done, int total);

private:
    void reportProgress();

    int generation_ = 0;
    bool loading_ = false;
    std::shared_ptr<LoadState> state_;
    QTimer* progressTimer_;
};

} // namespace vae
