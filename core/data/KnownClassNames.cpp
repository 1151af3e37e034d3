#include "core/data/KnownClassNames.h"

#include <algorithm>

namespace vae {
namespace {

QStringList fashionMnistClassNames()
{
    return {QStringLiteral("T-shirt/top"), QStringLiteral("Trouser"), QStringLiteral("Pullover"),
            QStringLiteral("Dress"),       QStringLiteral("Coat"),    QStringLiteral("Sandal"),
            QStringLiteral("Shirt"),       QStringLiteral("Sneaker"), QStringLiteral("Bag"),
            QStringLiteral("Ankle boot")};
}

QStringList digitClassNames()
{
    QStringList names;
    for (int digit = 0; digit <= 9; ++digit)
        names << QString::number(digit);
    return names;
}

} // namespace

QStringList guessClassNames(const QString& sourcePath, const std::vector<std::int32_t>& labels)
{
    const bool tenClasses = !labels.empty() &&
        std::all_of(labels.begin(), labels.end(), [](std::int32_t label) { return label >= 0 && label <= 9; });
    if (!tenClasses)
        return {};
    if (sourcePath.contains(QLatin1String("fashion"), Qt::CaseInsensitive))
        return fashionMnistClassNames();
    return digitClassNames();
}

} // namespace vae
