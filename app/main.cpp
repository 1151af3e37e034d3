#include "app/CommandLine.h"
#include "app/EvalCommand.h"
#include "app/ExportCommand.h"
#include "app/GuiLauncher.h"
#include "app/ImportCommand.h"
#include "app/TrainCommand.h"

#include <QCoreApplication>
#include <QTextStream>

namespace {

const char usage[] = R"(Usage: vae-explorer [--dataset D [--color rgb] [--image-size N]] [--start]
       vae-explorer FILE.vae [--dataset D]
       vae-explorer <command> [options]

A Variational Auto-Encoder trainer and latent-space explorer. Without a command it opens the
window, on D or on the dataset of the last session, or on a saved model and the dataset it
names (or D).

Commands:
  train    Train a VAE headless: vae-explorer train --dataset D --out DIR [settings]
  eval     Test-set ELBO and log p(x) of a checkpoint: vae-explorer eval FILE [--iw-samples K] [--json]
  export   Export one thing from a checkpoint (see export --help):
             export FILE --grid N --out GRID.png             images decoded over two latent axes
             export FILE --point Z1,Z2,... --out IMAGE.png   the image at one latent point
             export FILE --interpolate I,J --out PATH.gif    the path between test images I and J
             export FILE --prior N --out SAMPLES.png         samples from the prior
             export FILE --traversals --out TRAVERSALS.png   each dimension from -3 to +3, most KL first
             export FILE --codes train|test --out CODES.npy  latent codes (.npy or .csv)
             export FILE --weights OUT.pt                    the weights, for Python's torch.load
  import   A checkpoint from weights trained in PyTorch (tools/train_pytorch.py):
             vae-explorer import WEIGHTS.pt --dataset D [the settings they were trained with] --out MODEL.vae

Datasets: a folder of IDX files (MNIST, Fashion-MNIST, KMNIST, EMNIST) or of CIFAR-10/100
binary batches, IDX or .npy files, a Keras .npz archive, an image folder with one subfolder per
class (read with --color grey|rgb, --image-size N, --background COLOUR), or builtin:shapes.
Run 'vae-explorer <command> --help' for a command's options.
)";

bool isHeadlessCommand(const QString& command)
{
    return command == QLatin1String("train") || command == QLatin1String("eval") ||
        command == QLatin1String("export") || command == QLatin1String("import");
}

// Words that are not options are commands, except a saved model to open; anything else (no
// argument, or options only) is for the window.
bool wantsWindow(const QString& firstArgument)
{
    return firstArgument.isEmpty() || firstArgument.endsWith(QLatin1String(".vae")) ||
        (firstArgument.startsWith(QLatin1Char('-')) && firstArgument != QLatin1String("--help") &&
         firstArgument != QLatin1String("-h"));
}

// The headless commands keep a QCoreApplication, so they run without a display.
int runHeadless(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("vae-explorer"));
    QCoreApplication::setApplicationVersion(QStringLiteral(VAE_EXPLORER_VERSION));
    QStringList arguments = QCoreApplication::arguments();
    const QString command = arguments.value(1);
    if (isHeadlessCommand(command)) {
        arguments.removeAt(1);
        if (command == QLatin1String("train"))
            return vae::runTrainCommand(arguments);
        if (command == QLatin1String("eval"))
            return vae::runEvalCommand(arguments);
        if (command == QLatin1String("export"))
            return vae::runExportCommand(arguments);
        return vae::runImportCommand(arguments);
    }
    if (command == QLatin1String("--help") || command == QLatin1String("-h")) {
        QTextStream(stdout) << usage;
        return vae::ExitOk;
    }
    vae::printError(QStringLiteral("unknown command '%1'\n%2").arg(command, QString::fromLatin1(usage)));
    return vae::ExitBadInput;
}

} // namespace

int main(int argc, char* argv[])
{
    if (wantsWindow(argc > 1 ? QString::fromLocal8Bit(argv[1]) : QString()))
        return vae::runGui(argc, argv);
    return runHeadless(argc, argv);
}
