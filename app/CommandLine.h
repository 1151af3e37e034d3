#pragma once

#include <QCommandLineParser>
#include <QString>
#include <QStringList>

#include <functional>

namespace vae {

// Exit codes shared by every command.
enum ExitCode { ExitOk = 0, ExitFailure = 1, ExitBadInput = 2, ExitInterrupted = 130 };

void printError(const QString& message);

// Parses `arguments` (argv without the command word) and handles --help. Returns false after
// printing a usage error; `exitCode` is then what the command should return.
bool parseCommandLine(QCommandLineParser& parser, const QStringList& arguments, int& exitCode);

// Runs a command body, mapping InputError to exit 2, LoadCancelled to exit 130 and any other
// exception to exit 1, each as a one-line message on stderr; a SettingError's message names the
// option for the setting.
int runGuarded(const std::function<int()>& body);

// Numeric options: throw InputError("--name: 'x' is not a number").
int intOption(const QCommandLineParser& parser, const QString& name);
double doubleOption(const QCommandLineParser& parser, const QString& name);

} // namespace vae
