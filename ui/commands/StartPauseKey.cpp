#include "ui/commands/StartPauseKey.h"

#include <QAbstractSpinBox>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QKeyEvent>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QTextEdit>

namespace vae {

StartPauseKey::StartPauseKey(QAction& startPause, QWidget& window)
    : QObject(&window)
    , startPause_(startPause)
    , window_(window)
{
    qApp->installEventFilter(this);
}

bool StartPauseKey::takesText(const QWidget* widget)
{
    if (const auto* combo = qobject_cast<const QComboBox*>(widget))
        return combo->isEditable();
    return qobject_cast<const QLineEdit*>(widget) || qobject_cast<const QAbstractSpinBox*>(widget) ||
        qobject_cast<const QTextEdit*>(widget) || qobject_cast<const QPlainTextEdit*>(widget);
}

bool StartPauseKey::eventFilter(QObject* watched, QEvent* event)
{
    if (event->type() != QEvent::ShortcutOverride && event->type() != QEvent::KeyPress)
        return false;
    const auto* key = static_cast<QKeyEvent*>(event);
    const auto* target = qobject_cast<QWidget*>(watched);
    if (key->key() != Qt::Key_Space || key->modifiers() != Qt::NoModifier || !target || target->window() != &window_)
        return false;
    const QWidget* focus = QApplication::focusWidget();
    if (focus && (takesText(focus) || focus->window() != &window_))
        return false;
    // Claiming the override keeps the action's own shortcut from firing as well: the key press
    // that follows is where the run starts or pauses, once.
    if (event->type() == QEvent::ShortcutOverride) {
        event->accept();
        return true;
    }
    if (!key->isAutoRepeat() && startPause_.isEnabled())
        startPause_.trigger();
    return true;
}

} // namespace vae
