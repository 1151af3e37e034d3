#pragma once

#include "core/data/InputError.h"

#include <QDir>
#include <QString>

namespace vae {

// The one message shape every loader uses: "PATH: problem", so a user can find the file at fault.
inline InputError fileError(const QString& path, const QString& problem)
{
    return InputError((QDir::toNativeSeparators(path) + QStringLiteral(": ") + problem).toStdString());
}

} // namespace vae
