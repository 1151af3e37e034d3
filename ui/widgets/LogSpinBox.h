#pragma once

#include <QDoubleSpinBox>

namespace vae {

// A spin box for values that span decades (learning rate, weight decay): shows them as 1e-3 or
// 0.0005 and steps by a constant factor. With a minimum of 0, stepping down from the smallest
// positive value reaches 0 and stepping up from 0 returns to it.
class LogSpinBox : public QDoubleSpinBox {
    Q_OBJECT
public:
    LogSpinBox(double minimum, double smallestPositive, double maximum, QWidget* parent = nullptr);

    void stepBy(int steps) override;
    QString textFromValue(double value) const override;
    double valueFromText(const QString& text) const override;
    QValidator::State validate(QString& text, int& position) const override;

private:
    double smallestPositive_;
};

} // namespace vae
