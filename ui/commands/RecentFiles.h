#pragma once

#include <QObject>
#include <QStringList>

class QMenu;

namespace vae {

// The File > Recent menu: datasets and models opened lately, newest first, kept across launches.
class RecentFiles : public QObject {
    Q_OBJECT
public:
    explicit RecentFiles(QMenu* menu, QObject* parent = nullptr);

    void add(const QString& path);
    const QStringList& paths() const { return paths_; }

Q_SIGNALS:
    void chosen(const QString& path);

private:
    void rebuildMenu();

    QMenu* menu_;
    QStringList paths_;
};

} // namespace vae
