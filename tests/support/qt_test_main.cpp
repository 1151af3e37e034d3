#include "tests/support/QtTestRegistry.h"

#include <QApplication>
#include <QTest>
#include <QTextStream>

namespace vae::testing {

std::map<QString, TestFactory>& qtTests()
{
    static std::map<QString, TestFactory> tests;
    return tests;
}

} // namespace vae::testing

// PROGRAM [ClassName] [QtTest options]: runs one test class, or all of them.
int main(int argc, char** argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("vae-explorer-tests"));
    QApplication::setApplicationName(QStringLiteral("test_ui"));

    std::vector<char*> arguments(argv, argv + argc);
    QStringList chosen;
    if (arguments.size() > 1 && vae::testing::qtTests().count(QString::fromLocal8Bit(arguments[1]))) {
        chosen << QString::fromLocal8Bit(arguments[1]);
        arguments.erase(arguments.begin() + 1);
    } else {
        for (const auto& [name, factory] : vae::testing::qtTests())
            chosen << name;
    }
    int failures = 0;
    for (const QString& name : chosen) {
        const std::unique_ptr<QObject> test = vae::testing::qtTests().at(name)();
        failures += QTest::qExec(test.get(), int(arguments.size()), arguments.data());
    }
    return failures == 0 ? 0 : 1;
}
