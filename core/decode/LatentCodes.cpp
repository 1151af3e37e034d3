#include "core/decode/LatentCodes.h"

#include "core/files/AtomicFile.h"
#include "core/files/NpyWriter.h"

#include <QTextStream>

#include <algorithm>
#include <cmath>

namespace vae {
namespace {

constexpr int encodeBatch = 1000;

} // namespace

LatentCodes encodeImageSet(const ModelSnapshot& model, const ImageSet& images, const EncodeProgress& progress)
{
    LatentCodes codes;
    codes.count = images.count();
    codes.latentDim = model.latentDim();
    codes.labels = images.labels;
    codes.means.reserve(std::size_t(codes.count) * std::size_t(codes.latentDim));
    codes.logVariances.reserve(codes.means.capacity());
    std::vector<float> means, logVariances;
    for (int first = 0; first < codes.count; first += encodeBatch) {
        const int batch = std::min(encodeBatch, codes.count - first);
        model.encode(images.image(first), batch, means, logVariances);
        codes.means.insert(codes.means.end(), means.begin(), means.end());
        codes.logVariances.insert(codes.logVariances.end(), logVariances.begin(), logVariances.end());
        if (progress)
            progress(first + batch, codes.count);
    }
    return codes;
}

std::vector<double> klPerDimension(const LatentCodes& codes)
{
    std::vector<double> kl(std::size_t(codes.latentDim), 0.0);
    for (std::size_t i = 0; i < codes.means.size(); ++i) {
        const double mean = codes.means[i];
        const double logVariance = codes.logVariances[i];
        kl[i % std::size_t(codes.latentDim)] += -0.5 * (1.0 + logVariance - mean * mean - std::exp(logVariance));
    }
    for (double& value : kl)
        value /= std::max(1, codes.count);
    return kl;
}

std::vector<double> posteriorMeanVariances(const LatentCodes& codes)
{
    const std::size_t dims = std::size_t(codes.latentDim);
    std::vector<double> sums(dims, 0.0);
    for (std::size_t i = 0; i < codes.means.size(); ++i)
        sums[i % dims] += codes.means[i];
    std::vector<double> variances(dims, 0.0);
    if (codes.count < 2)
        return variances;
    for (std::size_t i = 0; i < codes.means.size(); ++i) {
        const double deviation = codes.means[i] - sums[i % dims] / codes.count;
        variances[i % dims] += deviation * deviation;
    }
    for (double& variance : variances)
        variance /= codes.count - 1;
    return variances;
}

int activeUnits(const LatentCodes& codes, double threshold)
{
    return activeUnits(posteriorMeanVariances(codes), threshold);
}

int activeUnits(const std::vector<double>& posteriorMeanVariances, double threshold)
{
    return int(std::count_if(posteriorMeanVariances.begin(), posteriorMeanVariances.end(),
                             [threshold](double v) { return v > threshold; }));
}

bool posteriorCollapsed(int activeUnits, int latentDim, double totalKl)
{
    return latentDim > 0 && (2 * activeUnits < latentDim || totalKl < collapsedTotalKl);
}

void writeLatentCodesCsv(const QString& path, const LatentCodes& codes)
{
    QByteArray bytes;
    QTextStream out(&bytes);
    out.setRealNumberPrecision(9);
    out << "index,label";
    for (int d = 0; d < codes.latentDim; ++d)
        out << ",mean_" << d;
    for (int d = 0; d < codes.latentDim; ++d)
        out << ",log_variance_" << d;
    out << '\n';
    for (int n = 0; n < codes.count; ++n) {
        out << n << ',';
        if (!codes.labels.empty())
            out << codes.labels[std::size_t(n)];
        const std::size_t row = std::size_t(n) * std::size_t(codes.latentDim);
        for (int d = 0; d < codes.latentDim; ++d)
            out << ',' << codes.means[row + std::size_t(d)];
        for (int d = 0; d < codes.latentDim; ++d)
            out << ',' << codes.logVariances[row + std::size_t(d)];
        out << '\n';
    }
    out.flush();
    writeFileAtomically(path, bytes);
}

QStringList writeLatentCodesNpy(const QString& path, const LatentCodes& codes)
{
    std::vector<float> stacked;
    stacked.reserve(codes.means.size() * 2);
    for (int n = 0; n < codes.count; ++n) {
        const std::size_t row = std::size_t(n) * std::size_t(codes.latentDim);
        stacked.insert(stacked.end(), codes.means.begin() + std::ptrdiff_t(row),
                       codes.means.begin() + std::ptrdiff_t(row + std::size_t(codes.latentDim)));
        stacked.insert(stacked.end(), codes.logVariances.begin() + std::ptrdiff_t(row),
                       codes.logVariances.begin() + std::ptrdiff_t(row + std::size_t(codes.latentDim)));
    }
    const QByteArray values = npyBytes(stacked, {codes.count, 2, codes.latentDim});
    QStringList written{path};
    if (codes.labels.empty()) {
        writeFileAtomically(path, values);
        return written;
    }
    QString labelsPath = path;
    labelsPath.insert(path.endsWith(QLatin1String(".npy")) ? path.size() - 4 : path.size(), QLatin1String("_labels"));
    const QByteArray labels =
        npyBytes(std::vector<std::int64_t>(codes.labels.begin(), codes.labels.end()), {codes.count});
    writeFileAtomically(path, values);
    writeFileAtomically(labelsPath, labels);
    return written << labelsPath;
}

} // namespace vae
