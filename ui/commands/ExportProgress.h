#pragma once

#include <QTimer>
#include <QWidget>

class QLabel;
class QProgressBar;
class QToolButton;

namespace vae {

// An export in progress, for the status bar: what is being written, how far it got, and a Cancel.
// It appears only once an export has taken a moment (most are done before it would), so quick
// exports do not make the status bar flicker.
class ExportProgress : public QWidget {
    Q_OBJECT
public:
    explicit ExportProgress(QWidget* parent = nullptr);

    void begin(const QString& fileName);
    void setPercent(int percent);
    void end();

    const QProgressBar& bar() const { return *bar_; }

Q_SIGNALS:
    void cancelRequested();

private:
    QLabel* label_;
    QProgressBar* bar_;
    QToolButton* cancel_;
    QTimer appear_;
};

} // namespace vae
