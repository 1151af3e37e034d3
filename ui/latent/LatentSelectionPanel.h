#pragma once

#include <QWidget>

class QLabel;

namespace vae {

class PixelImageLabel;
class LatentSpace;
class LatestJobRunner;

// The test image selected on the plane, its reconstruction from the posterior mean, and draws
// from its posterior q(z|x) decoded: how sure the encoder is about it.
class LatentSelectionPanel : public QWidget {
    Q_OBJECT
public:
    explicit LatentSelectionPanel(LatentSpace& space, QWidget* parent = nullptr);

    const PixelImageLabel& original() const { return *original_; }
    const PixelImageLabel& reconstruction() const { return *reconstruction_; }
    const PixelImageLabel& posteriorSamples() const { return *posteriorSamples_; }

Q_SIGNALS:
    void failed(const QString& message);

protected:
    void showEvent(QShowEvent* event) override;

private:
    void showSelection();
    void decode();

    LatentSpace& space_;
    QLabel* caption_;
    PixelImageLabel* original_;
    PixelImageLabel* reconstruction_;
    PixelImageLabel* posteriorSamples_;
    LatestJobRunner* decoder_;
};

} // namespace vae
