#include "app/EvalReport.h"

#include <QJsonArray>
#include <QTextStream>

namespace vae {
namespace {

// (1 + ln 2 pi) / 2: the entropy of a unit normal, per dimension.
constexpr double unitNormalEntropy = 1.41893853320467274178;

QJsonArray toJsonArray(const std::vector<double>& values)
{
    QJsonArray array;
    for (double value : values)
        array.append(value);
    return array;
}

QJsonObject gradientVarianceJson(const EvalFigures& figures)
{
    QJsonObject estimators;
    for (const GradientVariance& row : figures.gradientVariance) {
        const QString name = QString::fromLatin1(toString(row.estimator));
        QJsonArray rows = estimators.value(name).toArray();
        rows.append(QJsonObject{{QStringLiteral("samples"), row.samples},
                                {QStringLiteral("variance"), row.variance},
                                {QStringLiteral("relative_variance"), row.relativeVariance}});
        estimators.insert(name, rows);
    }
    return QJsonObject{{QStringLiteral("images"), figures.gradientImages},
                       {QStringLiteral("draws"), figures.gradientDraws},
                       {QStringLiteral("estimators"), estimators}};
}

} // namespace

double jointLogLikelihood(const EvalFigures& figures)
{
    return figures.evaluation.elbo - figures.latentDim * unitNormalEntropy;
}

QJsonObject evalJson(const EvalFigures& figures, const Trainer& trainer)
{
    QJsonObject json{
        {QStringLiteral("elbo"), figures.evaluation.elbo},
        {QStringLiteral("reconstruction"), figures.evaluation.reconstruction},
        {QStringLiteral("kl"), figures.evaluation.kl},
        {QStringLiteral("bits_per_dim"), figures.evaluation.bitsPerDim},
        {QStringLiteral("images"), figures.evaluation.images},
        {QStringLiteral("dataset"), trainer.dataset().source},
        {QStringLiteral("epochs"), trainer.completedEpochs()},
        {QStringLiteral("estimator"), toString(trainer.config().estimator)},
        {QStringLiteral("samples"), trainer.config().samples},
        {QStringLiteral("objective"), toString(trainer.config().objective)},
        {QStringLiteral("kl_per_dimension"), toJsonArray(figures.klPerDimension)},
        {QStringLiteral("active_units"), figures.activeUnits},
        {QStringLiteral("joint_log_likelihood"), jointLogLikelihood(figures)},
    };
    if (figures.importanceSampled) {
        json.insert(QStringLiteral("log_likelihood"), figures.importanceSampled->mean);
        json.insert(QStringLiteral("log_likelihood_standard_error"), figures.importanceSampled->standardError);
        json.insert(QStringLiteral("iw_samples"), figures.importanceSamples);
        json.insert(QStringLiteral("elbo_gap"), figures.importanceSampled->mean - figures.evaluation.elbo);
    }
    if (figures.quadrature) {
        json.insert(QStringLiteral("quadrature_log_likelihood"), figures.quadrature->mean);
        json.insert(QStringLiteral("quadrature_standard_error"), figures.quadrature->standardError);
    }
    if (!figures.gradientVariance.empty())
        json.insert(QStringLiteral("gradient_variance"), gradientVarianceJson(figures));
    return json;
}

void printEvalText(const EvalFigures& figures, const Trainer& trainer)
{
    QTextStream out(stdout);
    out << QStringLiteral("test set of %1 (%2 images), nats per image:\n")
               .arg(trainer.dataset().source)
               .arg(figures.evaluation.images)
        << QStringLiteral("  elbo           %1\n").arg(figures.evaluation.elbo, 0, 'f', 3)
        << QStringLiteral("  reconstruction %1\n").arg(figures.evaluation.reconstruction, 0, 'f', 3)
        << QStringLiteral("  kl             %1\n").arg(figures.evaluation.kl, 0, 'f', 3)
        << QStringLiteral("  bits/dim       %1\n").arg(figures.evaluation.bitsPerDim, 0, 'f', 4)
        << QStringLiteral("  active units   %1 of %2\n").arg(figures.activeUnits).arg(figures.latentDim);
    if (figures.importanceSampled)
        out << QStringLiteral("  log p(x)       %1 +- %2 (importance sampled, K = %3; elbo gap %4)\n")
                   .arg(figures.importanceSampled->mean, 0, 'f', 3)
                   .arg(figures.importanceSampled->standardError, 0, 'f', 3)
                   .arg(figures.importanceSamples)
                   .arg(figures.importanceSampled->mean - figures.evaluation.elbo, 0, 'f', 3);
    if (figures.quadrature)
        out << QStringLiteral("  log p(x)       %1 +- %2 (quadrature)\n")
                   .arg(figures.quadrature->mean, 0, 'f', 3)
                   .arg(figures.quadrature->standardError, 0, 'f', 3);
    if (!figures.gradientVariance.empty()) {
        out << QStringLiteral("  encoder gradient variance over %1 draws on %2 images (mean over parameters; "
                              "relative to the squared mean gradient):\n")
                   .arg(figures.gradientDraws)
                   .arg(figures.gradientImages);
        for (const GradientVariance& row : figures.gradientVariance)
            out << QStringLiteral("    %1 L = %2: %3 (relative %4)\n")
                       .arg(QString::fromLatin1(toString(row.estimator)), -14)
                       .arg(row.samples, 2)
                       .arg(row.variance, 0, 'g', 4)
                       .arg(row.relativeVariance, 0, 'g', 4);
    }
}

} // namespace vae
