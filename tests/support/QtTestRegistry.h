#pragma once

#include <QObject>
#include <QString>

#include <functional>
#include <map>
#include <memory>

namespace vae::testing {

// The QtTest classes of a test program by name, so CTest can run each as a test of its own
// (PROGRAM ClassName) from one executable that links the engine once.
using TestFactory = std::function<std::unique_ptr<QObject>()>;
std::map<QString, TestFactory>& qtTests();

template <typename Test>
struct RegisterQtTest {
    explicit RegisterQtTest(const char* name)
    {
        qtTests().emplace(QString::fromLatin1(name), [] { return std::make_unique<Test>(); });
    }
};

} // namespace vae::testing
