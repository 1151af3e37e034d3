#include "core/engine/EngineRuntime.h"

#include <gtest/gtest.h>

using namespace vae;

TEST(EngineRuntime, OnlyTheReferenceBlasIsWarnedAboutWithItsNameAndTheFix)
{
    const QString reference = QStringLiteral("/usr/lib/x86_64-linux-gnu/blas/libblas.so.3");
    const QString warning = slowBlasWarning({reference, true});
    EXPECT_TRUE(warning.contains(reference)) << warning.toStdString();
    EXPECT_TRUE(warning.contains(QStringLiteral("libopenblas0-openmp"))) << warning.toStdString();
    EXPECT_TRUE(
        slowBlasWarning({QStringLiteral("/usr/lib/x86_64-linux-gnu/libopenblasp-r0.3.21.so"), false}).isEmpty());
}
