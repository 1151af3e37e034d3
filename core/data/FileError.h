#pragma once

#include "core/data/InputError.h"

#include <QDir>
#include <QString>

namespace vae {

// The one message shape every loader uses: "PATH: problem", so a user can find the file at fault.
inline QString fileMessage(const QString& path, const QString& problem)
{
    return QDir::toNativeSeparators(path) + QStringLiteral(": ") + problem;
}

inline InputError fileError(const QString& path, const QString& problem)
{
    return InputError(fileMessage(path, problem).toStdString());
}

} // namespace vae
