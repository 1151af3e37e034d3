#pragma once

#include <QObject>

class QAction;
class QWidget;

namespace vae {

// Space starts, pauses and resumes training wherever the keyboard focus is in `window`, except in
// a field that takes text, where it types a space. Left to Qt, the focused widget would have it
// first: a combo box would open, a button would click.
class StartPauseKey : public QObject {
    Q_OBJECT
public:
    // Watches the application's key events for as long as it lives.
    StartPauseKey(QAction& startPause, QWidget& window);

    // Whether Space belongs to `widget` rather than to training.
    static bool takesText(const QWidget* widget);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    QAction& startPause_;
    QWidget& window_;
};

} // namespace vae
