#include "ui/curves/ExponentialSmoothing.h"

namespace vae {

double ExponentialSmoother::add(double value)
{
    average_ = weight_ * average_ + (1.0 - weight_) * value;
    unbiasing_ *= weight_;
    const double correction = 1.0 - unbiasing_;
    return correction > 0.0 ? average_ / correction : value;
}

QVector<double> smoothed(const QVector<double>& values, double weight)
{
    ExponentialSmoother smoother(weight);
    QVector<double> result;
    result.reserve(values.size());
    for (double value : values)
        result.append(smoother.add(value));
    return result;
}

} // namespace vae
