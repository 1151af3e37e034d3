#pragma once

#include <QObject>

class QAction;
class QMenu;
class QWidget;

namespace vae {

class RecentFiles;
class RunState;

// Models are .vae files; anything else a user opens is a dataset.
bool isModelFile(const QString& path);

// The File menu: asks the user which dataset or model to open and where to save, and says what
// was chosen; the window carries it out.
class FileCommands : public QObject {
    Q_OBJECT
public:
    // Save Model writes to the run's model path without asking, once it has one.
    FileCommands(const RunState& run, QWidget* window);

    // `exportMenu` goes after the save actions.
    void fillMenu(QMenu* menu, QMenu* exportMenu) const;
    QAction* openDatasetFolder() const { return openDatasetFolder_; }
    QAction* openModel() const { return openModel_; }
    QAction* saveModel() const { return saveModel_; }

    // Remembers a dataset or model the user opened, for File > Recent.
    void remember(const QString& path);

Q_SIGNALS:
    void datasetChosen(const QString& spec);
    void modelChosen(const QString& path);
    void saveChosen(const QString& path);

private:
    void chooseDatasetFolder();
    void chooseDatasetFiles();
    void chooseModel();
    void save();
    void saveAs();
    void openRecent(const QString& path);

    const RunState& run_;
    QWidget* window_;
    QAction* openDatasetFolder_;
    QAction* openDatasetFiles_;
    QAction* openShapes_;
    QAction* openModel_;
    QAction* saveModel_;
    QAction* saveModelAs_;
    QAction* quit_;
    QMenu* recentMenu_;
    RecentFiles* recent_;
    QString lastDirectory_;
};

} // namespace vae
