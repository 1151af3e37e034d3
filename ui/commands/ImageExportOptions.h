#pragma once

#include <optional>

class QWidget;

namespace vae {

// How large an exported picture's cells are and how far apart.
struct ImageExportLayout {
    int cellPixels = 0; // 0: twice the image's side
    int border = 1;
};

// Asks for the cell size (whole multiples of `imageSide`, so scaling stays sharp) and the border;
// nothing when cancelled.
std::optional<ImageExportLayout> askImageExportLayout(QWidget* parent, int imageSide, const ImageExportLayout& current);

} // namespace vae
