#include "app/EvalCommand.h"

#include "app/CommandLine.h"
#include "app/SettingOptions.h"
#include "core/engine/Trainer.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

namespace vae {

int runEvalCommand(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Prints the test-set ELBO, reconstruction, KL (nats per image) and bits/dim of a checkpoint."));
    parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("A .vae checkpoint."));
    parser.addOptions({
        {QStringLiteral("dataset"), QStringLiteral("Evaluate on this dataset instead of the checkpoint's."),
         QStringLiteral("D")},
        {QStringLiteral("json"), QStringLiteral("Print one JSON object on stdout.")},
        {settingOption(Setting::Threads), QStringLiteral("Compute threads (default: one per core)."),
         QStringLiteral("N"), QStringLiteral("0")},
    });
    int exitCode = ExitOk;
    if (!parseCommandLine(parser, arguments, exitCode))
        return exitCode;
    if (parser.positionalArguments().size() != 1) {
        printError(QStringLiteral("eval: give exactly one checkpoint FILE (see eval --help)"));
        return ExitBadInput;
    }
    return runGuarded([&parser] {
        const QString path = parser.positionalArguments().constFirst();
        auto trainer =
            Trainer::fromCheckpoint(path, loadCheckpointDataset(path, parser.value(QStringLiteral("dataset"))));
        LiveSettings settings = LiveSettings::of(trainer->config());
        settings.threads = intOption(parser, settingOption(Setting::Threads));
        trainer->applyLiveSettings(settings);
        const Evaluation evaluation = trainer->evaluateTest();
        QTextStream out(stdout);
        if (parser.isSet(QStringLiteral("json"))) {
            const QJsonObject json{
                {QStringLiteral("elbo"), evaluation.elbo},
                {QStringLiteral("reconstruction"), evaluation.reconstruction},
                {QStringLiteral("kl"), evaluation.kl},
                {QStringLiteral("bits_per_dim"), evaluation.bitsPerDim},
                {QStringLiteral("images"), evaluation.images},
                {QStringLiteral("dataset"), trainer->dataset().source},
                {QStringLiteral("epochs"), trainer->completedEpochs()},
                {QStringLiteral("estimator"), toString(trainer->config().estimator)},
                {QStringLiteral("samples"), trainer->config().samples},
            };
            out << QJsonDocument(json).toJson(QJsonDocument::Compact) << '\n';
        } else {
            out << QStringLiteral("test set of %1 (%2 images), nats per image:\n")
                       .arg(trainer->dataset().source)
                       .arg(evaluation.images)
                << QStringLiteral("  elbo           %1\n").arg(evaluation.elbo, 0, 'f', 3)
                << QStringLiteral("  reconstruction %1\n").arg(evaluation.reconstruction, 0, 'f', 3)
                << QStringLiteral("  kl             %1\n").arg(evaluation.kl, 0, 'f', 3)
                << QStringLiteral("  bits/dim       %1\n").arg(evaluation.bitsPerDim, 0, 'f', 4);
        }
        return int(ExitOk);
    });
}

} // namespace vae
