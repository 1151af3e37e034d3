#include "app/GuiLauncher.h"

#include "app/CommandLine.h"
#include "app/DatasetFlags.h"
#include "app/TerminationSignals.h"
#include "core/data/DatasetLoader.h"
#include "core/data/InputError.h"
#include "ui/commands/AppSettings.h"
#include "ui/window/MainWindow.h"

#include <QApplication>
#include <QIcon>

#include <optional>

namespace vae {
namespace {

struct LaunchOptions {
    QString model; // a checkpoint to explore, instead of a new model on the dataset
    QString dataset;
    std::optional<DatasetOptions> datasetOptions; // given on the command line, else as last time
    bool start = false;
};

// Parsed before QApplication exists, so --help and mistakes need no display.
bool parseLaunchOptions(int argc, char** argv, LaunchOptions& options, int& exitCode)
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Opens the window: train a VAE and watch it learn."));
    parser.addOptions({
        {QStringLiteral("dataset"),
         QStringLiteral("Open this dataset: a folder, IDX or .npy files, or builtin:shapes (default: the last one)."),
         QStringLiteral("D")},
        {QStringLiteral("start"), QStringLiteral("Start training as soon as the dataset is loaded.")},
    });
    parser.addOptions(datasetReadingOptions());
    parser.addPositionalArgument(
        QStringLiteral("model"),
        QStringLiteral("A saved model (.vae) to open, on the dataset it names unless --dataset is given."),
        QStringLiteral("[FILE.vae]"));
    if (!parseCommandLine(parser, arguments, exitCode))
        return false;
    if (parser.positionalArguments().size() > 1) {
        printError(QStringLiteral("unexpected argument '%1' (see vae-explorer --help)")
                       .arg(parser.positionalArguments().at(1)));
        exitCode = ExitBadInput;
        return false;
    }
    options.model = parser.positionalArguments().value(0);
    options.dataset = parser.value(QStringLiteral("dataset"));
    if (anyDatasetReadingOptionSet(parser)) {
        try {
            if (!options.model.isEmpty())
                throw InputError("a saved model reads its images as it was trained: --color, --image-size and "
                                 "--background are for --dataset");
            options.datasetOptions = datasetOptionsFrom(parser);
        } catch (const InputError& error) {
            printError(QString::fromStdString(error.what()));
            exitCode = ExitBadInput;
            return false;
        }
    }
    options.start = parser.isSet(QStringLiteral("start"));
    return true;
}

} // namespace

int runGui(int& argc, char** argv)
{
    LaunchOptions options;
    int exitCode = ExitOk;
    if (!parseLaunchOptions(argc, argv, options, exitCode))
        return exitCode;

    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("vae-explorer"));
    QApplication::setApplicationName(QStringLiteral("vae-explorer"));
    QApplication::setApplicationVersion(QStringLiteral(VAE_EXPLORER_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("vae-explorer"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/vae-explorer.png")));

    MainWindow window;
    closeOnTerminationSignals(window);
    window.show();
    if (options.start)
        window.startWhenReady();
    if (window.offerAutosave(options.model))
        return app.exec();
    if (!options.model.isEmpty()) {
        window.openModel(options.model, options.dataset);
        return app.exec();
    }
    QString dataset = options.dataset;
    if (dataset.isEmpty())
        dataset = storedDataset();
    if (dataset.isEmpty())
        dataset = defaultDatasetSpec();
    if (options.datasetOptions)
        window.openDataset(dataset, *options.datasetOptions);
    else
        window.openDataset(dataset);
    return app.exec();
}

} // namespace vae
