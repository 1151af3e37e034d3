#include "ui/latent/LatentClassColours.h"

#include <array>
#include <cmath>

namespace vae {

QColor classColour(int label)
{
    static const std::array<QRgb, 10> tableau{0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd,
                                              0x8c564b, 0xe377c2, 0x7f7f7f, 0xbcbd22, 0x17becf};
    if (label < 0)
        return QColor(0x80, 0x80, 0x80);
    if (label < int(tableau.size()))
        return QColor(tableau[std::size_t(label)]);
    const double goldenAngle = 137.50776405;
    return QColor::fromHsvF(std::fmod(label * goldenAngle, 360.0) / 360.0, 0.65, 0.85);
}

} // namespace vae
