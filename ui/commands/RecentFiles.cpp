#include "ui/commands/RecentFiles.h"

#include "ui/commands/AppSettings.h"

#include <QDir>
#include <QMenu>

namespace vae {
namespace {

constexpr int maximumEntries = 10;

} // namespace

RecentFiles::RecentFiles(QMenu* menu, QObject* parent)
    : QObject(parent)
    , menu_(menu)
    , paths_(storedRecentFiles())
{
    rebuildMenu();
}

void RecentFiles::add(const QString& path)
{
    // Storing the list writes the settings file (synced to disk) on the GUI thread: not on every
    // save of the same file.
    if (!paths_.isEmpty() && paths_.constFirst() == path)
        return;
    paths_.removeAll(path);
    paths_.prepend(path);
    while (paths_.size() > maximumEntries)
        paths_.removeLast();
    storeRecentFiles(paths_);
    rebuildMenu();
}

void RecentFiles::rebuildMenu()
{
    menu_->clear();
    for (int i = 0; i < paths_.size(); ++i) {
        const QString& path = paths_[i];
        // &1 to &9 and &0 give the first ten entries a keyboard accelerator.
        QString shown = QDir::toNativeSeparators(path);
        shown.replace(QLatin1Char('&'), QStringLiteral("&&"));
        QAction* action = menu_->addAction(tr("&%1  %2").arg((i + 1) % 10).arg(shown));
        connect(action, &QAction::triggered, this, [this, path] { Q_EMIT chosen(path); });
    }
    if (paths_.isEmpty()) {
        menu_->addAction(tr("No recent files"))->setEnabled(false);
        return;
    }
    menu_->addSeparator();
    connect(menu_->addAction(tr("Clear List")), &QAction::triggered, this, [this] {
        paths_.clear();
        storeRecentFiles(paths_);
        rebuildMenu();
    });
}

} // namespace vae
