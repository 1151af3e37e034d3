#pragma once

class QWidget;

namespace vae {

// SIGTERM, SIGINT and SIGHUP close `window` as if the user had (QWidget::close), so a logout,
// Ctrl+C in a terminal or a kill shut down the same clean way: training stops, settings are saved.
void closeOnTerminationSignals(QWidget& window);

} // namespace vae
