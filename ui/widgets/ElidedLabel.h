#pragma once

#include <QWidget>

namespace vae {

// One line of text that ends in "…" when the widget is narrower than the text, with the whole
// text as its tooltip: long paths and class lists in a narrow dock.
class ElidedLabel : public QWidget {
    Q_OBJECT
public:
    explicit ElidedLabel(QWidget* parent = nullptr);

    void setText(const QString& text);
    const QString& text() const { return text_; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    QString text_;
};

} // namespace vae
