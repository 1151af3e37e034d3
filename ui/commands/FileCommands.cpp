#include "ui/commands/FileCommands.h"

#include "ui/commands/RecentFiles.h"
#include "ui/commands/RunState.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QStyle>
#include <QWidget>

#include <algorithm>

namespace vae {
namespace {

const QString modelSuffix = QStringLiteral("vae");
const QString shapesSpec = QStringLiteral("builtin:shapes");

QString modelFilter()
{
    return FileCommands::tr("vae-explorer models (*.vae)");
}

QAction* action(const QString& text, const QKeySequence& shortcut, QObject* parent)
{
    auto* result = new QAction(text, parent);
    result->setShortcut(shortcut);
    return result;
}

} // namespace

bool isModelFile(const QString& path)
{
    return QFileInfo(path).suffix() == modelSuffix;
}

FileCommands::FileCommands(const RunState& run, QWidget* window)
    : QObject(window)
    , run_(run)
    , window_(window)
    , openDatasetFolder_(action(tr("Open Dataset &Folder…"), QKeySequence::Open, this))
    , openDatasetFiles_(action(tr("Open Dataset F&iles…"), QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_O), this))
    , openShapes_(action(tr("Open the Built-in &Shapes Dataset"), {}, this))
    , openModel_(action(tr("Open &Model…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O), this))
    , saveModel_(action(tr("&Save Model"), QKeySequence::Save, this))
    , saveModelAs_(action(tr("Save Model &As…"), QKeySequence::SaveAs, this))
    , quit_(action(tr("&Quit"), QKeySequence::Quit, this))
    , recentMenu_(new QMenu(tr("Open &Recent"), window))
    , recent_(new RecentFiles(recentMenu_, this))
    , lastDirectory_(QDir::homePath())
{
    openDatasetFolder_->setIcon(QApplication::style()->standardIcon(QStyle::SP_DirOpenIcon));
    openDatasetFolder_->setToolTip(
        tr("Open a folder of IDX files (MNIST, Fashion-MNIST, …), of CIFAR batches, or of images in one subfolder "
           "per class"));
    openDatasetFiles_->setToolTip(
        tr("Open IDX or .npy files (the images, and optionally their labels) or a Keras .npz archive"));
    saveModel_->setIcon(QApplication::style()->standardIcon(QStyle::SP_DialogSaveButton));
    quit_->setMenuRole(QAction::QuitRole);
    connect(openDatasetFolder_, &QAction::triggered, this, &FileCommands::chooseDatasetFolder);
    connect(openDatasetFiles_, &QAction::triggered, this, &FileCommands::chooseDatasetFiles);
    connect(openShapes_, &QAction::triggered, this, [this] { Q_EMIT datasetChosen(shapesSpec); });
    connect(openModel_, &QAction::triggered, this, &FileCommands::chooseModel);
    connect(saveModel_, &QAction::triggered, this, &FileCommands::save);
    connect(saveModelAs_, &QAction::triggered, this, &FileCommands::saveAs);
    connect(quit_, &QAction::triggered, window_, &QWidget::close);
    connect(recent_, &RecentFiles::chosen, this, &FileCommands::openRecent);
}

void FileCommands::fillMenu(QMenu* menu, QMenu* exportMenu) const
{
    menu->addAction(openDatasetFolder_);
    menu->addAction(openDatasetFiles_);
    menu->addAction(openShapes_);
    menu->addSeparator();
    menu->addAction(openModel_);
    menu->addAction(saveModel_);
    menu->addAction(saveModelAs_);
    menu->addMenu(exportMenu);
    menu->addSeparator();
    menu->addMenu(recentMenu_);
    menu->addSeparator();
    menu->addAction(quit_);
}

void FileCommands::remember(const QString& path)
{
    recent_->add(path);
    const QFileInfo file(path);
    if (file.exists())
        lastDirectory_ = file.isDir() ? file.absoluteFilePath() : file.absolutePath();
}

void FileCommands::chooseDatasetFolder()
{
    const QString folder = QFileDialog::getExistingDirectory(window_, tr("Open Dataset Folder"), lastDirectory_);
    if (!folder.isEmpty())
        Q_EMIT datasetChosen(folder);
}

void FileCommands::chooseDatasetFiles()
{
    QStringList files = QFileDialog::getOpenFileNames(
        window_, tr("Open Dataset Files: the images, and their labels if any"), lastDirectory_,
        tr("Datasets (*.npy *.npz *-ubyte *-ubyte.gz *.idx *.idx.gz);;All files (*)"));
    if (files.isEmpty())
        return;
    // The loader takes IMAGES,LABELS; a dialog returns the two in no particular order.
    std::stable_sort(files.begin(), files.end(), [](const QString& a, const QString& b) {
        return !QFileInfo(a).fileName().contains(QLatin1String("label"), Qt::CaseInsensitive) &&
            QFileInfo(b).fileName().contains(QLatin1String("label"), Qt::CaseInsensitive);
    });
    Q_EMIT datasetChosen(files.mid(0, 2).join(QLatin1Char(',')));
}

void FileCommands::chooseModel()
{
    const QString path = QFileDialog::getOpenFileName(window_, tr("Open Model"), lastDirectory_, modelFilter());
    if (!path.isEmpty())
        Q_EMIT modelChosen(path);
}

void FileCommands::save()
{
    if (run_.modelPath().isEmpty())
        saveAs();
    else
        Q_EMIT saveChosen(run_.modelPath());
}

void FileCommands::saveAs()
{
    const QString suggested =
        run_.modelPath().isEmpty() ? QDir(lastDirectory_).filePath(QStringLiteral("model.vae")) : run_.modelPath();
    QFileDialog dialog(window_, tr("Save Model"), suggested, modelFilter());
    dialog.setAcceptMode(QFileDialog::AcceptSave);
    dialog.setDefaultSuffix(modelSuffix);
    dialog.selectFile(suggested);
    if (dialog.exec() == QDialog::Accepted && !dialog.selectedFiles().isEmpty())
        Q_EMIT saveChosen(dialog.selectedFiles().constFirst());
}

void FileCommands::openRecent(const QString& path)
{
    if (isModelFile(path))
        Q_EMIT modelChosen(path);
    else
        Q_EMIT datasetChosen(path);
}

} // namespace vae
