#pragma once

#include <QObject>
#include <QString>

#include <functional>
#include <map>
#include <memory>

namespace vae::testing {

// The QtTest classes of test_ui by name, so CTest can run each as a test of its own
// (test_ui ClassName) from one executable that links the engine once.
using TestFactory = std::function<std::unique_ptr<QObject>()>;
std::map<QString, TestFactory>& uiTests();

template <typename Test>
struct RegisterUiTest {
    explicit RegisterUiTest(const char* name)
    {
        uiTests().emplace(QString::fromLatin1(name), [] { return std::make_unique<Test>(); });
    }
};

} // namespace vae::testing
