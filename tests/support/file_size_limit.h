#pragma once

#include <cstdint>

#include <sys/resource.h>

namespace vae::testing {

// A file size limit for this process while it lives, as a full disk without mounting one: writes
// past it fail with EFBIG ("File too large"), for root too. SIGXFSZ, which would end the process,
// is ignored meanwhile.
class FileSizeLimit {
public:
    explicit FileSizeLimit(std::uint64_t bytes);
    ~FileSizeLimit();
    FileSizeLimit(const FileSizeLimit&) = delete;
    FileSizeLimit& operator=(const FileSizeLimit&) = delete;

private:
    rlimit previous_{};
    void (*previousHandler_)(int) = nullptr;
};

} // namespace vae::testing
