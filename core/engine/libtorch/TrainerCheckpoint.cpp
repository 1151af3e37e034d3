#include "core/data/DatasetLoader.h"
#include "core/data/ErrorText.h"
#include "core/data/FileError.h"
#include "core/data/InputError.h"
#include "core/engine/libtorch/TrainerState.h"
#include "core/files/AtomicFile.h"
#include "core/files/CheckpointFile.h"
#include "core/run/ConvLayout.h"

#include <QFile>
#include <QJsonArray>

#include <sstream>

namespace vae {
namespace {

// 2: `--arch conv` has more than two stages for images whose feature map would stay larger than 7x7.
constexpr int checkpointEngineVersion = 2;

// Version 1 files still load where the network they describe is unchanged.
bool layoutUnchangedSinceVersion1(const TrainingConfig& config, int height, int width)
{
    return config.architecture != Architecture::Conv || convLayoutFor(height, width).channels.size() == 2;
}

QJsonObject progressToJson(const TrainerState& d)
{
    return QJsonObject{
        {QStringLiteral("completed_epochs"), d.completedEpochs},
        {QStringLiteral("completed_steps"), QString::number(d.completedSteps)},
        {QStringLiteral("position"), QString::number(d.position)},
        {QStringLiteral("epoch_end_pending"), d.epochEndPending},
        {QStringLiteral("epoch_elbo_sum"), d.epoch.elbo},
        {QStringLiteral("epoch_reconstruction_sum"), d.epoch.reconstruction},
        {QStringLiteral("epoch_kl_sum"), d.epoch.kl},
        {QStringLiteral("epoch_steps"), d.epoch.steps},
        {QStringLiteral("epoch_images"), QString::number(d.epoch.images)},
        {QStringLiteral("epoch_train_seconds"), d.epoch.trainSeconds},
    };
}

void progressFromJson(const QJsonObject& json, TrainerState& d)
{
    d.completedEpochs = json.value(QStringLiteral("completed_epochs")).toInt();
    d.completedSteps = json.value(QStringLiteral("completed_steps")).toString().toLongLong();
    d.position = json.value(QStringLiteral("position")).toString().toLongLong();
    d.epochEndPending = json.value(QStringLiteral("epoch_end_pending")).toBool();
    d.epoch.elbo = json.value(QStringLiteral("epoch_elbo_sum")).toDouble();
    d.epoch.reconstruction = json.value(QStringLiteral("epoch_reconstruction_sum")).toDouble();
    d.epoch.kl = json.value(QStringLiteral("epoch_kl_sum")).toDouble();
    d.epoch.steps = json.value(QStringLiteral("epoch_steps")).toInt();
    d.epoch.images = json.value(QStringLiteral("epoch_images")).toString().toLongLong();
    d.epoch.trainSeconds = json.value(QStringLiteral("epoch_train_seconds")).toDouble();
}

QJsonObject datasetToJson(const Dataset& dataset)
{
    return QJsonObject{
        {QStringLiteral("source"), dataset.source},
        {QStringLiteral("name"), dataset.name},
        {QStringLiteral("shape"), QJsonArray{dataset.channels(), dataset.height(), dataset.width()}},
        {QStringLiteral("classes"), QJsonArray::fromStringList(dataset.classNames)},
        {QStringLiteral("options"), dataset.options.toJson()},
    };
}

QByteArray serialiseTensors(TrainerState& d)
{
    torch::serialize::OutputArchive archive;
    torch::serialize::OutputArchive model;
    d.network->save(model);
    archive.write("model", model);
    torch::serialize::OutputArchive optimizer;
    d.optimizer->save(optimizer);
    archive.write("optimizer", optimizer);
    archive.write("generator_state", d.generator.get_state());
    archive.write("permutation", d.permutation.defined() ? d.permutation : torch::empty({0}, torch::kLong));
    std::ostringstream stream;
    archive.save_to(stream);
    const std::string bytes = stream.str();
    return QByteArray(bytes.data(), qsizetype(bytes.size()));
}

void restoreTensors(const QByteArray& bytes, TrainerState& d)
{
    torch::serialize::InputArchive archive;
    archive.load_from(bytes.constData(), std::size_t(bytes.size()));
    torch::serialize::InputArchive model;
    archive.read("model", model);
    d.network->load(model);
    torch::serialize::InputArchive optimizer;
    archive.read("optimizer", optimizer);
    d.optimizer->load(optimizer);
    torch::Tensor generatorState;
    archive.read("generator_state", generatorState);
    d.generator.set_state(generatorState);
    torch::Tensor permutation;
    archive.read("permutation", permutation);
    d.permutation = permutation.numel() > 0 ? permutation : torch::Tensor();
}

} // namespace

void Trainer::saveCheckpoint(const QString& path, const QJsonObject& view) const
{
    TrainerState& d = *impl_;
    CheckpointContents contents;
    contents.meta = QJsonObject{
        {QStringLiteral("engine_version"), checkpointEngineVersion},
        {QStringLiteral("config"), d.config.toJson()},
        {QStringLiteral("dataset"), datasetToJson(*d.dataset)},
        {QStringLiteral("progress"), progressToJson(d)},
    };
    contents.history = d.history;
    contents.tensors = serialiseTensors(d);
    contents.view = view;
    writeCheckpointFile(path, contents);
}

std::unique_ptr<Trainer> Trainer::fromCheckpoint(const QString& path, std::shared_ptr<const Dataset> dataset)
{
    const CheckpointContents contents = readCheckpointFile(path);
    const int engineVersion = contents.meta.value(QStringLiteral("engine_version")).toInt();
    if (engineVersion != checkpointEngineVersion && engineVersion != 1)
        throw InputError(QStringLiteral("%1: made by an incompatible version of vae-explorer").arg(path).toStdString());
    TrainingConfig config;
    try {
        config = TrainingConfig::fromJson(contents.meta.value(QStringLiteral("config")).toObject());
    } catch (const InputError& error) {
        throw InputError(QStringLiteral("%1: %2").arg(path, QString::fromStdString(error.what())).toStdString());
    }
    const QJsonArray shape =
        contents.meta.value(QStringLiteral("dataset")).toObject().value(QStringLiteral("shape")).toArray();
    if (!dataset || shape.size() != 3 || shape[0].toInt() != dataset->channels() ||
        shape[1].toInt() != dataset->height() || shape[2].toInt() != dataset->width())
        throw fileError(path,
                        QStringLiteral("the model was trained on %1x%2x%3 images, dataset '%4' has %5x%6x%7")
                            .arg(shape[0].toInt())
                            .arg(shape[1].toInt())
                            .arg(shape[2].toInt())
                            .arg(dataset ? dataset->source : QString())
                            .arg(dataset ? dataset->channels() : 0)
                            .arg(dataset ? dataset->height() : 0)
                            .arg(dataset ? dataset->width() : 0));
    if (engineVersion == 1 && !layoutUnchangedSinceVersion1(config, dataset->height(), dataset->width()))
        throw fileError(path,
                        QStringLiteral("holds a conv model of two stages for %1x%2 images, made by an older "
                                       "vae-explorer; conv now has %3 stages at this size: train it again")
                            .arg(dataset->height())
                            .arg(dataset->width())
                            .arg(convLayoutFor(dataset->height(), dataset->width()).channels.size()));
    auto impl = std::make_unique<TrainerState>(config, std::move(dataset));
    try {
        restoreTensors(contents.tensors, *impl);
    } catch (const c10::Error& error) {
        throw InputError(QStringLiteral("%1: the stored model does not load: %2")
                             .arg(path, firstLine(error.what_without_backtrace()))
                             .toStdString());
    }
    progressFromJson(contents.meta.value(QStringLiteral("progress")).toObject(), *impl);
    impl->history = contents.history;
    if (impl->position > 0 && (!impl->permutation.defined() || impl->permutation.numel() != impl->train.count()))
        throw fileError(
            path,
            QStringLiteral("stopped mid-epoch on a dataset of another size: dataset '%1' has %2 training images")
                .arg(impl->dataset->source)
                .arg(impl->train.count()));
    return std::unique_ptr<Trainer>(new Trainer(std::move(impl)));
}

void Trainer::exportWeights(const QString& path) const
{
    c10::Dict<std::string, torch::Tensor> weights;
    for (const auto& parameter : impl_->network->named_parameters())
        weights.insert(parameter.key(), parameter.value().detach().clone());
    const std::vector<char> bytes = torch::pickle_save(c10::IValue(weights));
    writeFileAtomically(path, QByteArray(bytes.data(), qsizetype(bytes.size())));
}

std::shared_ptr<const Dataset> loadCheckpointDataset(const QString& checkpointPath, const QString& override,
                                                     const LoadProgress& progress)
{
    const QJsonObject stored = readCheckpointFile(checkpointPath).meta.value(QStringLiteral("dataset")).toObject();
    QString source = override;
    if (source.isEmpty()) {
        source = stored.value(QStringLiteral("source")).toString();
        if (source.isEmpty())
            throw fileError(checkpointPath, QStringLiteral("names no dataset; give one with --dataset"));
    }
    // An image folder given instead is read as the model's own was: it needs the same shape.
    DatasetOptions options;
    try {
        options = DatasetOptions::fromJson(stored.value(QStringLiteral("options")).toObject());
    } catch (const InputError& error) {
        throw fileError(checkpointPath, QStringLiteral("stored dataset options: %1").arg(firstLineOf(error)));
    }
    // The dataset's own message names its file; the checkpoint's name says which run needed it.
    try {
        return std::make_shared<const Dataset>(loadDataset(source, options, progress));
    } catch (const InputError& error) {
        throw fileError(checkpointPath,
                        (override.isEmpty() ? QStringLiteral("the dataset it was trained on does not load (give "
                                                             "another with --dataset): %1")
                                            : QStringLiteral("the dataset given for it does not load: %1"))
                            .arg(firstLineOf(error)));
    }
}

} // namespace vae
