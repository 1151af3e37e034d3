#pragma once

#include <QVector>

namespace vae {

// A debiased exponential moving average, as TensorBoard draws it: weight 0 returns the raw
// values, weight near 1 a slowly moving trend, and the first points are not pulled towards 0.
class ExponentialSmoother {
public:
    explicit ExponentialSmoother(double weight = 0.0)
        : weight_(weight)
    {
    }

    double add(double value);

private:
    double weight_;
    double average_ = 0.0;
    double unbiasing_ = 1.0; // weight^n after n values
};

QVector<double> smoothed(const QVector<double>& values, double weight);

} // namespace vae
