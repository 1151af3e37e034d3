#pragma once

#include <qcustomplot.h>

#include <vector>

namespace vae {

// One bar per latent dimension: the KL it carries on the test set, in nats, coloured when the
// dimension is an active unit (its posterior mean varies over the images by more than
// activeUnitThreshold) and grey when it is not. By index, or sorted from the most KL to the least;
// the tick under each bar names its dimension, and hovering a bar tells its figures.
class LatentKlChart : public QCustomPlot {
    Q_OBJECT
public:
    explicit LatentKlChart(QWidget* parent = nullptr);

    void showEncoding(const std::vector<double>& kl, const std::vector<double>& meanVariances);
    void clear();
    void setSortedByKl(bool sorted);
    bool sortedByKl() const { return sorted_; }

    QCPBars* activeBars() const { return active_; }
    QCPBars* inactiveBars() const { return inactive_; }
    // The dimension drawn at bar position `position` (0 at the left).
    int dimensionAt(int position) const;

protected:
    void mouseMoveEvent(QMouseEvent* event) override;

private:
    void redraw();

    QCPBars* active_;
    QCPBars* inactive_;
    QSharedPointer<QCPAxisTickerText> ticker_;
    std::vector<double> kl_;
    std::vector<double> meanVariances_;
    std::vector<int> order_; // the dimension at each position
    bool sorted_ = false;
};

} // namespace vae
