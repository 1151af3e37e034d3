#pragma once

#include <QColor>

namespace vae {

// The colour of a class in the scatter and its legend: ten distinct colours (Tableau's), then
// hues spread by the golden angle; grey for unlabelled data (label -1).
QColor classColour(int label);

} // namespace vae
