#pragma once

#include "core/session/SessionTypes.h"

#include <QImage>
#include <QObject>
#include <QVector>

namespace vae {

class LatestJobRunner;

// Reconstructs a few test images with a model snapshot — encode to the posterior mean, then
// decode — on a runner thread, never the GUI thread (rule "One owner per model"). The latest request wins:
// while one job runs, a newer snapshot replaces the one waiting, and replies computed for
// images that have since been replaced are dropped.
class ReconstructionRenderer : public QObject {
    Q_OBJECT
public:
    explicit ReconstructionRenderer(QObject* parent = nullptr);

    // Images as the engine stores them: count x (C, H, W) bytes.
    void setImages(std::vector<std::uint8_t> pixels, int count, int channels, int height, int width);
    void render(const SnapshotPtr& snapshot);

Q_SIGNALS:
    void rendered(const QVector<QImage>& reconstructions, qint64 step);
    void failed(const QString& message);

private:
    struct Images {
        std::vector<std::uint8_t> pixels;
        int count = 0;
        int channels = 0;
        int height = 0;
        int width = 0;
    };

    static QVector<QImage> reconstruct(const Images& images, const ModelSnapshot& model);

    LatestJobRunner* runner_;
    std::shared_ptr<const Images> images_;
};

} // namespace vae
