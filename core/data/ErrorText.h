#pragma once

#include <QString>

#include <exception>

namespace vae {

// The first line of an error's text: what a one-line message (a banner, a status line, the command
// line's error) shows. LibTorch's errors go on with the C++ source of the failed check and a backtrace.
inline QString firstLine(const char* text)
{
    return QString::fromUtf8(text).section(QLatin1Char('\n'), 0, 0);
}

inline QString firstLineOf(const std::exception& error)
{
    return firstLine(error.what());
}

} // namespace vae
