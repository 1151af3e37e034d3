#include "tests/support/QtTestRegistry.h"

#include "ui/curves/CurvesPlot.h"
#include "ui/curves/ExponentialSmoothing.h"

#include <QSignalSpy>
#include <QTest>

#include <cmath>

namespace vae::testing {
namespace {

// Graphs in the order CurvesPlot adds them: per curve (ELBO, reconstruction, KL) the per-step
// values, their smoothed trend and the test points.
enum GraphIndex { ElboRaw = 0, ElboTrend = 1, ElboTest = 2, ReconstructionRaw = 3, KlRaw = 6, KlTrend = 7 };

QVector<StepMetrics> steps(int first, int count)
{
    QVector<StepMetrics> result;
    for (int step = first; step < first + count; ++step) {
        const float kl = 5.0f + float(step % 3);
        const float reconstruction = -200.0f + float(step) * 0.5f;
        result.append(StepMetrics{step, (step - 1) / 10, reconstruction - kl, reconstruction, kl});
    }
    return result;
}

EpochMetrics epoch(int number, int stepsPerEpoch)
{
    EpochMetrics metrics;
    metrics.epoch = number;
    metrics.step = number * stepsPerEpoch;
    metrics.testElbo = -180.0 + number;
    metrics.testReconstruction = -172.0 + number;
    metrics.testKl = 8.0;
    return metrics;
}

LikelihoodPoint likelihoodPoint(int number, int stepsPerEpoch)
{
    LikelihoodPoint point;
    point.epoch = number;
    point.step = number * stepsPerEpoch;
    point.images = 200;
    point.samples = 100;
    point.elbo = -182.0 + number;
    point.logLikelihood = point.elbo + 3.0 - 0.5 * number;
    point.gap = point.logLikelihood - point.elbo;
    point.gapError = 0.25;
    return point;
}

// The graph drawing log p(x): the one filled down to another (the ELBO on the same images).
QCPGraph* likelihoodGraph(CurvesPlot& plot)
{
    for (int i = 0; i < plot.graphCount(); ++i)
        if (plot.graph(i)->channelFillGraph())
            return plot.graph(i);
    return nullptr;
}

} // namespace

class CurvesPlotTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void smootherIsDebiasedAndZeroWeightIsRaw()
    {
        ExponentialSmoother raw(0.0);
        QCOMPARE(raw.add(3.0), 3.0);
        QCOMPARE(raw.add(-1.0), -1.0);
        ExponentialSmoother smoother(0.9);
        QCOMPARE(smoother.add(10.0), 10.0); // not pulled towards 0
        const double second = smoother.add(20.0);
        QVERIFY(std::abs(second - (0.9 * 0.1 * 10.0 + 0.1 * 20.0) / (1.0 - 0.81)) < 1e-12);
        const QVector<double> trend = smoothed({1.0, 1.0, 1.0, 1.0}, 0.99);
        for (double value : trend)
            QVERIFY(std::abs(value - 1.0) < 1e-12);
    }

    void everyStepIsKeptAtFullResolution()
    {
        CurvesPlot plot;
        plot.setStepsPerEpoch(10);
        plot.appendSteps(steps(1, 25));
        plot.appendSteps(steps(26, 5000));
        QCOMPARE(plot.stepPointCount(), 5025);
        QCOMPARE(plot.graph(ElboRaw)->dataCount(), 5025);
        QCOMPARE(plot.graph(ReconstructionRaw)->dataCount(), 5025);
        QCOMPARE(plot.graph(KlTrend)->dataCount(), 5025);
        const auto last = plot.graph(ReconstructionRaw)->data()->constEnd() - 1;
        QCOMPARE(last->key, 5025.0);
        QCOMPARE(last->value, -200.0 + 5025 * 0.5);
        QCOMPARE(plot.graph(KlRaw)->data()->constBegin()->value, 6.0); // step 1: 5 + 1 % 3
    }

    void testPointsArePlottedPerEpoch()
    {
        CurvesPlot plot;
        plot.setStepsPerEpoch(10);
        plot.appendSteps(steps(1, 30));
        plot.appendEpoch(epoch(1, 10));
        plot.appendEpoch(epoch(2, 10));
        QCOMPARE(plot.testPointCount(), 2);
        QCOMPARE(plot.graph(ElboTest)->dataCount(), 2);
        QCOMPARE(plot.graph(ElboTest)->data()->constBegin()->key, 10.0);
        QCOMPARE(plot.graph(ElboTest)->data()->constBegin()->value, -179.0);
    }

    void theLikelihoodSeriesIsDrawnWithTheElboOfItsImagesAndTheGapNamed()
    {
        CurvesPlot plot;
        plot.setStepsPerEpoch(10);
        plot.appendSteps(steps(1, 30));
        QCPGraph* likelihood = likelihoodGraph(plot);
        QVERIFY(likelihood);
        QCPGraph* subsetElbo = likelihood->channelFillGraph();
        QCOMPARE(likelihood->valueAxis(), plot.graph(ElboRaw)->valueAxis()); // on the ELBO plot
        QVERIFY(!plot.gapLabel()->visible());
        plot.appendLikelihood(likelihoodPoint(1, 10));
        plot.appendLikelihood(likelihoodPoint(3, 10));
        QCOMPARE(plot.likelihoodPointCount(), 2);
        QCOMPARE(likelihood->dataCount(), 2);
        QCOMPARE(subsetElbo->dataCount(), 2);
        QCOMPARE(likelihood->data()->constBegin()->key, 10.0);
        QCOMPARE(likelihood->data()->constBegin()->value, -178.5); // -181 + 3 - 0.5
        QCOMPARE((subsetElbo->data()->constEnd() - 1)->value, -179.0);
        QVERIFY(likelihood->name().contains(QStringLiteral("K = 100")));
        QVERIFY(subsetElbo->name().contains(QStringLiteral("200 test images")));
        QVERIFY(plot.gapLabel()->visible());
        QVERIFY2(plot.gapLabel()->text().startsWith(QStringLiteral("KL(q || true posterior) = 1.50")),
                 qPrintable(plot.gapLabel()->text()));
        // Both ends of the gap are in view.
        plot.fitAll();
        const QCPRange shown = likelihood->valueAxis()->range();
        QVERIFY(shown.contains(-177.5) && shown.contains(-179.0));
        plot.setAxisUnit(CurveAxisUnit::Epochs);
        QCOMPARE((likelihood->data()->constEnd() - 1)->key, 3.0);
        plot.clear();
        QCOMPARE(likelihood->dataCount(), 0);
        QVERIFY(!plot.gapLabel()->visible());
    }

    void smoothingRecomputesTheTrendOnly()
    {
        CurvesPlot plot;
        plot.appendSteps(steps(1, 100));
        plot.setSmoothing(0.0);
        for (int i : {0, 50, 99})
            QCOMPARE((plot.graph(KlTrend)->data()->constBegin() + i)->value,
                     (plot.graph(KlRaw)->data()->constBegin() + i)->value);
        plot.setSmoothing(0.95);
        const double trendAt99 = (plot.graph(KlTrend)->data()->constBegin() + 99)->value;
        QVERIFY(trendAt99 > 5.5 && trendAt99 < 6.5); // the raw KL cycles 5, 6, 7
        QCOMPARE(plot.graph(KlRaw)->dataCount(), 100);
        // New steps continue the same average.
        plot.appendSteps(steps(101, 1));
        QCOMPARE(plot.graph(KlTrend)->dataCount(), 101);
        const double next = (plot.graph(KlTrend)->data()->constEnd() - 1)->value;
        QVERIFY(std::abs(next - trendAt99) < 0.2);
    }

    void theAxisShowsStepsOrEpochs()
    {
        CurvesPlot plot;
        plot.setStepsPerEpoch(20);
        plot.appendSteps(steps(1, 60));
        plot.appendEpoch(epoch(1, 20));
        plot.setAxisUnit(CurveAxisUnit::Epochs);
        QCOMPARE((plot.graph(ElboRaw)->data()->constEnd() - 1)->key, 3.0);
        QCOMPARE(plot.graph(ElboTest)->data()->constBegin()->key, 1.0);
        QCOMPARE(plot.graph(ElboRaw)->keyAxis()->range().upper, 3.0);
        plot.setAxisUnit(CurveAxisUnit::Steps);
        QCOMPARE((plot.graph(ElboRaw)->data()->constEnd() - 1)->key, 60.0);
    }

    void followsNewDataUntilTheUserMovesTheView()
    {
        CurvesPlot plot;
        QSignalSpy following(&plot, &CurvesPlot::followingChanged);
        plot.appendSteps(steps(1, 100));
        QTRY_COMPARE(plot.graph(ElboRaw)->keyAxis()->range().upper, 100.0);
        plot.appendSteps(steps(101, 100));
        QTRY_COMPARE(plot.graph(ElboRaw)->keyAxis()->range().upper, 200.0);
        QVERIFY(plot.graph(ElboRaw)->valueAxis()->range().contains(-150.0));

        plot.graph(ElboRaw)->keyAxis()->setRange(10, 50); // as a drag or a wheel would
        QVERIFY(!plot.following());
        QCOMPARE(following.count(), 1);
        QCoreApplication::processEvents(); // draws any replot already queued: the next is the new data's
        QSignalSpy replotted(&plot, &QCustomPlot::afterReplot);
        plot.appendSteps(steps(201, 100));
        QVERIFY(replotted.wait());
        QCOMPARE(plot.graph(ElboRaw)->dataCount(), 300);
        QCOMPARE(plot.graph(ElboRaw)->keyAxis()->range().upper, 50.0);
        QCOMPARE(plot.graph(KlRaw)->keyAxis()->range().upper, 50.0); // the three plots share the x axis
        plot.fitAll();
        QVERIFY(plot.following());
        QCOMPARE(plot.graph(ElboRaw)->keyAxis()->range().upper, 300.0);
    }

    void theKlAxisCanBeLogarithmic()
    {
        CurvesPlot plot;
        plot.appendSteps(steps(1, 50));
        plot.setKlLogarithmic(true);
        QCOMPARE(plot.graph(KlRaw)->valueAxis()->scaleType(), QCPAxis::stLogarithmic);
        QVERIFY(plot.graph(KlRaw)->valueAxis()->range().lower > 0.0);
        QVERIFY(plot.following());
        plot.setKlLogarithmic(false);
        QCOMPARE(plot.graph(KlRaw)->valueAxis()->scaleType(), QCPAxis::stLinear);
    }

    void hoveringReadsOutTheValuesUnderTheCursor()
    {
        CurvesPlot plot;
        plot.resize(600, 500);
        plot.show();
        QVERIFY(QTest::qWaitForWindowExposed(&plot));
        plot.setStepsPerEpoch(10);
        plot.setSmoothing(0.0);
        plot.appendSteps(steps(1, 100));
        plot.appendEpoch(epoch(4, 10));
        QTRY_COMPARE(plot.graph(ElboRaw)->keyAxis()->range().upper, 100.0);
        plot.replot();
        QSignalSpy readout(&plot, &CurvesPlot::readoutChanged);
        QCPAxis* keyAxis = plot.graph(ElboRaw)->keyAxis();
        const QPoint atStep40(int(keyAxis->coordToPixel(40.0)),
                              int(plot.graph(ElboRaw)->valueAxis()->axisRect()->center().y()));
        QTest::mouseMove(&plot, atStep40);
        QVERIFY(readout.count() >= 1);
        const QString text = readout.last().at(0).toString();
        QVERIFY2(text.contains(QStringLiteral("step 40 ")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("reconstruction -180.00")), qPrintable(text)); // -200 + 40 * 0.5
        QVERIFY2(text.contains(QStringLiteral("KL 6.00")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("after epoch 4")), qPrintable(text));
    }
};

namespace {
const RegisterQtTest<CurvesPlotTest> registration("CurvesPlot");
} // namespace

} // namespace vae::testing

#include "test_curves_plot.moc"
