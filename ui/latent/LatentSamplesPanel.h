#pragma once

#include <QSize>
#include <QWidget>

#include <cstdint>

namespace vae {

class PixelImageLabel;
class LatentSpace;
class LatestJobRunner;

// A sheet of images decoded from z ~ N(0, I): what the model generates. The same draws are
// decoded by every new snapshot, so the sheet shows one set of samples taking shape; "New
// samples" draws another set.
class LatentSamplesPanel : public QWidget {
    Q_OBJECT
public:
    explicit LatentSamplesPanel(LatentSpace& space, QWidget* parent = nullptr);

    // The exported sheet's shape; on screen the sheet holds as many as its room shows at 2x.
    static constexpr int exportColumns = 10;
    static constexpr int exportRows = 10;

    const PixelImageLabel& sheet() const { return *sheet_; }
    // Columns and rows of the sheet on screen.
    QSize shownCells() const { return shownCells_; }
    // Which draws from the prior the sheet shows.
    std::uint64_t seed() const { return seed_; }
    void setSeed(std::uint64_t seed);

Q_SIGNALS:
    void samplesShown();
    void failed(const QString& message);

protected:
    void showEvent(QShowEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void decode();
    QSize cellsForRoom() const;

    LatentSpace& space_;
    PixelImageLabel* sheet_;
    LatestJobRunner* decoder_;
    std::uint64_t seed_ = 1;
    QSize shownCells_;
};

} // namespace vae
