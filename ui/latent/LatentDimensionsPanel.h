#pragma once

#include <QWidget>

#include <memory>

class QCheckBox;
class QLabel;

namespace vae {

struct EncodedTestSet;
class LatentKlChart;
class LatentSpace;
class LatentTraversalPanel;

// Which dimensions the model uses: the KL each carries on the test set, with the active units
// marked and counted, updated with every encoding of the test set; and beneath, what each one
// does to the decoded image (the traversals).
class LatentDimensionsPanel : public QWidget {
    Q_OBJECT
public:
    explicit LatentDimensionsPanel(LatentSpace& space, QWidget* parent = nullptr);

    LatentKlChart& chart() const { return *chart_; }
    LatentTraversalPanel& traversals() const { return *traversals_; }
    // "3 of 8 dimensions active ...", or what the chart waits for.
    QString summary() const;

Q_SIGNALS:
    void failed(const QString& message);

private:
    void showEncoding();

    LatentSpace& space_;
    QLabel* summary_;
    QCheckBox* sorted_;
    LatentKlChart* chart_;
    LatentTraversalPanel* traversals_;
    std::shared_ptr<const EncodedTestSet> shown_; // the chart redraws only for a new encoding
};

} // namespace vae
