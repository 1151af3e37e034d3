#include "ui/commands/SessionViewState.h"

#include "core/data/InputError.h"
#include "ui/curves/CurvesView.h"
#include "ui/latent/LatentExplorer.h"
#include "ui/latent/LatentInterpolationPanel.h"
#include "ui/latent/LatentPlaneControls.h"
#include "ui/latent/LatentPlanePanel.h"
#include "ui/latent/LatentSamplesPanel.h"
#include "ui/latent/LatentSpace.h"

#include <QJsonArray>
#include <QTabWidget>

namespace vae {
namespace {

// The names stored in the file: the file outlives the enums' numbering.
const QString dimensionsName = QStringLiteral("dimensions");
const QString componentsName = QStringLiteral("principal_components");
const QString zeroName = QStringLiteral("zero");
const QString selectedName = QStringLiteral("selected_image");
const QString meanName = QStringLiteral("mean");
const QString sampleName = QStringLiteral("sample");
const QString linearName = QStringLiteral("linear");
const QString sphericalName = QStringLiteral("spherical");
const QString stepsName = QStringLiteral("steps");
const QString epochsName = QStringLiteral("epochs");

QJsonArray toJson(const std::vector<float>& values)
{
    QJsonArray array;
    for (float value : values)
        array.append(double(value));
    return array;
}

std::vector<float> floatsFrom(const QJsonArray& array)
{
    std::vector<float> values;
    for (const QJsonValue& value : array)
        values.push_back(float(value.toDouble()));
    return values;
}

QJsonObject toJson(const InterpolationEnd& end)
{
    if (end.testImage >= 0)
        return {{QStringLiteral("test_image"), end.testImage}};
    return {{QStringLiteral("point"), toJson(end.point)}};
}

InterpolationEnd endFrom(const QJsonObject& json)
{
    if (json.contains(QStringLiteral("test_image")))
        return {json.value(QStringLiteral("test_image")).toInt(-1), {}};
    return {-1, floatsFrom(json.value(QStringLiteral("point")).toArray())};
}

QJsonObject planeState(const LatentSpace& space, const GridSettings& grid)
{
    const PlaneChoice& choice = space.planeChoice();
    return {
        {QStringLiteral("axes"), choice.axes == PlaneAxes::PrincipalComponents ? componentsName : dimensionsName},
        {QStringLiteral("axis_x"), choice.axisX},
        {QStringLiteral("axis_y"), choice.axisY},
        {QStringLiteral("reference"), choice.reference == PlaneReference::SelectedImage ? selectedName : zeroName},
        {QStringLiteral("cells"), grid.cells},
        {QStringLiteral("range"), grid.range},
        {QStringLiteral("spacing"), toString(grid.spacing)},
        {QStringLiteral("cursor"), QJsonArray{space.cursor().x(), space.cursor().y()}},
        {QStringLiteral("selected_image"), space.selected()},
    };
}

void restorePlane(const QJsonObject& json, LatentPlanePanel& panel, LatentSpace& space)
{
    if (json.isEmpty())
        return;
    GridSettings grid = panel.controls().grid();
    grid.cells = json.value(QStringLiteral("cells")).toInt(grid.cells);
    grid.range = json.value(QStringLiteral("range")).toDouble(grid.range);
    try {
        grid.spacing = parseGridSpacing(json.value(QStringLiteral("spacing")).toString(toString(grid.spacing)));
    } catch (const InputError&) {
        // a spacing this version does not know: keep the one shown
    }
    panel.controls().setGrid(grid);

    const int selected = json.value(QStringLiteral("selected_image")).toInt(-1);
    const int testImages = space.dataset() ? space.dataset()->test.count() : 0;
    space.select(selected < testImages ? selected : -1);

    PlaneChoice choice;
    choice.axes = json.value(QStringLiteral("axes")).toString() == componentsName ? PlaneAxes::PrincipalComponents
                                                                                  : PlaneAxes::Dimensions;
    choice.axisX = json.value(QStringLiteral("axis_x")).toInt(choice.axisX);
    choice.axisY = json.value(QStringLiteral("axis_y")).toInt(choice.axisY);
    choice.reference = json.value(QStringLiteral("reference")).toString() == selectedName
        ? PlaneReference::SelectedImage
        : PlaneReference::Zero;
    space.choosePlane(choice);
    panel.controls().showChoice(space.planeChoice());

    const QJsonArray cursor = json.value(QStringLiteral("cursor")).toArray();
    if (cursor.size() == 2)
        space.setCursor(QPointF(cursor[0].toDouble(), cursor[1].toDouble()));
}

QJsonObject interpolationState(const InterpolationChoice& choice)
{
    return {
        {QStringLiteral("from"), toJson(choice.ends[0])},
        {QStringLiteral("to"), toJson(choice.ends[1])},
        {QStringLiteral("steps"), choice.steps},
        {QStringLiteral("kind"), choice.kind == InterpolationKind::Spherical ? sphericalName : linearName},
    };
}

void restoreInterpolation(const QJsonObject& json, LatentInterpolationPanel& panel)
{
    if (json.isEmpty())
        return;
    InterpolationChoice choice = panel.choice();
    choice.ends = {endFrom(json.value(QStringLiteral("from")).toObject()),
                   endFrom(json.value(QStringLiteral("to")).toObject())};
    choice.steps = json.value(QStringLiteral("steps")).toInt(choice.steps);
    choice.kind = json.value(QStringLiteral("kind")).toString() == sphericalName ? InterpolationKind::Spherical
                                                                                 : InterpolationKind::Linear;
    panel.setChoice(choice);
}

QJsonObject curvesState(const CurvesDisplay& display)
{
    return {
        {QStringLiteral("smoothing"), display.smoothing},
        {QStringLiteral("x_axis"), display.unit == CurveAxisUnit::Epochs ? epochsName : stepsName},
        {QStringLiteral("log_kl"), display.logKl},
    };
}

void restoreCurves(const QJsonObject& json, CurvesView& curves)
{
    if (json.isEmpty())
        return;
    CurvesDisplay display = curves.display();
    display.smoothing = json.value(QStringLiteral("smoothing")).toDouble(display.smoothing);
    display.unit =
        json.value(QStringLiteral("x_axis")).toString() == epochsName ? CurveAxisUnit::Epochs : CurveAxisUnit::Steps;
    display.logKl = json.value(QStringLiteral("log_kl")).toBool(display.logKl);
    curves.setDisplay(display);
}

} // namespace

QJsonObject collectViewState(const LatentExplorer& explorer, const CurvesView& curves)
{
    const LatentSpace& space = explorer.space();
    return {
        {QStringLiteral("plane"), planeState(space, explorer.planePanel().controls().grid())},
        {QStringLiteral("decoder_output"), space.decodeStyle().output == DecoderOutput::Sample ? sampleName : meanName},
        {QStringLiteral("interpolation"), interpolationState(explorer.interpolationPanel().choice())},
        {QStringLiteral("samples_seed"), QString::number(explorer.samplesPanel().seed())},
        {QStringLiteral("tab"), explorer.tabs().currentIndex()},
        {QStringLiteral("curves"), curvesState(curves.display())},
    };
}

void restoreViewState(const QJsonObject& view, LatentExplorer& explorer, CurvesView& curves)
{
    LatentSpace& space = explorer.space();
    if (view.contains(QStringLiteral("decoder_output")))
        space.setDecoderOutput(view.value(QStringLiteral("decoder_output")).toString() == sampleName
                                   ? DecoderOutput::Sample
                                   : DecoderOutput::Mean);
    restorePlane(view.value(QStringLiteral("plane")).toObject(), explorer.planePanel(), space);
    restoreInterpolation(view.value(QStringLiteral("interpolation")).toObject(), explorer.interpolationPanel());
    bool seedOk = false;
    const std::uint64_t seed = view.value(QStringLiteral("samples_seed")).toString().toULongLong(&seedOk);
    if (seedOk)
        explorer.samplesPanel().setSeed(seed);
    const int tab = view.value(QStringLiteral("tab")).toInt(-1);
    if (tab >= 0 && tab < explorer.tabs().count())
        explorer.tabs().setCurrentIndex(tab);
    restoreCurves(view.value(QStringLiteral("curves")).toObject(), curves);
}

} // namespace vae
