// How long an image folder takes to load (decode, crop, resize, convert), on every core the
// process may use. Run it under `taskset -c 0` and without, interleaved, for the parallel speed-up:
//   dataset_load_bench --dataset DIR [--color rgb] [--image-size 32] [--repeats 3]
// Prints one JSON line: the median of the repeats.
#include "core/data/DatasetLoader.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

#include <algorithm>
#include <thread>
#include <vector>

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addOptions({
        {QStringLiteral("dataset"), QStringLiteral("An image folder."), QStringLiteral("DIR")},
        {QStringLiteral("color"), QStringLiteral("rgb or grey."), QStringLiteral("C"), QStringLiteral("rgb")},
        {QStringLiteral("image-size"), QStringLiteral("Square size."), QStringLiteral("N"), QStringLiteral("32")},
        {QStringLiteral("repeats"), QStringLiteral("Loads to time."), QStringLiteral("R"), QStringLiteral("3")},
    });
    parser.process(app);
    vae::DatasetOptions options;
    options.imageFolderColor = vae::parseColorMode(parser.value(QStringLiteral("color")));
    options.imageFolderSize = vae::checkedImageSize(parser.value(QStringLiteral("image-size")).toInt());

    std::vector<double> seconds;
    vae::Dataset dataset;
    for (int repeat = 0; repeat < std::max(1, parser.value(QStringLiteral("repeats")).toInt()); ++repeat) {
        QElapsedTimer timer;
        timer.start();
        dataset = vae::loadDataset(parser.value(QStringLiteral("dataset")), options);
        seconds.push_back(double(timer.nsecsElapsed()) * 1e-9);
    }
    std::sort(seconds.begin(), seconds.end());
    const double median = seconds[seconds.size() / 2];
    const int images = dataset.train.count() + dataset.test.count();
    QTextStream(stdout) << QJsonDocument(QJsonObject{
                                             {QStringLiteral("bench"), QStringLiteral("dataset_load")},
                                             {QStringLiteral("images"), images},
                                             {QStringLiteral("bytes_per_image"), dataset.imageSize()},
                                             {QStringLiteral("cores_seen"), int(std::thread::hardware_concurrency())},
                                             {QStringLiteral("median_seconds"), median},
                                             {QStringLiteral("images_per_second"), images / median},
                                         })
                               .toJson(QJsonDocument::Compact)
                        << '\n';
    return 0;
}
