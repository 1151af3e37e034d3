#include "ui/latent/LatentDimensionsPanel.h"

#include "core/decode/LatentCodes.h"
#include "ui/latent/LatentKlChart.h"
#include "ui/latent/LatentSpace.h"
#include "ui/latent/LatentTraversalPanel.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QSplitter>
#include <QVBoxLayout>

#include <numeric>

namespace vae {
namespace {

constexpr int chartHeight = 120;

} // namespace

LatentDimensionsPanel::LatentDimensionsPanel(LatentSpace& space, QWidget* parent)
    : QWidget(parent)
    , space_(space)
    , summary_(new QLabel(this))
    , sorted_(new QCheckBox(tr("Sort by KL"), this))
    , chart_(new LatentKlChart(this))
    , traversals_(new LatentTraversalPanel(space, this))
{
    summary_->setWordWrap(true);
    summary_->setToolTip(tr("A dimension is an active unit when its posterior mean E_q[z_u] varies over the test set "
                            "by more than %1 in variance (Burda et al.)")
                             .arg(activeUnitThreshold));
    auto* header = new QHBoxLayout;
    header->addWidget(summary_, 1);
    header->addWidget(sorted_);
    auto* top = new QWidget(this);
    auto* topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addLayout(header);
    topLayout->addWidget(chart_, 1);
    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(top);
    splitter->addWidget(traversals_);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({chartHeight, 3 * chartHeight});
    splitter->setChildrenCollapsible(false);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(splitter);

    connect(sorted_, &QCheckBox::toggled, chart_, &LatentKlChart::setSortedByKl);
    connect(&space_, &LatentSpace::modelStarted, this, &LatentDimensionsPanel::showEncoding);
    connect(&space_, &LatentSpace::snapshotChanged, this, &LatentDimensionsPanel::showEncoding);
    connect(&space_, &LatentSpace::encodedChanged, this, &LatentDimensionsPanel::showEncoding);
    connect(traversals_, &LatentTraversalPanel::failed, this, &LatentDimensionsPanel::failed);
    showEncoding();
}

QString LatentDimensionsPanel::summary() const
{
    return summary_->text();
}

void LatentDimensionsPanel::showEncoding()
{
    const auto& encoded = space_.encoded();
    const bool current = encoded && encoded->codes.latentDim == space_.latentDim();
    if (current && encoded == shown_)
        return;
    shown_ = current ? encoded : nullptr;
    if (!current) {
        chart_->clear();
        summary_->setText(space_.snapshot() ? tr("Encoding the test set…") : tr("No model yet"));
        return;
    }
    chart_->showEncoding(encoded->kl, encoded->meanVariances);
    const double total = std::accumulate(encoded->kl.begin(), encoded->kl.end(), 0.0);
    summary_->setText(tr("%1 of %2 dimensions active · KL %3 nats in all, on the test set at step %L4")
                          .arg(encoded->activeUnits)
                          .arg(encoded->codes.latentDim)
                          .arg(QLocale().toString(total, 'f', 2))
                          .arg(encoded->step));
}

} // namespace vae
