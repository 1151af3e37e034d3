#include "app/CommandLine.h"

#include "app/SettingOptions.h"
#include "core/data/ErrorText.h"
#include "core/data/InputError.h"
#include "core/data/LoadProgress.h"

#include <QTextStream>

#include <cstdio>

namespace vae {

void printError(const QString& message)
{
    QTextStream(stderr) << "vae-explorer: " << message << '\n';
}

bool parseCommandLine(QCommandLineParser& parser, const QStringList& arguments, int& exitCode)
{
    parser.addHelpOption();
    if (!parser.parse(arguments)) {
        printError(parser.errorText());
        exitCode = ExitBadInput;
        return false;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        QTextStream(stdout) << parser.helpText();
        exitCode = ExitOk;
        return false;
    }
    return true;
}

int runGuarded(const std::function<int()>& body)
{
    try {
        return body();
    } catch (const SettingError& error) {
        printError(commandLineMessage(error.problem()));
        return ExitBadInput;
    } catch (const InputError& error) {
        printError(QString::fromStdString(error.what()));
        return ExitBadInput;
    } catch (const LoadCancelled&) {
        printError(QStringLiteral("interrupted while loading the dataset"));
        return ExitInterrupted;
    } catch (const std::exception& error) {
        printError(firstLineOf(error));
        return ExitFailure;
    }
}

namespace {

QString numberError(const QString& name, const QString& text)
{
    return QStringLiteral("--%1: '%2' is not a number").arg(name, text);
}

} // namespace

int intOption(const QCommandLineParser& parser, const QString& name)
{
    bool ok = false;
    const int value = parser.value(name).toInt(&ok);
    if (!ok)
        throw InputError(numberError(name, parser.value(name)).toStdString());
    return value;
}

double doubleOption(const QCommandLineParser& parser, const QString& name)
{
    bool ok = false;
    const double value = parser.value(name).toDouble(&ok);
    if (!ok)
        throw InputError(numberError(name, parser.value(name)).toStdString());
    return value;
}

} // namespace vae
