#pragma once

#include <QWidget>

class QLabel;

namespace vae {

class PixelImageLabel;
class LatentSpace;
class LatestJobRunner;

// The image decoded at the cursor, large, following it while it is dragged: each move asks for
// one decode and the latest request wins, so the preview keeps up at the display's pace.
class LatentCursorPreview : public QWidget {
    Q_OBJECT
public:
    explicit LatentCursorPreview(LatentSpace& space, QWidget* parent = nullptr);

    const PixelImageLabel& image() const { return *image_; }

Q_SIGNALS:
    void previewShown();
    void failed(const QString& message);

private:
    void decode();

    LatentSpace& space_;
    QLabel* coordinates_;
    PixelImageLabel* image_;
    LatestJobRunner* decoder_;
};

} // namespace vae
