#include "core/files/MetricsCsv.h"

#include "core/files/AtomicFile.h"

#include <QIODevice>
#include <QTextStream>

namespace vae {
namespace {

template <typename WriteRows>
void writeCsv(const QString& path, const char* header, WriteRows writeRows)
{
    // Composed in memory and written in one piece, so a failed write is told from a full one.
    QByteArray bytes;
    {
        QTextStream out(&bytes, QIODevice::WriteOnly);
        out.setRealNumberPrecision(9);
        out << header << '\n';
        writeRows(out);
    }
    writeFileAtomically(path, bytes);
}

} // namespace

void writeEpochsCsv(const QString& path, const MetricHistory& history)
{
    writeCsv(path, "epoch,step,elbo,reconstruction,kl,test_elbo,test_reconstruction,test_kl,images_per_s,seconds",
             [&history](QTextStream& out) {
                 for (const EpochMetrics& e : history.epochs)
                     out << e.epoch << ',' << e.step << ',' << e.elbo << ',' << e.reconstruction << ',' << e.kl << ','
                         << e.testElbo << ',' << e.testReconstruction << ',' << e.testKl << ',' << e.imagesPerSecond
                         << ',' << e.seconds << '\n';
             });
}

void writeStepsCsv(const QString& path, const MetricHistory& history)
{
    writeCsv(path, "step,epoch,elbo,reconstruction,kl", [&history](QTextStream& out) {
        for (const StepMetrics& s : history.steps)
            out << s.step << ',' << s.epoch << ',' << s.elbo << ',' << s.reconstruction << ',' << s.kl << '\n';
    });
}

} // namespace vae
