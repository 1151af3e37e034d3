#pragma once

#include "core/data/Dataset.h"

#include <QWidget>

#include <memory>

class QLabel;
class QProgressBar;
class QPushButton;

namespace vae {

class ElidedLabel;
class ImageStrip;

// What the model trains on: the dataset's name, source, size, image shape and a strip of
// training images.
class DatasetPanel : public QWidget {
    Q_OBJECT
public:
    explicit DatasetPanel(QWidget* parent = nullptr);

    void showDataset(const Dataset& dataset);
    // While a new dataset loads in the background; the current one stays shown. An image folder's
    // load shows how many files are decoded, with a button to cancel it.
    void showLoading(const QString& spec);
    void showLoadingProgress(int done, int total);
    void clearLoading();

Q_SIGNALS:
    void cancelLoadingRequested();

private:
    QLabel* name_;
    ElidedLabel* source_;
    QLabel* size_;
    QLabel* shape_;
    ElidedLabel* classes_;
    QLabel* loading_;
    QProgressBar* loadingProgress_;
    QPushButton* cancelLoading_;
    ImageStrip* samples_;
};

} // namespace vae
