#pragma once

#include <QObject>

class QAction;
class QMenu;
class QWidget;

namespace vae {

class RecentFiles;

// Models are .vae files; anything else a user opens is a dataset.
bool isModelFile(const QString& path);

// The File menu: asks the user which dataset or model to open and where to save, and says what
// was chosen; the window carries it out.
class FileCommands : public QObject {
    Q_OBJECT
public:
    explicit FileCommands(QWidget* window);

    // `exportMenu` goes after the save actions.
    void fillMenu(QMenu* menu, QMenu* exportMenu) const;
    QAction* openDatasetFolder() const { return openDatasetFolder_; }
    QAction* openModel() const { return openModel_; }
    QAction* saveModel() const { return saveModel_; }

    // Remembers a dataset or model the user opened, for File > Recent.
    void remember(const QString& path);
    // Where Save Model writes without asking (the model's file, once it has one).
    void setModelPath(const QString& path);

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
    QString modelPath_;
    QString lastDirectory_;
};

} // namespace vae
