#include "tests/support/QtTestRegistry.h"
#include "tests/support/tiny_fixture.h"

#include "core/session/TrainingSession.h"
#include "ui/commands/AppSettings.h"
#include "ui/latent/LatentExplorer.h"
#include "ui/latent/LatentPlanePanel.h"
#include "ui/latent/LatentPlaneView.h"
#include "ui/window/MainWindow.h"

#include <QDockWidget>
#include <QGuiApplication>
#include <QMainWindow>
#include <QScreen>
#include <QSettings>
#include <QTabBar>
#include <QTabWidget>
#include <QTest>
#include <QToolButton>

namespace vae::testing {
namespace {

// The screen the test runs on: CTest runs this class on offscreen screens of 1400 x 900 and
// 1024 x 700 (tests/ui/window/CMakeLists.txt).
QSize screenSize()
{
    return QGuiApplication::primaryScreen()->availableSize();
}

bool wideScreen()
{
    return screenSize().width() >= 1400 && screenSize().height() >= 900;
}

QString describe(const QRectF& rect)
{
    return QStringLiteral("%1x%2 at (%3, %4)").arg(rect.width()).arg(rect.height()).arg(rect.x()).arg(rect.y());
}

} // namespace

class WindowLayoutTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init() { QSettings().clear(); }

    void theWindowFitsTheScreenAndThePlaneIsItsLargestPart()
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.openDataset(QStringLiteral("builtin:shapes"));
        const LatentPlaneView& plane = window.explorer().planePanel().view();
        QVERIFY(waitUntil([&] { return !plane.gridImage().isNull(); }));
        QTest::qWait(100); // the docks' heights are arranged once the window is laid out

        const QSize screen = screenSize();
        QVERIFY2(window.minimumSizeHint().width() <= screen.width() &&
                     window.minimumSizeHint().height() <= screen.height(),
                 qPrintable(QStringLiteral("minimum %1x%2")
                                .arg(window.minimumSizeHint().width())
                                .arg(window.minimumSizeHint().height())));
        // Its own size: the offscreen platform, like a window manager, adds a frame around it.
        QVERIFY2(window.width() <= screen.width() && window.height() <= screen.height(),
                 qPrintable(describe(window.geometry())));

        const QRectF plot = plane.plotRect();
        const double side = std::min(plot.width(), plot.height());
        qInfo("on a %dx%d screen: window %dx%d, the plane's plot %s, its grid %d cells drawn %d px wide",
              screen.width(), screen.height(), window.width(), window.height(), qPrintable(describe(plot)),
              window.explorer().planePanel().cellsShown(), plane.gridPixelRect().width());
        if (wideScreen())
            QVERIFY2(side >= 560, qPrintable(describe(plot)));
        // Larger than anything else the window shows: every dock on screen.
        for (const QDockWidget* dock : window.findChildren<QDockWidget*>()) {
            if (!dock->isVisible() || dock->visibleRegion().isEmpty())
                continue;
            const QSize shown = dock->widget()->size();
            QVERIFY2(double(shown.width()) * shown.height() < plot.width() * plot.height(),
                     qPrintable(QStringLiteral("%1 is %2x%3, the plane's plot %4")
                                    .arg(dock->windowTitle())
                                    .arg(shown.width())
                                    .arg(shown.height())
                                    .arg(describe(plot))));
        }
    }

    void cellsAreDrawnAtAWholeNumberScaleOfTheirImages()
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.openDataset(QStringLiteral("builtin:shapes"));
        LatentPlanePanel& panel = window.explorer().planePanel();
        const LatentPlaneView& plane = panel.view();
        QVERIFY(waitUntil([&] { return !plane.gridImage().isNull(); }));
        QTest::qWait(100);
        QVERIFY(waitUntil([&] { return plane.gridImage().width() == panel.cellsShown() * 28; }));

        const QRect drawn = plane.gridPixelRect();
        const QImage& grid = plane.gridImage();
        QVERIFY2(drawn.width() >= grid.width() && drawn.width() % grid.width() == 0,
                 qPrintable(QStringLiteral("a %1-pixel grid drawn %2 wide").arg(grid.width()).arg(drawn.width())));
        QCOMPARE(drawn.height(), drawn.width() / grid.width() * grid.height());
        QVERIFY(plane.plotRect().contains(QRectF(drawn)));
        // The 20 cells chosen by default, or as many as fit whole on a smaller plot.
        const int fitting = int(std::min(plane.plotRect().width(), plane.plotRect().height())) / 28;
        QCOMPARE(panel.cellsShown(), std::min(20, fitting));
        if (wideScreen())
            QCOMPARE(panel.cellsShown(), 20);
    }

    void everyExplorerTabIsInSightWithoutScrolling()
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTest::qWait(100);
        const QTabBar* bar = window.explorer().tabs().tabBar();
        for (int tab = 0; tab < bar->count(); ++tab)
            QVERIFY2(bar->rect().contains(bar->tabRect(tab)),
                     qPrintable(QStringLiteral("tab '%1' at %2 in a bar %3 wide")
                                    .arg(bar->tabText(tab), describe(bar->tabRect(tab)))
                                    .arg(bar->width())));
        for (const QToolButton* scroll : bar->findChildren<QToolButton*>())
            QVERIFY(!scroll->isVisible());
    }

    void aLayoutSavedOnAWideScreenStillFitsANarrowOne()
    {
        {
            // What a wide screen saves: docks side by side, the window larger than this screen.
            MainWindow wide;
            for (QDockWidget* dock : wide.findChildren<QDockWidget*>())
                wide.addDockWidget(Qt::RightDockWidgetArea, dock);
            wide.resize(1600, 1000);
            storeWindowLayout(wide, QStringLiteral("wide"));
        }
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        const QSize screen = screenSize();
        QVERIFY2(window.width() <= screen.width() && window.height() <= screen.height(),
                 qPrintable(describe(window.geometry())));
        QVERIFY2(window.minimumSizeHint().width() <= screen.width(), qPrintable(describe(window.geometry())));
        if (!wideScreen()) {
            // As on a fresh start: the docks are tabs of one column.
            auto* curves = window.findChild<QDockWidget*>(QStringLiteral("curvesDock"));
            QCOMPARE(window.tabifiedDockWidgets(curves).size(), qsizetype(3));
        }
    }
};

namespace {
const RegisterQtTest<WindowLayoutTest> registration("WindowLayout");
} // namespace

} // namespace vae::testing

#include "test_window_layout.moc"
