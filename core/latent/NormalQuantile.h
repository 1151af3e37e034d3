#pragma once

namespace vae {

// The inverse CDF of N(0, 1) for p in (0, 1), accurate to about 1e-15 (Wichura's AS 241).
double normalQuantile(double p);

// The CDF of N(0, 1), its inverse.
double normalCdf(double x);

} // namespace vae
