#include <QCoreApplication>

#include <gtest/gtest.h>

// Image format plugins (JPEG) are found through the application object. A QCoreApplication, not
// a QGuiApplication, because the headless commands load datasets with no more than that.
int main(int argc, char** argv)
{
    QCoreApplication application(argc, argv);
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
