#pragma once

#include <QFrame>

class QLabel;

namespace vae {

class LatentSpace;

// A strip above the latent views while the model suffers posterior collapse (posteriorCollapsed:
// fewer than half the dimensions active on the test set, or less than a nat of KL in all), with
// what to try. Judged afresh from every encoding of the test set once the model has trained an
// epoch, so it goes once the model recovers, and it stays hidden for a new model until then.
class LatentCollapseWarning : public QFrame {
    Q_OBJECT
public:
    explicit LatentCollapseWarning(LatentSpace& space, QWidget* parent = nullptr);

    // Whether the strip has something to say (it shows when its parent does).
    bool warns() const { return warns_; }
    QString message() const;

private:
    void judge();

    LatentSpace& space_;
    QLabel* text_;
    bool warns_ = false;
};

} // namespace vae
