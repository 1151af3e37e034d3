#pragma once

#include <QStringList>
#include <QWidget>

#include <vector>

class QLabel;
class QSpinBox;

namespace vae {

class LatentSpace;
class LatestJobRunner;
class PixelImageLabel;
class SheetRowLabels;

// Latent traversals, live while training: one row per dimension, the most KL first, each the
// reference point (zero, or the selected image's encoding when the plane is centred on it) moved
// along that dimension from -3 to +3, decoded by the export's own recipe.
class LatentTraversalPanel : public QWidget {
    Q_OBJECT
public:
    explicit LatentTraversalPanel(LatentSpace& space, QWidget* parent = nullptr);

    const PixelImageLabel& sheet() const { return *sheet_; }
    const SheetRowLabels& rowLabels() const { return *rowLabels_; }
    int steps() const;
    void setSteps(int steps);
    // The point the rows move away from: empty for zero.
    std::vector<float> reference() const;
    // Where the traversals are centred, as the panel says it.
    QString referenceDescription() const;

Q_SIGNALS:
    void traversalsShown();
    void failed(const QString& message);

protected:
    void showEvent(QShowEvent* event) override;

private:
    void decode();

    LatentSpace& space_;
    QSpinBox* steps_;
    QLabel* centre_;
    PixelImageLabel* sheet_;
    SheetRowLabels* rowLabels_;
    LatestJobRunner* decoder_;
    std::vector<float> requestedReference_;
    int requestedSteps_ = 0;
};

} // namespace vae
