#pragma once

#include "core/engine/GradientVariance.h"
#include "core/engine/LikelihoodEstimate.h"
#include "core/engine/Trainer.h"

#include <QJsonObject>

#include <optional>
#include <vector>

namespace vae {

// Everything `eval` measured of a checkpoint, in nats per image.
struct EvalFigures {
    Evaluation evaluation;
    int latentDim = 0;
    std::vector<double> klPerDimension;
    int activeUnits = 0;
    std::optional<LikelihoodEstimate> importanceSampled;
    int importanceSamples = 0;
    std::optional<LikelihoodEstimate> quadrature;
    std::vector<GradientVariance> gradientVariance;
    int gradientImages = 0;
    int gradientDraws = 0;
};

// The ELBO less the entropy of N(0, I): E_q[log p(x, z)] + (1/2) sum log sigma^2, which is
// E_q[log p(x, z)] itself where q's variances are 1.
double jointLogLikelihood(const EvalFigures& figures);

QJsonObject evalJson(const EvalFigures& figures, const Trainer& trainer);
void printEvalText(const EvalFigures& figures, const Trainer& trainer);

} // namespace vae
