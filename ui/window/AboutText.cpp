#include "ui/window/AboutText.h"

#include "core/engine/EngineRuntime.h"

#include <QCoreApplication>
#include <qcustomplot.h>

namespace vae {

QString aboutText()
{
    const BlasInfo blas = detectBlas();
    QString blasText =
        blas.library.isEmpty() ? QCoreApplication::translate("About", "not found") : blas.library.toHtmlEscaped();
    if (blas.isReference)
        blasText += QCoreApplication::translate("About", " — the slow reference BLAS: install libopenblas0-openmp");
    return QCoreApplication::translate(
               "About",
               "<h3>vae-explorer %1</h3>"
               "<p>Trains a Variational Auto-Encoder (Kingma &amp; Welling, <i>Auto-Encoding Variational "
               "Bayes</i>) and shows it learn.</p>"
               "<table>"
               "<tr><td>Qt</td><td>%2 (built with %3)</td></tr>"
               "<tr><td>LibTorch</td><td>%4</td></tr>"
               "<tr><td>BLAS</td><td>%5</td></tr>"
               "<tr><td>QCustomPlot</td><td>%6</td></tr>"
               "</table>")
        .arg(QCoreApplication::applicationVersion().toHtmlEscaped(), QString::fromLatin1(qVersion()),
             QStringLiteral(QT_VERSION_STR), torchVersion(), blasText, QStringLiteral(QCUSTOMPLOT_VERSION_STR));
}

} // namespace vae
