#pragma once

#include <QFrame>

class QLabel;
class QTimer;

namespace vae {

// A strip across the top of the window for problems and notices: errors stay until closed (a
// modal box would block the window while training runs on), notices fade after a few seconds.
class MessageBanner : public QFrame {
    Q_OBJECT
public:
    explicit MessageBanner(QWidget* parent = nullptr);

    void showError(const QString& message);
    void showWarning(const QString& message);
    void showNotice(const QString& message);

    QString message() const;
    bool isError() const { return kind_ == Kind::Error; }

private:
    enum class Kind { Error, Warning, Notice };
    void show(Kind kind, const QString& message);
    void applyStyle(Kind kind);

    QLabel* icon_;
    QLabel* text_;
    QTimer* hideTimer_;
    Kind kind_ = Kind::Notice;
    bool styled_ = false; // for kind_
};

} // namespace vae
