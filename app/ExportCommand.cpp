#include "ExportCommand.h"

#include "CommandLine.h"
#include "core/InputError.h"
#include "core/Trainer.h"

#include <QTextStream>

namespace vae {

int runExportCommand(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Exports what a checkpoint holds."));
    parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("A .vae checkpoint."));
    parser.addOption({QStringLiteral("weights"), QStringLiteral("Write the weights as a dict of named tensors for Python's torch.load."), QStringLiteral("OUT.pt")});
    parser.addOption({QStringLiteral("dataset"), QStringLiteral("Use this dataset instead of the checkpoint's."), QStringLiteral("D")});
    int exitCode = ExitOk;
    if (!parseCommandLine(parser, arguments, exitCode))
        return exitCode;
    if (parser.positionalArguments().size() != 1) {
        printError(QStringLiteral("export: give exactly one checkpoint FILE (see export --help)"));
        return ExitBadInput;
    }
    return runGuarded([&parser] {
        if (!parser.isSet(QStringLiteral("weights")))
            throw InputError("export: say what to export, e.g. --weights OUT.pt");
        const QString path = parser.positionalArguments().constFirst();
        auto trainer = Trainer::fromCheckpoint(path, loadCheckpointDataset(path, parser.value(QStringLiteral("dataset"))));
        const QString weights = parser.value(QStringLiteral("weights"));
        trainer->exportWeights(weights);
        QTextStream(stderr) << "wrote " << weights << '\n';
        return int(ExitOk);
    });
}

} // namespace vae
