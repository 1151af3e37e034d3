#pragma once

namespace vae {

// While one exists, SIGINT and SIGTERM (Ctrl+C, a kill) only set a flag that the headless
// commands poll between batches, so they stop at a clean point: the default action comes back
// when it is destroyed. One at a time.
class InterruptRequest {
public:
    InterruptRequest();
    ~InterruptRequest();
    InterruptRequest(const InterruptRequest&) = delete;
    InterruptRequest& operator=(const InterruptRequest&) = delete;

    bool requested() const;
};

} // namespace vae
