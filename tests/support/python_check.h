#pragma once

#include <QString>
#include <QStringList>

namespace vae::testing {

// Runs a Python program with Debian's python3 (which has numpy and torch) and returns what it
// printed, trimmed; a non-zero exit or a time-out fails the calling test.
QString runPython(const QString& program, const QStringList& arguments);

} // namespace vae::testing
