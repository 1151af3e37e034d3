#pragma once

#include <QString>

namespace vae {

// The About box: what the program is and the versions of what it runs on, BLAS included
// (a reference BLAS makes training about 13 times slower).
QString aboutText();

} // namespace vae
