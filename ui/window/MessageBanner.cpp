#include "ui/window/MessageBanner.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QStyle>
#include <QTimer>
#include <QToolButton>

namespace vae {
namespace {

constexpr int noticeMilliseconds = 5000;

} // namespace

MessageBanner::MessageBanner(QWidget* parent)
    : QFrame(parent)
    , icon_(new QLabel(this))
    , text_(new QLabel(this))
    , hideTimer_(new QTimer(this))
{
    setObjectName(QStringLiteral("messageBanner"));
    setFrameShape(QFrame::StyledPanel);
    text_->setWordWrap(true);
    text_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    text_->setTextFormat(Qt::PlainText);
    auto* close = new QToolButton(this);
    close->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
    close->setAutoRaise(true);
    close->setToolTip(tr("Dismiss"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 4, 4);
    layout->addWidget(icon_);
    layout->addWidget(text_, 1);
    layout->addWidget(close, 0, Qt::AlignTop);
    hideTimer_->setSingleShot(true);
    connect(hideTimer_, &QTimer::timeout, this, &QWidget::hide);
    connect(close, &QToolButton::clicked, this, &QWidget::hide);
    hide();
}

void MessageBanner::showError(const QString& message)
{
    show(Kind::Error, message);
}

void MessageBanner::showWarning(const QString& message)
{
    show(Kind::Warning, message);
}

void MessageBanner::showNotice(const QString& message)
{
    show(Kind::Notice, message);
}

QString MessageBanner::message() const
{
    return isVisible() ? text_->text() : QString();
}

void MessageBanner::show(Kind kind, const QString& message)
{
    text_->setText(message);
    // A style sheet re-polishes the banner and its labels, a good part of a frame: set it only
    // when the kind of message changes.
    if (!styled_ || kind != kind_)
        applyStyle(kind);
    if (kind == Kind::Notice)
        hideTimer_->start(noticeMilliseconds);
    else
        hideTimer_->stop();
    setVisible(true);
}

void MessageBanner::applyStyle(Kind kind)
{
    kind_ = kind;
    styled_ = true;
    QStyle::StandardPixmap icon = QStyle::SP_MessageBoxInformation;
    QString colours = QStringLiteral("background: #e8f1fb; border: 1px solid #9cc0e6;");
    if (kind == Kind::Error) {
        icon = QStyle::SP_MessageBoxCritical;
        colours = QStringLiteral("background: #fdecea; border: 1px solid #e6a19a;");
    } else if (kind == Kind::Warning) {
        icon = QStyle::SP_MessageBoxWarning;
        colours = QStringLiteral("background: #fff6dc; border: 1px solid #e5c46b;");
    }
    setStyleSheet(
        QStringLiteral("QFrame#messageBanner { %1 border-radius: 3px; } QLabel { color: #202020; }").arg(colours));
    const int side = style()->pixelMetric(QStyle::PM_SmallIconSize);
    icon_->setPixmap(style()->standardIcon(icon).pixmap(side, side));
}

} // namespace vae
