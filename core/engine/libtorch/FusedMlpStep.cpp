#include "core/engine/libtorch/FusedMlpStep.h"

#include "core/engine/libtorch/ParallelFor.h"

#include <algorithm>

namespace vae {

struct FusedMlpStep::Buffers {
    int64_t batch = 0;
    std::vector<torch::Tensor> encoderOutputs;   // after the activation, [B, h]
    std::vector<torch::Tensor> encoderGradients; // d loss / d encoder output, then / d pre-activation
    torch::Tensor mean, logVariance, standardDeviation, eps, z;
    torch::Tensor meanGradient, logVarianceGradient, zGradient;
    std::vector<torch::Tensor> decoderOutputs;
    std::vector<torch::Tensor> decoderGradients;
    torch::Tensor logits;             // becomes d loss / d logits in place
    torch::Tensor expNegAbs;          // exp(-|logit|)
    torch::Tensor logTerms;           // log1p(exp(-|logit|)), then each pixel's log-likelihood
    torch::Tensor reconstructionRows; // [B]
};

bool FusedMlpStep::supports(const TrainingConfig& config)
{
    return config.objective == TrainingObjective::Elbo && config.architecture == Architecture::Mlp &&
        config.likelihood == Likelihood::Bernoulli && config.estimator == Estimator::Analytic && config.samples == 1;
}

FusedMlpStep::FusedMlpStep(MlpLayers layers)
    : layers_(std::move(layers))
{
    auto allocateGradients = [](const torch::nn::Linear& layer) {
        for (const torch::Tensor& parameter : {layer->weight, layer->bias})
            if (!parameter.grad().defined())
                parameter.mutable_grad() = torch::zeros_like(parameter);
    };
    for (const auto& layer : layers_.encoder)
        allocateGradients(layer);
    for (const auto& layer : layers_.decoder)
        allocateGradients(layer);
    for (const auto& layer : {layers_.posteriorMean, layers_.posteriorLogVariance, layers_.output})
        allocateGradients(layer);
}

FusedMlpStep::~FusedMlpStep() = default;

FusedMlpStep::Buffers& FusedMlpStep::buffersFor(int64_t batch)
{
    for (auto& buffers : buffers_)
        if (buffers->batch == batch)
            return *buffers;
    auto buffers = std::make_unique<Buffers>();
    buffers->batch = batch;
    auto matrix = [batch](int64_t columns) { return torch::empty({batch, columns}); };
    for (const auto& layer : layers_.encoder) {
        buffers->encoderOutputs.push_back(matrix(layer->weight.size(0)));
        buffers->encoderGradients.push_back(matrix(layer->weight.size(0)));
    }
    const int64_t latent = layers_.posteriorMean->weight.size(0);
    for (torch::Tensor* latentBuffer :
         {&buffers->mean, &buffers->logVariance, &buffers->standardDeviation, &buffers->eps, &buffers->z,
          &buffers->meanGradient, &buffers->logVarianceGradient, &buffers->zGradient})
        *latentBuffer = matrix(latent);
    for (const auto& layer : layers_.decoder) {
        buffers->decoderOutputs.push_back(matrix(layer->weight.size(0)));
        buffers->decoderGradients.push_back(matrix(layer->weight.size(0)));
    }
    const int64_t pixels = layers_.output->weight.size(0);
    buffers->logits = matrix(pixels);
    buffers->expNegAbs = matrix(pixels);
    buffers->logTerms = matrix(pixels);
    buffers->reconstructionRows = torch::empty({batch});
    buffers_.push_back(std::move(buffers));
    return *buffers_.back();
}

void FusedMlpStep::activate(torch::Tensor& values) const
{
    if (layers_.activation == Activation::Tanh)
        values.tanh_();
    else
        values.relu_();
}

void FusedMlpStep::backActivate(torch::Tensor& gradient, const torch::Tensor& output) const
{
    if (layers_.activation == Activation::Tanh)
        at::tanh_backward_out(gradient, gradient, output);
    else
        at::threshold_backward_out(gradient, gradient, output, 0);
}

namespace {

// log p(x|z) per pixel for Bernoulli logits l and targets t, and the loss gradient in place of the
// logits:  t l - softplus(l)  and  (sigmoid(l) - t) / B, using e = exp(-|l|) and log1p(e) made by
// vectorised ATen kernels beforehand.
void bernoulliTermsAndGradient(torch::Tensor& logits, const torch::Tensor& targets, const torch::Tensor& expNegAbs,
                               torch::Tensor& logTerms)
{
    const int64_t rows = logits.size(0);
    const int64_t columns = logits.size(1);
    const float inverseBatch = 1.0f / float(rows);
    float* logit = logits.data_ptr<float>();
    float* logTerm = logTerms.data_ptr<float>();
    const float* target = targets.data_ptr<float>();
    const float* e = expNegAbs.data_ptr<float>();
    parallelFor(0, rows, std::max<int64_t>(1, 16384 / columns), [&](int64_t begin, int64_t end) {
        for (int64_t i = begin * columns; i < end * columns; ++i) {
            const float l = logit[i];
            const float t = target[i];
            logTerm[i] = t * l - (std::max(l, 0.0f) + logTerm[i]);
            const float sigmoid = (l >= 0.0f ? 1.0f : e[i]) / (1.0f + e[i]);
            logit[i] = (sigmoid - t) * inverseBatch;
        }
    });
}

void linearForward(torch::Tensor& output, const torch::nn::Linear& layer, const torch::Tensor& input)
{
    at::addmm_out(output, layer->bias, input, layer->weight.t());
}

// Weight and bias gradients of `layer` given d loss / d its output and its input.
void linearParameterGradients(const torch::nn::Linear& layer, const torch::Tensor& outputGradient,
                              const torch::Tensor& input)
{
    at::mm_out(layer->weight.mutable_grad(), outputGradient.t(), input);
    at::sum_out(layer->bias.mutable_grad(), outputGradient, {0});
}

} // namespace

BatchTerms FusedMlpStep::compute(const torch::Tensor& images, const torch::Tensor& targets, double klWeight,
                                 torch::Generator& generator)
{
    torch::NoGradGuard noGrad;
    const int64_t batch = images.size(0);
    Buffers& b = buffersFor(batch);

    const torch::Tensor* input = &images;
    for (std::size_t i = 0; i < layers_.encoder.size(); ++i) {
        linearForward(b.encoderOutputs[i], layers_.encoder[i], *input);
        activate(b.encoderOutputs[i]);
        input = &b.encoderOutputs[i];
    }
    const torch::Tensor& encoded = *input;
    linearForward(b.mean, layers_.posteriorMean, encoded);
    linearForward(b.logVariance, layers_.posteriorLogVariance, encoded);
    b.standardDeviation.copy_(b.logVariance).mul_(0.5).exp_();
    b.eps.normal_(0.0, 1.0, generator); // the same draws as reparameterise() with one sample
    at::addcmul_out(b.z, b.mean, b.standardDeviation, b.eps);

    input = &b.z;
    for (std::size_t i = 0; i < layers_.decoder.size(); ++i) {
        linearForward(b.decoderOutputs[i], layers_.decoder[i], *input);
        activate(b.decoderOutputs[i]);
        input = &b.decoderOutputs[i];
    }
    const torch::Tensor& decoded = *input;
    linearForward(b.logits, layers_.output, decoded);

    at::abs_out(b.expNegAbs, b.logits);
    b.expNegAbs.neg_().exp_();
    at::log1p_out(b.logTerms, b.expNegAbs);
    bernoulliTermsAndGradient(b.logits, targets, b.expNegAbs, b.logTerms);
    at::sum_out(b.reconstructionRows, b.logTerms, {1});
    const torch::Tensor variance = b.standardDeviation.square();
    const torch::Tensor klRows = -0.5 * (1 + b.logVariance - b.mean.square() - variance).sum(1);

    // Backward through the decoder; b.logits now holds d loss / d logits.
    linearParameterGradients(layers_.output, b.logits, decoded);
    const std::size_t decoderLayers = layers_.decoder.size();
    at::mm_out(b.decoderGradients[decoderLayers - 1], b.logits, layers_.output->weight);
    for (std::size_t i = decoderLayers; i-- > 0;) {
        backActivate(b.decoderGradients[i], b.decoderOutputs[i]);
        const torch::Tensor& layerInput = i == 0 ? b.z : b.decoderOutputs[i - 1];
        linearParameterGradients(layers_.decoder[i], b.decoderGradients[i], layerInput);
        at::mm_out(i == 0 ? b.zGradient : b.decoderGradients[i - 1], b.decoderGradients[i], layers_.decoder[i]->weight);
    }

    // Through z = mean + sigma * eps and the analytic KL's weight / B.
    const double klScale = klWeight / double(batch);
    at::add_out(b.meanGradient, b.zGradient, b.mean, klScale);
    at::mul_out(b.logVarianceGradient, b.zGradient, b.eps);
    b.logVarianceGradient.mul_(b.standardDeviation).mul_(0.5).add_(variance - 1, 0.5 * klScale);

    // Backward through the encoder. The images need no gradient.
    linearParameterGradients(layers_.posteriorMean, b.meanGradient, encoded);
    linearParameterGradients(layers_.posteriorLogVariance, b.logVarianceGradient, encoded);
    const std::size_t encoderLayers = layers_.encoder.size();
    torch::Tensor& encodedGradient = b.encoderGradients[encoderLayers - 1];
    at::mm_out(encodedGradient, b.meanGradient, layers_.posteriorMean->weight);
    encodedGradient.addmm_(b.logVarianceGradient, layers_.posteriorLogVariance->weight);
    for (std::size_t i = encoderLayers; i-- > 0;) {
        backActivate(b.encoderGradients[i], b.encoderOutputs[i]);
        const torch::Tensor& layerInput = i == 0 ? images : b.encoderOutputs[i - 1];
        linearParameterGradients(layers_.encoder[i], b.encoderGradients[i], layerInput);
        if (i > 0)
            at::mm_out(b.encoderGradients[i - 1], b.encoderGradients[i], layers_.encoder[i]->weight);
    }
    return {b.reconstructionRows.mean().item<float>(), klRows.mean().item<float>()};
}

} // namespace vae
