#include "app/DatasetFlags.h"

#include "app/CommandLine.h"
#include "app/EstimateProgress.h"
#include "app/TerminationSignals.h"
#include "core/data/ErrorText.h"
#include "core/data/InputError.h"

namespace vae {
namespace {

const QString colorOption = QStringLiteral("color");
const QString sizeOption = QStringLiteral("image-size");
const QString backgroundOption = QStringLiteral("background");

template <typename Parse>
auto parsedOption(const QCommandLineParser& parser, const QString& name, Parse parse)
{
    try {
        return parse(parser.value(name));
    } catch (const InputError& error) {
        throw InputError(QStringLiteral("--%1: %2").arg(name, firstLineOf(error)).toStdString());
    }
}

} // namespace

QList<QCommandLineOption> datasetReadingOptions()
{
    const DatasetOptions defaults;
    return {
        {colorOption, QStringLiteral("Image folders: read the images in rgb or grey."), QStringLiteral("rgb|grey"),
         colorModeName(defaults.imageFolderColor)},
        {sizeOption,
         QStringLiteral("Image folders: crop each image's centred square and resize it to N x N pixels (1 to %1).")
             .arg(DatasetOptions::largestImageSize),
         QStringLiteral("N"), QString::number(defaults.imageFolderSize)},
        {backgroundOption,
         QStringLiteral("Image folders: the colour transparent pixels are composited over (a name or #rrggbb)."),
         QStringLiteral("COLOUR"), defaults.imageFolderBackground.name()},
    };
}

bool anyDatasetReadingOptionSet(const QCommandLineParser& parser)
{
    return parser.isSet(colorOption) || parser.isSet(sizeOption) || parser.isSet(backgroundOption);
}

DatasetOptions datasetOptionsFrom(const QCommandLineParser& parser)
{
    DatasetOptions options;
    options.imageFolderColor = parsedOption(parser, colorOption, parseColorMode);
    const int size = intOption(parser, sizeOption);
    options.imageFolderSize =
        parsedOption(parser, sizeOption, [size](const QString&) { return checkedImageSize(size); });
    options.imageFolderBackground = parsedOption(parser, backgroundOption, parseBackground);
    return options;
}

std::shared_ptr<const Dataset>
loadShowingProgress(const std::function<std::shared_ptr<const Dataset>(const LoadProgress&)>& load)
{
    std::shared_ptr<const Dataset> dataset;
    {
        const InterruptFlag interrupt;
        EstimateProgress shown(QStringLiteral("dataset"), QStringLiteral("images"));
        dataset = load({[&shown](int done, int total) { shown.update(done, total); },
                        [&interrupt] { return interrupt.isRaised(); }});
    }
    for (const QString& warning : dataset->warnings)
        printError(QStringLiteral("warning: ") + warning);
    return dataset;
}

} // namespace vae
