#include "CommandLine.h"
#include "EvalCommand.h"
#include "ExportCommand.h"
#include "TrainCommand.h"

#include <QCoreApplication>
#include <QTextStream>

namespace {

const char usage[] = R"(Usage: vae-explorer <command> [options]

A Variational Auto-Encoder trainer and latent-space explorer.

Commands:
  train    Train a VAE headless: vae-explorer train --dataset D --out DIR [settings]
  eval     Test-set ELBO of a checkpoint: vae-explorer eval FILE [--dataset D] [--json]
  export   Export a checkpoint: vae-explorer export FILE --weights OUT.pt

Datasets: a folder of IDX files (MNIST, Fashion-MNIST, KMNIST, EMNIST), IDX or .npy files,
an image folder with one subfolder per class, or builtin:shapes.
Run 'vae-explorer <command> --help' for a command's options.
)";

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("vae-explorer"));
    QCoreApplication::setApplicationVersion(QStringLiteral(VAE_EXPLORER_VERSION));
    QStringList arguments = QCoreApplication::arguments();
    const QString command = arguments.value(1);
    if (command == QLatin1String("train") || command == QLatin1String("eval") || command == QLatin1String("export")) {
        arguments.removeAt(1);
        if (command == QLatin1String("train"))
            return vae::runTrainCommand(arguments);
        if (command == QLatin1String("eval"))
            return vae::runEvalCommand(arguments);
        return vae::runExportCommand(arguments);
    }
    if (command.isEmpty() || command == QLatin1String("--help") || command == QLatin1String("-h")) {
        QTextStream(stdout) << usage;
        return vae::ExitOk;
    }
    vae::printError(QStringLiteral("unknown command '%1'\n%2").arg(command, QString::fromLatin1(usage)));
    return vae::ExitBadInput;
}
