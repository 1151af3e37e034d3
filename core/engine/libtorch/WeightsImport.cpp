#include "core/data/ErrorText.h"
#include "core/data/FileError.h"
#include "core/engine/libtorch/TrainerState.h"

#include <QFile>
#include <QStringList>

#include <map>

namespace vae {
namespace {

QString shapeText(c10::IntArrayRef sizes)
{
    QStringList parts;
    for (const int64_t size : sizes)
        parts << QString::number(size);
    return QLatin1Char('[') + parts.join(QStringLiteral(", ")) + QLatin1Char(']');
}

// The named tensors a file holds, as Python's torch.save and export --weights write them.
std::map<std::string, torch::Tensor> namedTensorsIn(const QString& path)
{
    QFile file(path);
    if (!file.exists())
        throw fileError(path, QStringLiteral("no such file"));
    if (!file.open(QIODevice::ReadOnly))
        throw fileError(path, QStringLiteral("cannot read: %1").arg(file.errorString()));
    const QByteArray bytes = file.readAll();
    c10::IValue contents;
    try {
        contents = torch::pickle_load(std::vector<char>(bytes.begin(), bytes.end()));
    } catch (const std::exception& error) {
        // LibTorch 1.13 reads an OrderedDict as None, then fails to fill it.
        if (QString::fromUtf8(error.what()).contains(QLatin1String("Expected GenericDict but got None")))
            throw fileError(path,
                            QStringLiteral("holds an OrderedDict, which LibTorch cannot read: save "
                                           "dict(model.state_dict()) instead"));
        throw fileError(path,
                        QStringLiteral("not a file of tensors that torch.save writes: %1").arg(firstLineOf(error)));
    }
    if (!contents.isGenericDict())
        throw fileError(
            path,
            QStringLiteral("holds a %1, not a dict of named tensors").arg(QString::fromStdString(contents.tagKind())));
    std::map<std::string, torch::Tensor> tensors;
    for (const auto& entry : contents.toGenericDict()) {
        if (!entry.key().isString())
            throw fileError(path, QStringLiteral("a key of its dict is not a name"));
        const std::string& name = entry.key().toStringRef();
        if (!entry.value().isTensor())
            throw fileError(path, QStringLiteral("%1 is not a tensor").arg(QString::fromStdString(name)));
        tensors.emplace(name, entry.value().toTensor());
    }
    return tensors;
}

// Why a tensor cannot be the parameter `name`, or nothing when it can.
std::optional<QString> mismatch(const QString& name, const torch::Tensor& given, const torch::Tensor& needed)
{
    if (given.sizes() != needed.sizes())
        return QStringLiteral("%1 has shape %2, the architecture needs %3")
            .arg(name, shapeText(given.sizes()), shapeText(needed.sizes()));
    if (!given.is_floating_point())
        return QStringLiteral("%1 holds %2 values, not floating-point ones")
            .arg(name, QString::fromStdString(std::string(c10::toString(given.scalar_type()))));
    if (!torch::isfinite(given).all().item<bool>())
        return QStringLiteral("%1 holds values that are not finite").arg(name);
    return std::nullopt;
}

} // namespace

void Trainer::importWeights(const QString& path)
{
    const std::map<std::string, torch::Tensor> given = namedTensorsIn(path);
    auto parameters = impl_->network->named_parameters();
    for (const auto& [name, tensor] : given)
        if (!parameters.contains(name))
            throw fileError(path,
                            QStringLiteral("%1 is not a weight of this architecture%2")
                                .arg(QString::fromStdString(name),
                                     name.rfind("module.", 0) == 0
                                         ? QStringLiteral(" (a DistributedDataParallel state_dict: save its .module's)")
                                         : QString()));
    for (const auto& parameter : parameters) {
        const QString name = QString::fromStdString(parameter.key());
        const auto found = given.find(parameter.key());
        if (found == given.end())
            throw fileError(path,
                            QStringLiteral("has no %1, which the architecture needs with shape %2")
                                .arg(name, shapeText(parameter.value().sizes())));
        if (const std::optional<QString> problem = mismatch(name, found->second, parameter.value()))
            throw fileError(path, *problem);
    }
    // All checked before anything changes, so a refused file leaves the model as it was.
    torch::NoGradGuard noGrad;
    for (auto& parameter : parameters)
        parameter.value().copy_(given.at(parameter.key()));
}

} // namespace vae
