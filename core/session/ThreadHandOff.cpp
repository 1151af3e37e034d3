#include "core/session/ThreadHandOff.h"

#include <QThread>

namespace vae {

void makeJoinable(QThread& thread)
{
    // finished is emitted on the ending thread itself, after the last thing it runs of ours.
    QObject::connect(
        &thread, &QThread::finished, &thread, [&thread] { releaseHandOff(&thread); }, Qt::DirectConnection);
}

void joinThread(QThread& thread)
{
    thread.wait();
    acquireHandOff(&thread);
}

} // namespace vae
