#include "core/files/CheckpointFile.h"

#include "core/data/InputError.h"

#include <QDataStream>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSaveFile>

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

MetricHistory decodeHistory(const QByteArray& bytes, const QString& fileName)
{
    QDataStream in(bytes);
    in.setFloatingPointPrecision(QDataStream::SinglePrecision);
    MetricHistory history;
    quint64 stepCount = 0;
    in >> stepCount;
    if (stepCount > quint64(bytes.size()) / 20)
        throw InputError(QStringLiteral("%1: corrupt history (%2 steps in %3 bytes)")
                             .arg(fileName)
                             .arg(stepCount)
                             .arg(bytes.size())
                             .toStdString());
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
        throw InputError(QStringLiteral("%1: corrupt history (%2 epochs)").arg(fileName).arg(epochCount).toStdString());
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
        throw InputError(QStringLiteral("%1: corrupt history section").arg(fileName).toStdString());
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

    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        throw std::runtime_error(QStringLiteral("%1: cannot write: %2").arg(path, file.errorString()).toStdString());
    if (file.write(body) != body.size() || !file.commit())
        throw std::runtime_error(QStringLiteral("%1: cannot write: %2").arg(path, file.errorString()).toStdString());
}

CheckpointContents readCheckpointFile(const QString& path)
{
    const QString name = QFileInfo(path).fileName();
    QFile file(path);
    if (!file.exists())
        throw InputError(QStringLiteral("%1: no such file").arg(path).toStdString());
    if (!file.open(QIODevice::ReadOnly))
        throw InputError(QStringLiteral("%1: cannot read: %2").arg(path, file.errorString()).toStdString());
    const QByteArray bytes = file.readAll();
    if (bytes.size() < magicSize || !bytes.startsWith(QByteArray(magic, magicSize)))
        throw InputError(
            QStringLiteral("%1: not a vae-explorer checkpoint (no VAEXCKPT header)").arg(path).toStdString());
    if (bytes.size() < magicSize + 8)
        throw InputError(
            QStringLiteral("%1: truncated checkpoint (%2 bytes)").arg(path).arg(bytes.size()).toStdString());
    const QByteArray body = bytes.left(bytes.size() - 4);
    quint32 storedCrc = 0;
    QDataStream(bytes.right(4)) >> storedCrc;

    QDataStream in(body);
    in.skipRawData(magicSize);
    quint32 version = 0;
    in >> version;
    if (version != formatVersion)
        throw InputError(QStringLiteral("%1: checkpoint format %2, this program reads format %3")
                             .arg(path)
                             .arg(version)
                             .arg(formatVersion)
                             .toStdString());
    if (storedCrc != crc32Of(body))
        throw InputError(
            QStringLiteral("%1: truncated or corrupted checkpoint (checksum mismatch)").arg(path).toStdString());

    QByteArray meta, history, view;
    CheckpointContents contents;
    in >> meta >> history >> contents.tensors >> view;
    if (in.status() != QDataStream::Ok || !in.atEnd())
        throw InputError(QStringLiteral("%1: malformed checkpoint sections").arg(path).toStdString());
    QJsonParseError error;
    contents.meta = QJsonDocument::fromJson(meta, &error).object();
    if (error.error != QJsonParseError::NoError)
        throw InputError(QStringLiteral("%1: malformed settings: %2").arg(path, error.errorString()).toStdString());
    contents.view = QJsonDocument::fromJson(view).object();
    contents.history = decodeHistory(history, name);
    return contents;
}

} // namespace vae
