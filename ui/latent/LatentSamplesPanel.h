#pragma once

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

    static constexpr int sheetColumns = 10;
    static constexpr int sheetRows = 10;

    const PixelImageLabel& sheet() const { return *sheet_; }
    // Which draws from the prior the sheet shows.
    std::uint64_t seed() const { return seed_; }
    void setSeed(std::uint64_t seed);

Q_SIGNALS:
    void samplesShown();
    void failed(const QString& message);

protected:
    void showEvent(QShowEvent* event) override;

private:
    void decode();

    LatentSpace& space_;
    PixelImageLabel* sheet_;
    LatestJobRunner* decoder_;
    std::uint64_t seed_ = 1;
};

} // namespace vae
