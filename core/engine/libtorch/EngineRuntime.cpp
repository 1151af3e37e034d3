#include "core/engine/EngineRuntime.h"

#include <torch/torch.h>
#include <torch/version.h>

#include <QFile>
#include <QRegularExpression>

namespace vae {

QString torchVersion()
{
    return QStringLiteral(TORCH_VERSION);
}

void setComputeThreads(int threads)
{
    if (at::get_num_threads() != threads)
        at::set_num_threads(threads);
}

int computeThreads()
{
    return at::get_num_threads();
}

BlasInfo detectBlas()
{
    QFile maps(QStringLiteral("/proc/self/maps"));
    BlasInfo info;
    if (!maps.open(QIODevice::ReadOnly))
        return info;
    static const QRegularExpression blasLibrary(QStringLiteral("(\\S*(?:openblas|libblas|libmkl|blis)\\S*\\.so\\S*)"));
    const QString text = QString::fromLocal8Bit(maps.readAll());
    const QRegularExpressionMatch match = blasLibrary.match(text);
    if (!match.hasMatch())
        return info;
    info.library = match.captured(1);
    info.isReference = info.library.contains(QLatin1String("/blas/"));
    return info;
}

QString slowBlasWarning(const BlasInfo& blas)
{
    if (!blas.isReference)
        return {};
    return QStringLiteral("LibTorch is using the reference BLAS (%1): training runs about 13 times slower. "
                          "Install libopenblas0-openmp.")
        .arg(blas.library);
}

} // namespace vae
