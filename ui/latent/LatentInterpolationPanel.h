#pragma once

#include "ui/latent/LatentSpace.h"

#include <QWidget>

#include <array>
#include <vector>

class QComboBox;
class QLabel;
class QSpinBox;

namespace vae {

class PixelImageLabel;
class LatestJobRunner;

// The decoded path between two endpoints in k steps, linear or spherical. An endpoint is a test
// image (its posterior mean, encoded again by each snapshot) or a fixed latent point (the cursor).
class LatentInterpolationPanel : public QWidget {
    Q_OBJECT
public:
    explicit LatentInterpolationPanel(LatentSpace& space, QWidget* parent = nullptr);

    const PixelImageLabel& path() const { return *path_; }
    InterpolationChoice choice() const;
    void setChoice(const InterpolationChoice& choice);

Q_SIGNALS:
    void pathShown();
    void failed(const QString& message);

protected:
    void showEvent(QShowEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    QWidget* endpointRow(int end, const QString& title);
    void setEndpoint(int end, InterpolationEnd endpoint);
    void pickDefaultEndpoints();
    void decode();
    void choiceChanged();
    int columnsForRoom() const;

    LatentSpace& space_;
    std::array<InterpolationEnd, 2> ends_;
    std::array<QLabel*, 2> descriptions_{};
    std::array<PixelImageLabel*, 2> thumbnails_{};
    QSpinBox* steps_;
    QComboBox* kind_;
    PixelImageLabel* path_;
    LatestJobRunner* decoder_;
    int shownColumns_ = 0;
};

} // namespace vae
