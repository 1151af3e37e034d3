#include "bench/BenchSupport.h"

#include <QCoreApplication>
#include <QTimer>

#include <algorithm>
#include <cmath>

namespace vae::bench {

BenchApplication::BenchApplication(int& argc, char** argv, const QString& name)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    qputenv("XDG_CONFIG_HOME", scratch().filePath(QStringLiteral("config")).toLocal8Bit());
    qputenv("XDG_DATA_HOME", scratch().filePath(QStringLiteral("data")).toLocal8Bit());
    app_ = std::make_unique<QApplication>(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("vae-explorer-bench"));
    QApplication::setApplicationName(name);
}

TrainingConfig referenceConfig()
{
    TrainingConfig config;
    config.latentDim = 20;
    config.hiddenLayers = {400};
    config.activation = Activation::Relu;
    config.likelihood = Likelihood::Bernoulli;
    config.optimizer = OptimizerKind::Adam;
    config.learningRate = 1e-3;
    config.batchSize = 128;
    config.epochs = 1000;
    return config;
}

bool waitFor(const std::function<bool()>& done, int timeoutMilliseconds)
{
    QTimer deadline;
    deadline.setSingleShot(true);
    deadline.start(timeoutMilliseconds);
    // What `done` waits for need not post an event (a thread finishing, a flag set elsewhere), and
    // without one the wait below would sleep until some unrelated timer fires, up to 30 s.
    QTimer recheck;
    recheck.start(5);
    while (!done()) {
        if (!deadline.isActive())
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents);
    }
    return true;
}

void pumpEvents(int milliseconds)
{
    waitFor([] { return false; }, milliseconds);
}

double median(std::vector<double> values)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const std::size_t middle = values.size() / 2;
    return values.size() % 2 ? values[middle] : (values[middle - 1] + values[middle]) / 2.0;
}

double quantile(std::vector<double> values, double q)
{
    std::sort(values.begin(), values.end());
    return values.empty() ? 0.0 : values[std::size_t(std::lround(q * double(values.size() - 1)))];
}

LatencyProbe::LatencyProbe()
{
    timer_.setTimerType(Qt::PreciseTimer);
    timer_.setInterval(intervalMilliseconds);
    QObject::connect(&timer_, &QTimer::timeout, this, [this] {
        const double now = milliseconds(clock_);
        latenesses.push_back(std::max(0.0, now - last_ - intervalMilliseconds));
        last_ = now;
    });
}

void LatencyProbe::start()
{
    clock_.start();
    last_ = 0;
    timer_.start();
}

double milliseconds(const QElapsedTimer& timer)
{
    return double(timer.nsecsElapsed()) * 1e-6;
}

} // namespace vae::bench
