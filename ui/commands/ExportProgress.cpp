#include "ui/commands/ExportProgress.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QToolButton>

namespace vae {
namespace {

// Long enough that a picture is written before the bar would show, short enough that a user who
// clicked sees at once that a long export is on its way.
constexpr int appearAfterMilliseconds = 300;
constexpr int statusBarItemHeight = 18;

} // namespace

ExportProgress::ExportProgress(QWidget* parent)
    : QWidget(parent)
    , label_(new QLabel(this))
    , bar_(new QProgressBar(this))
    , cancel_(new QToolButton(this))
{
    setObjectName(QStringLiteral("exportProgress"));
    bar_->setRange(0, 100);
    bar_->setMaximumWidth(120);
    cancel_->setObjectName(QStringLiteral("cancelExport"));
    cancel_->setText(tr("Cancel"));
    cancel_->setToolTip(tr("Stop the export; a file it would have replaced stays as it was"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(label_);
    layout->addWidget(bar_);
    layout->addWidget(cancel_);
    // The status bar takes its height from its tallest widget, shown or not: no taller than the
    // training's progress bars beside it (TrainingStatusBar), or the window outgrows an 800-pixel screen.
    cancel_->setAutoRaise(true);
    setMaximumHeight(statusBarItemHeight);
    appear_.setSingleShot(true);
    appear_.setInterval(appearAfterMilliseconds);
    connect(&appear_, &QTimer::timeout, this, &QWidget::show);
    connect(cancel_, &QToolButton::clicked, this, &ExportProgress::cancelRequested);
    hide();
}

void ExportProgress::begin(const QString& fileName)
{
    label_->setText(tr("Exporting %1").arg(fileName));
    bar_->setValue(0);
    appear_.start();
}

void ExportProgress::setPercent(int percent)
{
    bar_->setValue(percent);
}

void ExportProgress::end()
{
    appear_.stop();
    hide();
}

} // namespace vae
