#include "app/ImportCommand.h"

#include "app/CommandLine.h"
#include "app/DatasetFlags.h"
#include "app/TrainingOptions.h"
#include "core/data/DatasetLoader.h"
#include "core/data/InputError.h"
#include "core/engine/Trainer.h"

#include <QDir>
#include <QFileInfo>
#include <QTextStream>

namespace vae {
namespace {

int importWeights(const QCommandLineParser& parser)
{
    if (!parser.isSet(QStringLiteral("dataset")))
        throw InputError("import: --dataset D is required (the data the weights were trained on)");
    const QString out = parser.value(QStringLiteral("out"));
    if (out.isEmpty())
        throw InputError("import: say where with --out MODEL.vae");
    if (!out.endsWith(QLatin1String(".vae")))
        throw InputError(QStringLiteral("--out: %1 is not a .vae file").arg(out).toStdString());
    if (!QFileInfo(out).absoluteDir().exists())
        throw InputError(
            QStringLiteral("%1: the folder %2 does not exist").arg(out, QFileInfo(out).absolutePath()).toStdString());

    // A fresh run of these settings, its weights replaced: the optimiser starts afresh, the history empty.
    const TrainingConfig config = configFromOptions(parser);
    const DatasetOptions options = datasetOptionsFrom(parser);
    const QString spec = parser.value(QStringLiteral("dataset"));
    const std::shared_ptr<const Dataset> dataset = loadShowingProgress([&](const LoadProgress& progress) {
        return std::make_shared<const Dataset>(loadDataset(spec, options, progress));
    });
    Trainer trainer(configForDataset(config, parser, *dataset), dataset);
    trainer.importWeights(parser.positionalArguments().constFirst());
    trainer.saveCheckpoint(out);
    QTextStream(stderr) << "wrote " << out << '\n';
    return int(ExitOk);
}

} // namespace

int runImportCommand(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Makes a checkpoint from weights trained elsewhere: a dict of named tensors, as export --weights and\n"
        "tools/train_pytorch.py write it, checked name by name and shape by shape against the architecture\n"
        "the settings describe (give the ones the weights were trained with)."));
    parser.addPositionalArgument(QStringLiteral("WEIGHTS"), QStringLiteral("A .pt file of named tensors."));
    parser.addOptions(
        QList<QCommandLineOption>{
            {QStringLiteral("dataset"),
             QStringLiteral("The dataset the weights were trained on: a folder, IDX or .npy files, a .npz archive, "
                            "or builtin:shapes."),
             QStringLiteral("D")},
            {QStringLiteral("out"), QStringLiteral("The checkpoint to write."), QStringLiteral("MODEL.vae")},
        } +
        settingOptions() + datasetReadingOptions());
    int exitCode = ExitOk;
    if (!parseCommandLine(parser, arguments, exitCode))
        return exitCode;
    if (parser.positionalArguments().size() != 1) {
        printError(QStringLiteral("import: give exactly one WEIGHTS file (see import --help)"));
        return ExitBadInput;
    }
    return runGuarded([&parser] { return importWeights(parser); });
}

} // namespace vae
