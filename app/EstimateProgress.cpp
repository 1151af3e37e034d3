#include "app/EstimateProgress.h"

#include <QTextStream>

#include <unistd.h>

namespace vae {

EstimateProgress::EstimateProgress(QString what, QString unit)
    : what_(std::move(what))
    , unit_(std::move(unit))
    , live_(isatty(STDERR_FILENO))
{
    sinceUpdate_.start();
}

EstimateProgress::~EstimateProgress()
{
    if (shown_)
        QTextStream(stderr) << '\n';
}

void EstimateProgress::update(int done, int total)
{
    if (!live_ || (sinceUpdate_.elapsed() < 250 && done < total))
        return;
    sinceUpdate_.restart();
    shown_ = true;
    QTextStream(stderr) << QStringLiteral("\r%1: %2/%3 %4   ").arg(what_).arg(done).arg(total).arg(unit_);
}

} // namespace vae
