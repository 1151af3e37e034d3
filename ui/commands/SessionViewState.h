#pragma once

#include <QJsonObject>

namespace vae {

class CurvesView;
class LatentExplorer;

// How the window looked at a run, as JSON for the session's .vae file: the latent plane (axes,
// reference, grid, cursor, selected image), the decoder output, the interpolation, the samples,
// the open tab, and how the curves are drawn.
QJsonObject collectViewState(const LatentExplorer& explorer, const CurvesView& curves);

// Puts the window back as `view` says; call once the explorer has the run's first snapshot (the
// plane's axes need the latent dimension). Parts missing or not fitting this model are left as
// they are, so a file from an older version or another model still opens.
void restoreViewState(const QJsonObject& view, LatentExplorer& explorer, CurvesView& curves);

} // namespace vae
