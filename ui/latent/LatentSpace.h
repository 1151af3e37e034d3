#pragma once

#include "core/decode/DecodedImages.h"
#include "core/decode/InterpolationEnds.h"
#include "core/decode/LatentCodes.h"
#include "core/latent/LatentGeometry.h"
#include "core/latent/PrincipalAxes.h"
#include "core/session/SessionTypes.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointF>
#include <QTimer>

#include <array>
#include <memory>

namespace vae {

class LatestJobRunner;

// The test set as one snapshot encodes it: each image's posterior, and what the axis chooser
// needs from them.
struct EncodedTestSet {
    LatentCodes codes;
    std::vector<double> kl;            // per dimension, mean over the images, nats
    std::vector<double> meanVariances; // per dimension, of the posterior means over the images
    int activeUnits = 0;               // dimensions whose mean varies by more than activeUnitThreshold
    PrincipalAxes axes;                // of the posterior means; empty below two dimensions
    std::int64_t step = 0;
};

enum class PlaneAxes { Dimensions, PrincipalComponents };
enum class PlaneReference { Zero, SelectedImage };

// Which plane through latent space the views show: two dimensions or the first two principal
// components, every other coordinate held at zero or at the selected image's encoding.
struct PlaneChoice {
    PlaneAxes axes = PlaneAxes::Dimensions;
    int axisX = 0;
    int axisY = 1;
    PlaneReference reference = PlaneReference::Zero;
};

// What the interpolation shows: its two ends, the number of images, the kind of path.
struct InterpolationChoice {
    std::array<InterpolationEnd, 2> ends;
    int steps = 10;
    InterpolationKind kind = InterpolationKind::Linear;
};

// What the latent views share: the snapshot they decode from, the test set it encodes, the plane
// they show, the selected test image and the cursor. Views observe it and decode on their own
// runners; it encodes the test set itself, at most once a second and only while active.
class LatentSpace : public QObject {
    Q_OBJECT
public:
    explicit LatentSpace(QObject* parent = nullptr);
    ~LatentSpace() override;

    // A new model on `dataset`: the encodings, the selection and the axes start over.
    void startModel(std::shared_ptr<const Dataset> dataset);
    void setSnapshot(const SnapshotPtr& snapshot);
    // Axes the user picked; until then the axes follow the two dimensions with the most KL.
    void choosePlane(const PlaneChoice& choice);
    void select(int testIndex); // -1: none
    void setCursor(const QPointF& planeCoordinates);
    void setDecoderOutput(DecoderOutput output);
    // The path the Interpolation tab decodes, which the plane draws too.
    void setInterpolation(const InterpolationChoice& choice);
    // Whether the views are on screen: encoding the test set waits while they are not.
    void setActive(bool active);

    const std::shared_ptr<const Dataset>& dataset() const { return dataset_; }
    const SnapshotPtr& snapshot() const { return snapshot_; }
    int latentDim() const { return snapshot_ ? snapshot_->latentDim() : 0; }
    // Null until the current model's first encoding arrives.
    const std::shared_ptr<const EncodedTestSet>& encoded() const { return encoded_; }
    const PlaneChoice& planeChoice() const { return choice_; }
    const LatentPlane& plane() const { return plane_; }
    int selected() const { return selected_; }
    const QPointF& cursor() const { return cursor_; }
    std::vector<float> cursorLatent() const { return plane_.point(cursor_.x(), cursor_.y()); }
    DecodeStyle decodeStyle() const;
    const InterpolationChoice& interpolation() const { return interpolation_; }
    // The interpolation's latent points with its test-image ends where the last encoding put them
    // (the tab decodes from the snapshot's own encoding, at most a second newer); empty while an
    // end is missing.
    std::vector<float> interpolationPathLatents() const;
    // From the most informative dimension to the least (natural order before the first encoding).
    std::vector<int> dimensionsByKl() const;

Q_SIGNALS:
    void modelStarted();
    void snapshotChanged();
    void encodedChanged();
    void planeChanged();
    void selectionChanged();
    void cursorChanged();
    void decodeStyleChanged();
    void interpolationChanged();
    void failed(const QString& message);

private:
    void scheduleEncoding();
    void encodeLatest();
    void adoptEncoding(std::shared_ptr<EncodedTestSet> encoded);
    void followInformativeAxes();
    void updatePlane();

    LatestJobRunner* encoder_;
    QTimer encodeTimer_;
    QElapsedTimer sinceEncode_;
    qint64 encodeMilliseconds_ = 0; // how long the last encoding took to come back
    bool active_ = true;
    bool encodedLatest_ = false;
    std::shared_ptr<const Dataset> dataset_;
    SnapshotPtr snapshot_;
    std::shared_ptr<const EncodedTestSet> encoded_;
    PlaneChoice choice_;
    bool axesChosen_ = false;
    LatentPlane plane_;
    int selected_ = -1;
    QPointF cursor_;
    DecoderOutput output_ = DecoderOutput::Mean;
    InterpolationChoice interpolation_;
};

} // namespace vae
