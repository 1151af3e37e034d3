#include "core/files/CheckpointFile.h"

#include "core/data/FileError.h"
#include "core/files/AtomicFile.h"

#include <QDataStream>
#include <QFile>
#include <QJsonDocument>

#include <zlib.h>

namespace vae {
namespace {

constexpr char magic[] = "VAEXCKPT";
constexpr int magicSize = 8;
constexpr quint32 formatVersion = 1;

QByteArray encodeHistory(const MetricHistory& history)
{
    QByteArray bytes;
    QDataStream out(&bytes, QIODevice::WriteOnly);
    out.setFloatingPointPrecision(QDataStream::SinglePrecision);
    out << quint64(history.steps.size());
    for (const StepMetrics& step : history.steps)
        out << qint64(step.step) << qint32(step.epoch) << step.elbo << step.reconstruction << step.kl;
    out.setFloatingPointPrecision(QDataStream::DoublePrecision);
    out << quint64(history.epochs.size());
    for (const EpochMetrics& epoch : history.epochs)
        out << qint32(epoch.epoch) << qint64(epoch.step) << epoch.elbo << epoch.reconstruction << epoch.kl
            << epoch.testElbo << epoch.testReconstruction << epoch.testKl << epoch.imagesPerSecond << epoch.seconds;
    return bytes;
}

MetricHistory decodeHistory(const QByteArray& bytes, const QString& path)
{
    QDataStream in(bytes);
    in.setFloatingPointPrecision(QDataStream::SinglePrecision);
    MetricHistory history;
    quint64 stepCount = 0;
    in >> stepCount;
    if (stepCount > quint64(bytes.size()) / 20)
        throw fileError(path,
                        QStringLiteral("corrupt history (%1 steps in %2 bytes)").arg(stepCount).arg(bytes.size()));
    history.steps.resize(stepCount);
    for (StepMetrics& step : history.steps) {
        qint64 index = 0;
        qint32 epoch = 0;
        in >> index >> epoch >> step.elbo >> step.reconstruction >> step.kl;
        step.step = index;
        step.epoch = epoch;
    }
    in.setFloatingPointPrecision(QDataStream::DoublePrecision);
    quint64 epochCount = 0;
    in >> epochCount;
    if (epochCount > quint64(bytes.size()) / 76)
        throw fileError(path, QStringLiteral("corrupt history (%1 epochs)").arg(epochCount));
    history.epochs.resize(epochCount);
    for (EpochMetrics& epoch : history.epochs) {
        qint32 index = 0;
        qint64 step = 0;
        in >> index >> step >> epoch.elbo >> epoch.reconstruction >> epoch.kl >> epoch.testElbo >>
            epoch.testReconstruction >> epoch.testKl >> epoch.imagesPerSecond >> epoch.seconds;
        epoch.epoch = index;
        epoch.step = step;
    }
    if (in.status() != QDataStream::Ok)
        throw fileError(path, QStringLiteral("corrupt history section"));
    return history;
}

quint32 crc32Of(const QByteArray& bytes)
{
    return quint32(crc32(crc32(0L, Z_NULL, 0), reinterpret_cast<const Bytef*>(bytes.constData()), uInt(bytes.size())));
}

} // namespace

void writeCheckpointFile(const QString& path, const CheckpointContents& contents)
{
    QByteArray body;
    {
        QDataStream out(&body, QIODevice::WriteOnly);
        out.writeRawData(magic, magicSize);
        out << formatVersion;
        out << QJsonDocument(contents.meta).toJson(QJsonDocument::Compact);
        out << encodeHistory(contents.history);
        out << contents.tensors;
        out << QJsonDocument(contents.view).toJson(QJsonDocument::Compact);
    }
    QDataStream(&body, QIODevice::Append) << crc32Of(body);

    writeFileAtomically(path, body);
}

CheckpointContents readCheckpointFile(const QString& path)
{
    QFile file(path);
    if (!file.exists())
        throw fileError(path, QStringLiteral("no such file"));
    if (!file.open(QIODevice::ReadOnly))
        throw fileError(path, QStringLiteral("cannot read: %1").arg(file.errorString()));
    const QByteArray bytes = file.readAll();
    if (bytes.size() < magicSize || !bytes.startsWith(QByteArray(magic, magicSize)))
        throw fileError(path, QStringLiteral("not a vae-explorer checkpoint (no VAEXCKPT header)"));
    if (bytes.size() < magicSize + 8)
        throw fileError(path, QStringLiteral("truncated checkpoint (%1 bytes)").arg(bytes.size()));
    const QByteArray body = bytes.left(bytes.size() - 4);
    quint32 storedCrc = 0;
    QDataStream(bytes.right(4)) >> storedCrc;

    QDataStream in(body);
    in.skipRawData(magicSize);
    quint32 version = 0;
    in >> version;
    if (version != formatVersion)
        throw fileError(
            path, QStringLiteral("checkpoint format %1, this program reads format %2").arg(version).arg(formatVersion));
    if (storedCrc != crc32Of(body))
        throw fileError(path, QStringLiteral("truncated or corrupted checkpoint (checksum mismatch)"));

    QByteArray meta, history, view;
    CheckpointContents contents;
    in >> meta >> history >> contents.tensors >> view;
    if (in.status() != QDataStream::Ok || !in.atEnd())
        throw fileError(path, QStringLiteral("malformed checkpoint sections"));
    QJsonParseError error;
    contents.meta = QJsonDocument::fromJson(meta, &error).object();
    if (error.error != QJsonParseError::NoError)
        throw fileError(path, QStringLiteral("malformed settings: %1").arg(error.errorString()));
    contents.view = QJsonDocument::fromJson(view).object();
    contents.history = decodeHistory(history, path);
    return contents;
}

} // namespace vae
