#include "ui/latent/LatentSpace.h"

#include "core/decode/LatentTraversals.h"
#include "core/session/LatestJobRunner.h"

#include <algorithm>
#include <numeric>

namespace vae {
namespace {

// Encoding the 10,000 test images takes a core for 100 to 300 ms while training runs on both:
// once a second, and never more than a tenth of the time, keeps the scatter current without
// slowing the training noticeably (bench/latent_bench: training_with_views).
constexpr qint64 encodeIntervalMilliseconds = 1000;
constexpr qint64 encodeDutyFactor = 10;
// Decoder samples stay the same draw from one snapshot to the next, so only the model changes them.
constexpr std::uint64_t decoderSampleSeed = 1;

std::shared_ptr<EncodedTestSet> encodeTestSet(const ModelSnapshot& model, const ImageSet& test)
{
    auto encoded = std::make_shared<EncodedTestSet>();
    encoded->codes = encodeImageSet(model, test);
    encoded->kl = klPerDimension(encoded->codes);
    encoded->meanVariances = posteriorMeanVariances(encoded->codes);
    encoded->activeUnits = activeUnits(encoded->meanVariances);
    if (encoded->codes.latentDim >= 2)
        encoded->axes = principalAxes(encoded->codes.means, encoded->codes.count, encoded->codes.latentDim);
    encoded->step = model.step();
    return encoded;
}

// A principal axis has no sign of its own: keeping the one nearest the last keeps the plane from
// flipping over between two encodings.
void orientLike(std::vector<float>& axis, const std::vector<float>& previous)
{
    if (axis.size() != previous.size())
        return;
    if (std::inner_product(axis.begin(), axis.end(), previous.begin(), 0.0) < 0)
        for (float& value : axis)
            value = -value;
}

bool samePlane(const LatentPlane& a, const LatentPlane& b)
{
    return a.origin == b.origin && a.u == b.u && a.v == b.v;
}

} // namespace

LatentSpace::LatentSpace(QObject* parent)
    : QObject(parent)
    , encoder_(new LatestJobRunner(tr("encoding the test set"), this, LatestJobRunner::Priority::Background))
{
    encodeTimer_.setSingleShot(true);
    connect(&encodeTimer_, &QTimer::timeout, this, &LatentSpace::encodeLatest);
    connect(encoder_, &LatestJobRunner::failed, this, &LatentSpace::failed);
}

LatentSpace::~LatentSpace() = default;

void LatentSpace::startModel(std::shared_ptr<const Dataset> dataset)
{
    dataset_ = std::move(dataset);
    snapshot_.reset();
    encoded_.reset();
    encoder_->invalidate();
    encodeTimer_.stop();
    sinceEncode_.invalidate();
    encodeMilliseconds_ = 0;
    encodedLatest_ = false;
    choice_ = PlaneChoice{};
    axesChosen_ = false;
    plane_ = LatentPlane{};
    selected_ = -1;
    cursor_ = QPointF();
    interpolation_ = InterpolationChoice{};
    Q_EMIT modelStarted();
}

void LatentSpace::setSnapshot(const SnapshotPtr& snapshot)
{
    if (!snapshot)
        return;
    // A snapshot of the previous model can still be on its way after a switch.
    if (dataset_ &&
        (snapshot->channels() != dataset_->channels() || snapshot->height() != dataset_->height() ||
         snapshot->width() != dataset_->width()))
        return;
    const bool newShape = !snapshot_ || snapshot_->latentDim() != snapshot->latentDim();
    snapshot_ = snapshot;
    if (newShape) {
        encoded_.reset();
        encoder_->invalidate();
        choice_ = PlaneChoice{};
        updatePlane();
    }
    encodedLatest_ = false;
    Q_EMIT snapshotChanged();
    scheduleEncoding();
}

void LatentSpace::setActive(bool active)
{
    active_ = active;
    scheduleEncoding();
}

void LatentSpace::scheduleEncoding()
{
    if (!active_ || encodedLatest_ || encodeTimer_.isActive())
        return;
    const qint64 interval = std::max(encodeIntervalMilliseconds, encodeDutyFactor * encodeMilliseconds_);
    encodeTimer_.start(sinceEncode_.isValid() ? int(std::max<qint64>(0, interval - sinceEncode_.elapsed())) : 0);
}

void LatentSpace::encodeLatest()
{
    if (!snapshot_ || !dataset_ || dataset_->test.count() == 0 || !active_)
        return;
    encodedLatest_ = true;
    sinceEncode_.start();
    encoder_->run([snapshot = snapshot_, dataset = dataset_] { return encodeTestSet(*snapshot, dataset->test); },
                  [this](std::shared_ptr<EncodedTestSet> encoded) { adoptEncoding(std::move(encoded)); });
}

void LatentSpace::adoptEncoding(std::shared_ptr<EncodedTestSet> encoded)
{
    encodeMilliseconds_ = sinceEncode_.elapsed();
    if (encoded->codes.latentDim != latentDim())
        return;
    if (encoded_) {
        orientLike(encoded->axes.first, encoded_->axes.first);
        orientLike(encoded->axes.second, encoded_->axes.second);
    }
    encoded_ = std::move(encoded);
    followInformativeAxes();
    updatePlane();
    Q_EMIT encodedChanged();
}

void LatentSpace::followInformativeAxes()
{
    if (axesChosen_ || latentDim() <= 2)
        return;
    const std::vector<int> order = dimensionsByKl();
    const bool alreadyTopTwo = (choice_.axisX == order[0] && choice_.axisY == order[1]) ||
        (choice_.axisX == order[1] && choice_.axisY == order[0]);
    if (alreadyTopTwo)
        return;
    choice_.axisX = order[0];
    choice_.axisY = order[1];
}

void LatentSpace::choosePlane(const PlaneChoice& choice)
{
    const int dim = latentDim();
    const bool valid = choice.axisX >= 0 && choice.axisY >= 0 && choice.axisX < dim && choice.axisY < dim &&
        (choice.axisX != choice.axisY || dim == 1);
    if (!valid)
        return;
    if (choice.axes != choice_.axes || choice.axisX != choice_.axisX || choice.axisY != choice_.axisY)
        axesChosen_ = true;
    choice_ = choice;
    updatePlane();
}

void LatentSpace::updatePlane()
{
    const int dim = latentDim();
    LatentPlane plane;
    if (dim > 0) {
        std::vector<float> reference;
        if (choice_.reference == PlaneReference::SelectedImage && encoded_ && selected_ >= 0 &&
            selected_ < encoded_->codes.count)
            reference.assign(encoded_->codes.mean(selected_), encoded_->codes.mean(selected_) + dim);
        if (choice_.axes == PlaneAxes::PrincipalComponents && encoded_ && !encoded_->axes.first.empty())
            plane = directionPlane(encoded_->axes.first, encoded_->axes.second, reference);
        else
            plane = dimensionPlane(dim, choice_.axisX, dim > 1 ? choice_.axisY : choice_.axisX, reference);
    }
    if (samePlane(plane, plane_))
        return;
    plane_ = std::move(plane);
    Q_EMIT planeChanged();
}

void LatentSpace::select(int testIndex)
{
    if (testIndex == selected_)
        return;
    selected_ = testIndex;
    updatePlane();
    Q_EMIT selectionChanged();
}

void LatentSpace::setCursor(const QPointF& planeCoordinates)
{
    cursor_ = planeCoordinates;
    Q_EMIT cursorChanged();
}

void LatentSpace::setDecoderOutput(DecoderOutput output)
{
    if (output == output_)
        return;
    output_ = output;
    Q_EMIT decodeStyleChanged();
}

void LatentSpace::setInterpolation(const InterpolationChoice& choice)
{
    interpolation_ = choice;
    Q_EMIT interpolationChanged();
}

std::vector<float> LatentSpace::interpolationPathLatents() const
{
    const int dim = latentDim();
    const auto latentOf = [&](const InterpolationEnd& end) -> std::vector<float> {
        if (end.testImage < 0)
            return int(end.point.size()) == dim ? end.point : std::vector<float>();
        if (!encoded_ || end.testImage >= encoded_->codes.count || encoded_->codes.latentDim != dim)
            return {};
        const float* mean = encoded_->codes.mean(end.testImage);
        return {mean, mean + dim};
    };
    const std::vector<float> from = latentOf(interpolation_.ends[0]);
    const std::vector<float> to = latentOf(interpolation_.ends[1]);
    if (dim == 0 || from.empty() || to.empty())
        return {};
    return interpolationPath(from, to, interpolation_.steps, interpolation_.kind);
}

DecodeStyle LatentSpace::decodeStyle() const
{
    return {output_, decoderSampleSeed};
}

std::vector<int> LatentSpace::dimensionsByKl() const
{
    return vae::dimensionsByKl(encoded_ ? encoded_->kl : std::vector<double>(), latentDim());
}

} // namespace vae
