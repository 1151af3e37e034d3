#pragma once

#include <QElapsedTimer>
#include <QString>

namespace vae {

// "what: done/total units" on one line of stderr, rewritten a few times a second, when stderr is
// a terminal (a log file or a pipe gets nothing: the estimates can take minutes, but their
// progress is no result).
class EstimateProgress {
public:
    explicit EstimateProgress(QString what, QString unit = QStringLiteral("images"));
    ~EstimateProgress(); // ends the line

    void update(int done, int total);

private:
    QString what_;
    QString unit_;
    bool live_;
    bool shown_ = false;
    QElapsedTimer sinceUpdate_;
};

} // namespace vae
