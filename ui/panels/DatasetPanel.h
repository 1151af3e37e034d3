#pragma once

#include "core/data/Dataset.h"

#include <QWidget>

#include <memory>

class QLabel;

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
    // While a new dataset loads in the background; the current one stays shown.
    void showLoading(const QString& spec);
    void clearLoading();

private:
    QLabel* name_;
    ElidedLabel* source_;
    QLabel* size_;
    QLabel* shape_;
    ElidedLabel* classes_;
    QLabel* loading_;
    ImageStrip* samples_;
};

} // namespace vae
