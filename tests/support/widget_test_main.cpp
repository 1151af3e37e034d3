#include <QApplication>

#include <gtest/gtest.h>

// The latent views are widgets: they need a QApplication, on the offscreen platform unless the
// test's environment names another.
int main(int argc, char** argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication application(argc, argv);
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
