#include "app/ExportCommand.h"

#include "app/CommandLine.h"
#include "app/DatasetFlags.h"
#include "core/data/InputError.h"
#include "core/decode/ExportRecipes.h"
#include "core/decode/InterpolationEnds.h"
#include "core/decode/LatentTraversals.h"
#include "core/engine/Trainer.h"
#include "core/files/ImageFile.h"

#include <QDir>
#include <QFileInfo>
#include <QTextStream>

namespace vae {
namespace {

struct ImageExport {
    DecodeStyle style;
    TileLayout layout;
};

QList<QCommandLineOption> exportOptions()
{
    return {
        {QStringLiteral("weights"), QStringLiteral("The weights as a dict of named tensors for Python's torch.load."),
         QStringLiteral("OUT.pt")},
        {QStringLiteral("grid"),
         QStringLiteral("An N x N grid of images decoded over two latent axes (N from 2 to 100)."),
         QStringLiteral("N")},
        {QStringLiteral("axes"), QStringLiteral("The grid's two latent dimensions."), QStringLiteral("X,Y"),
         QStringLiteral("0,1")},
        {QStringLiteral("range"), QStringLiteral("Linear spacing covers [-R, R] on both axes."), QStringLiteral("R"),
         QStringLiteral("3")},
        {QStringLiteral("spacing"),
         QStringLiteral("linear, or quantile: through the inverse normal CDF, equal prior mass per cell."),
         QStringLiteral("linear|quantile"), QStringLiteral("linear")},
        {QStringLiteral("reference"),
         QStringLiteral("The grid's other coordinates, or the traversals' centre: zero, or the encoding of this "
                        "test image."),
         QStringLiteral("zero|INDEX"), QStringLiteral("zero")},
        {QStringLiteral("point"), QStringLiteral("The image decoded at one latent point."),
         QStringLiteral("Z1,Z2,...")},
        {QStringLiteral("interpolate"),
         QStringLiteral("The decoded path between the encodings of test images I and J: a GIF or a PNG strip."),
         QStringLiteral("I,J")},
        {QStringLiteral("steps"),
         QStringLiteral("Images along the interpolation path (10), or along each traversal (%1).")
             .arg(defaultTraversalSteps),
         QStringLiteral("K"), QStringLiteral("10")},
        {QStringLiteral("path"), QStringLiteral("Interpolate linearly or spherically (slerp)."),
         QStringLiteral("linear|spherical"), QStringLiteral("linear")},
        {QStringLiteral("prior"), QStringLiteral("An N x N sheet of samples from the prior, decoded."),
         QStringLiteral("N")},
        {QStringLiteral("traversals"),
         QStringLiteral("One row per latent dimension, the most KL on the test set first: the reference moved "
                        "along it from -3 to +3.")},
        {QStringLiteral("codes"),
         QStringLiteral("Posterior means and log-variances of a split, with labels: .csv or .npy."),
         QStringLiteral("train|test")},
        {QStringLiteral("out"),
         QStringLiteral("The file to write: .png for images (.gif for --interpolate), .csv or .npy for --codes."),
         QStringLiteral("FILE")},
        {QStringLiteral("cell"),
         QStringLiteral("Cell size in pixels (a whole multiple of the image size, nearest-neighbour)."),
         QStringLiteral("PX")},
        {QStringLiteral("border"), QStringLiteral("Pixels between cells."), QStringLiteral("PX"), QStringLiteral("1")},
        {QStringLiteral("sample"), QStringLiteral("Draw from p(x|z) instead of showing its mean.")},
        {QStringLiteral("seed"), QStringLiteral("Seed for --prior and --sample."), QStringLiteral("S"),
         QStringLiteral("0")},
        {QStringLiteral("dataset"), QStringLiteral("Use this dataset instead of the checkpoint's."),
         QStringLiteral("D")},
    };
}

std::vector<float> floatList(const QString& text, const char* option)
{
    std::vector<float> values;
    for (const QString& part : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        bool ok = false;
        values.push_back(part.trimmed().toFloat(&ok));
        if (!ok)
            throw InputError(
                QStringLiteral("--%1: '%2' is not a number").arg(QLatin1String(option), part).toStdString());
    }
    return values;
}

std::pair<int, int> intPair(const QString& text, const char* option)
{
    const QStringList parts = text.split(QLatin1Char(','));
    bool firstOk = false, secondOk = false;
    const int first = parts.value(0).toInt(&firstOk);
    const int second = parts.value(1).toInt(&secondOk);
    if (parts.size() != 2 || !firstOk || !secondOk)
        throw InputError(
            QStringLiteral("--%1: '%2' is not two whole numbers A,B").arg(QLatin1String(option), text).toStdString());
    return {first, second};
}

int boundedInt(const QCommandLineParser& parser, const char* option, int low, int high)
{
    const int value = intOption(parser, QLatin1String(option));
    if (value < low || value > high)
        throw InputError(QStringLiteral("--%1 %2 is out of range (%3 to %4)")
                             .arg(QLatin1String(option))
                             .arg(value)
                             .arg(low)
                             .arg(high)
                             .toStdString());
    return value;
}

const std::uint8_t* testImage(const Trainer& trainer, int index, const char* option)
{
    const ImageSet& test = trainer.dataset().test;
    if (index < 0 || index >= test.count())
        throw InputError(QStringLiteral("--%1: test image %2 does not exist (the test set has %3)")
                             .arg(QLatin1String(option))
                             .arg(index)
                             .arg(test.count())
                             .toStdString());
    return test.image(index);
}

std::vector<float> encodingOf(const Trainer& trainer, const ModelSnapshot& model, int index, const char* option)
{
    std::vector<float> means, logVariances;
    model.encode(testImage(trainer, index, option), 1, means, logVariances);
    return means;
}

InterpolationEnd testImageEnd(const Trainer& trainer, int index, const char* option)
{
    testImage(trainer, index, option); // says which option named a missing image
    return InterpolationEnd{index, {}};
}

ImageExport imageExportOptions(const QCommandLineParser& parser, const ModelSnapshot& model)
{
    ImageExport exportOptions;
    exportOptions.style.output = parser.isSet(QStringLiteral("sample")) ? DecoderOutput::Sample : DecoderOutput::Mean;
    exportOptions.style.seed = parser.value(QStringLiteral("seed")).toULongLong();
    const int border = boundedInt(parser, "border", 0, 64);
    const int side = std::max(model.width(), model.height());
    const int cell = parser.isSet(QStringLiteral("cell")) ? boundedInt(parser, "cell", side, 64 * side) : 2 * side;
    exportOptions.layout = exportLayout(model, cell, border);
    return exportOptions;
}

// Empty for zero.
std::vector<float> referencePoint(const QCommandLineParser& parser, const Trainer& trainer, const ModelSnapshot& model)
{
    const QString reference = parser.value(QStringLiteral("reference"));
    if (reference == QLatin1String("zero"))
        return {};
    bool ok = false;
    const int index = reference.toInt(&ok);
    if (!ok)
        throw InputError(
            QStringLiteral("--reference: '%1' is neither zero nor a test image index").arg(reference).toStdString());
    return encodingOf(trainer, model, index, "reference");
}

QImage gridImage(const QCommandLineParser& parser, const Trainer& trainer, const ModelSnapshot& model,
                 const ImageExport& look)
{
    const int cells = boundedInt(parser, "grid", 2, 100);
    const auto [axisX, axisY] = intPair(parser.value(QStringLiteral("axes")), "axes");
    const double range = doubleOption(parser, QStringLiteral("range"));
    if (!(range > 0 && range <= 100))
        throw InputError(QStringLiteral("--range %1 is out of range (above 0, at most 100)").arg(range).toStdString());
    const LatentPlane plane = dimensionPlane(model.latentDim(), axisX, axisY, referencePoint(parser, trainer, model));
    return decodeGridImage(model, plane, cells, range, parseGridSpacing(parser.value(QStringLiteral("spacing"))),
                           look.style, look.layout);
}

QImage pointImage(const QCommandLineParser& parser, const ModelSnapshot& model, const ImageExport& look)
{
    const std::vector<float> z = floatList(parser.value(QStringLiteral("point")), "point");
    if (int(z.size()) != model.latentDim())
        throw InputError(QStringLiteral("--point: %1 coordinates given, the model's latent space has %2")
                             .arg(z.size())
                             .arg(model.latentDim())
                             .toStdString());
    return decodePointImage(model, z, look.style, look.layout);
}

QImage priorSheet(const QCommandLineParser& parser, const ModelSnapshot& model, const ImageExport& look)
{
    const int cells = boundedInt(parser, "prior", 1, 100);
    return decodePriorSheet(model, cells, cells, look.style.seed, look.style, look.layout);
}

QImage traversalSheet(const QCommandLineParser& parser, const Trainer& trainer, const ModelSnapshot& model,
                      const ImageExport& look)
{
    const int steps = parser.isSet(QStringLiteral("steps"))
        ? boundedInt(parser, "steps", fewestTraversalSteps, mostTraversalSteps)
        : defaultTraversalSteps;
    const std::vector<float> reference = referencePoint(parser, trainer, model);
    // Ordered as the window orders them: by the KL each dimension carries on the test set.
    const std::vector<double> kl = klPerDimension(encodeImageSet(model, trainer.dataset().test));
    return decodeTraversalSheet(model, reference, kl, steps, look.style, look.layout);
}

void exportInterpolation(const QCommandLineParser& parser, const Trainer& trainer, const ModelSnapshot& model,
                         const ImageExport& look, const QString& out)
{
    const auto [first, second] = intPair(parser.value(QStringLiteral("interpolate")), "interpolate");
    const int steps = boundedInt(parser, "steps", 2, 1000);
    const QString kind = parser.value(QStringLiteral("path"));
    if (kind != QLatin1String("linear") && kind != QLatin1String("spherical"))
        throw InputError(QStringLiteral("--path: '%1' is not one of linear|spherical").arg(kind).toStdString());
    const std::vector<float> path = interpolationLatents(
        model, trainer.dataset().test, testImageEnd(trainer, first, "interpolate"),
        testImageEnd(trainer, second, "interpolate"), steps,
        kind == QLatin1String("spherical") ? InterpolationKind::Spherical : InterpolationKind::Linear);
    writeInterpolation(out, decodeImages(model, path, look.style), look.layout);
}

void exportCodes(const QCommandLineParser& parser, const Trainer& trainer, const ModelSnapshot& model,
                 const QString& out)
{
    const QString split = parser.value(QStringLiteral("codes"));
    if (split != QLatin1String("train") && split != QLatin1String("test"))
        throw InputError(QStringLiteral("--codes: '%1' is not one of train|test").arg(split).toStdString());
    writeLatentCodesFile(
        out, encodeImageSet(model, split == QLatin1String("train") ? trainer.dataset().train : trainer.dataset().test));
}

int exportFromCheckpoint(const QCommandLineParser& parser)
{
    const QStringList kinds{QStringLiteral("weights"),     QStringLiteral("grid"),  QStringLiteral("point"),
                            QStringLiteral("interpolate"), QStringLiteral("prior"), QStringLiteral("traversals"),
                            QStringLiteral("codes")};
    QStringList chosen;
    for (const QString& kind : kinds)
        if (parser.isSet(kind))
            chosen << QStringLiteral("--") + kind;
    if (chosen.size() != 1)
        throw InputError(
            QStringLiteral(
                "export: choose one of --weights, --grid, --point, --interpolate, --prior, --traversals, --codes "
                "(given: %1)")
                .arg(chosen.isEmpty() ? QStringLiteral("none") : chosen.join(QLatin1Char(' ')))
                .toStdString());
    const bool weights = parser.isSet(QStringLiteral("weights"));
    const QString out = weights ? parser.value(QStringLiteral("weights")) : parser.value(QStringLiteral("out"));
    if (out.isEmpty())
        throw InputError(QStringLiteral("export %1: say where with --out FILE").arg(chosen.first()).toStdString());
    if (!QFileInfo(out).absoluteDir().exists())
        throw InputError(
            QStringLiteral("%1: the folder %2 does not exist").arg(out, QFileInfo(out).absolutePath()).toStdString());

    const QString path = parser.positionalArguments().constFirst();
    const QString dataset = parser.value(QStringLiteral("dataset"));
    auto trainer = Trainer::fromCheckpoint(path, loadShowingProgress([&](const LoadProgress& progress) {
                                               return loadCheckpointDataset(path, dataset, progress);
                                           }));
    if (weights) {
        trainer->exportWeights(out);
    } else {
        const auto model = trainer->snapshot();
        const ImageExport look = imageExportOptions(parser, *model);
        if (parser.isSet(QStringLiteral("grid")))
            saveImage(gridImage(parser, *trainer, *model, look), out);
        else if (parser.isSet(QStringLiteral("point")))
            saveImage(pointImage(parser, *model, look), out);
        else if (parser.isSet(QStringLiteral("prior")))
            saveImage(priorSheet(parser, *model, look), out);
        else if (parser.isSet(QStringLiteral("traversals")))
            saveImage(traversalSheet(parser, *trainer, *model, look), out);
        else if (parser.isSet(QStringLiteral("interpolate")))
            exportInterpolation(parser, *trainer, *model, look, out);
        else
            exportCodes(parser, *trainer, *model, out);
    }
    QTextStream(stderr) << "wrote " << out << '\n';
    return int(ExitOk);
}

} // namespace

int runExportCommand(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Exports one thing a checkpoint holds: images decoded by --grid, --point, --interpolate,\n"
                       "--prior or --traversals, or latent codes by --codes, each to --out FILE; or the weights by\n"
                       "--weights OUT.pt."));
    parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("A .vae checkpoint."));
    parser.addOptions(exportOptions());
    int exitCode = ExitOk;
    if (!parseCommandLine(parser, arguments, exitCode))
        return exitCode;
    if (parser.positionalArguments().size() != 1) {
        printError(QStringLiteral("export: give exactly one checkpoint FILE (see export --help)"));
        return ExitBadInput;
    }
    return runGuarded([&parser] { return exportFromCheckpoint(parser); });
}

} // namespace vae
