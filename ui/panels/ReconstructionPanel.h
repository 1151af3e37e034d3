#pragma once

#include "core/session/SessionTypes.h"

#include <QWidget>

namespace vae {

class ElidedLabel;
class ImageGrid;
class ReconstructionRenderer;

// A few test images above their reconstructions, decoded from the posterior mean by the latest
// snapshot of the model, refreshed while it trains.
class ReconstructionPanel : public QWidget {
    Q_OBJECT
public:
    explicit ReconstructionPanel(QWidget* parent = nullptr);

    void showDataset(const Dataset& dataset);
    void showSnapshot(const SnapshotPtr& snapshot);

    const ImageGrid& reconstructions() const { return *reconstructions_; }

Q_SIGNALS:
    void failed(const QString& message);

private:
    ReconstructionRenderer* renderer_;
    ImageGrid* originals_;
    ImageGrid* reconstructions_;
    ElidedLabel* caption_;
};

} // namespace vae
