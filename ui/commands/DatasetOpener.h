#pragma once

#include "core/data/Dataset.h"

#include <QObject>

#include <memory>

namespace vae {

// Loads datasets on a pool thread, so a large image folder never freezes the window. A load
// cannot be cancelled, so when a new one is asked for, the older one's result is dropped.
class DatasetOpener : public QObject {
    Q_OBJECT
public:
    explicit DatasetOpener(QObject* parent = nullptr);

    void open(const QString& spec);
    bool isLoading() const { return loading_; }

Q_SIGNALS:
    void opened(const QString& spec, std::shared_ptr<const vae::Dataset> dataset);
    void failed(const QString& spec, const QString& message);

private:
    int generation_ = 0;
    bool loading_ = false;
};

} // namespace vae
