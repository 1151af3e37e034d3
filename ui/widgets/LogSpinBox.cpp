#include "ui/widgets/LogSpinBox.h"

#include <QLocale>
#include <QRegularExpression>

#include <cmath>

namespace vae {
namespace {

// Three steps per decade: 1, 2, 5, 10... is the usual grid; 10^(1/3) lands near it.
const double stepFactor = std::cbrt(10.0);

} // namespace

LogSpinBox::LogSpinBox(double minimum, double smallestPositive, double maximum, QWidget* parent)
    : QDoubleSpinBox(parent)
    , smallestPositive_(smallestPositive)
{
    // Enough decimals that QDoubleSpinBox does not round small values away.
    setDecimals(12);
    setRange(minimum, maximum);
    setKeyboardTracking(false);
}

void LogSpinBox::stepBy(int steps)
{
    double next = value();
    for (int i = 0; i < std::abs(steps); ++i) {
        if (steps > 0)
            next = next <= 0.0 ? smallestPositive_ : next * stepFactor;
        else
            next = next <= smallestPositive_ * 1.0001 ? minimum() : next / stepFactor;
    }
    // Round to three significant figures so stepping shows 2.15e-3, not 2.1544346900318e-3.
    if (next > 0.0) {
        const double scale = std::pow(10.0, std::floor(std::log10(next)) - 2.0);
        next = std::round(next / scale) * scale;
    }
    setValue(next);
}

QString LogSpinBox::textFromValue(double value) const
{
    return QLocale::c().toString(value, 'g', 3);
}

double LogSpinBox::valueFromText(const QString& text) const
{
    return QLocale::c().toDouble(text.trimmed());
}

QValidator::State LogSpinBox::validate(QString& text, int&) const
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return QValidator::Intermediate;
    bool ok = false;
    const double value = QLocale::c().toDouble(trimmed, &ok);
    if (!ok)
        return trimmed.contains(QRegularExpression(QStringLiteral("^[0-9.eE+-]*$"))) ? QValidator::Intermediate
                                                                                     : QValidator::Invalid;
    return value >= minimum() && value <= maximum() ? QValidator::Acceptable : QValidator::Intermediate;
}

} // namespace vae
