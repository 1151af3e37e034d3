#include "tests/support/file_size_limit.h"

#include <gtest/gtest.h>

#include <csignal>

namespace vae::testing {

FileSizeLimit::FileSizeLimit(std::uint64_t bytes)
{
    previousHandler_ = std::signal(SIGXFSZ, SIG_IGN);
    getrlimit(RLIMIT_FSIZE, &previous_);
    const rlimit limit{rlim_t(bytes), previous_.rlim_max};
    if (setrlimit(RLIMIT_FSIZE, &limit) != 0)
        ADD_FAILURE() << "cannot set a file size limit";
}

FileSizeLimit::~FileSizeLimit()
{
    setrlimit(RLIMIT_FSIZE, &previous_);
    std::signal(SIGXFSZ, previousHandler_);
}

} // namespace vae::testing
