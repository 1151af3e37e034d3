#pragma once

#include <algorithm>
#include <vector>

namespace vae {

// The stride-2 stages of `--arch conv` for images of a valid size (sides multiples of 4, at least 8):
// two, then one more while the feature map stays even and larger than 7 on both sides, so 28 px ends
// at 7x7 (the two-stage layout of older versions), 32 px and 64 px at 4x4. Channels double per stage
// from 32, at most 256.
struct ConvLayout {
    std::vector<int> channels; // the output channels of each stage, from the image inwards
    int featureHeight = 0;
    int featureWidth = 0;

    int featureSize() const { return channels.back() * featureHeight * featureWidth; }
};

inline ConvLayout convLayoutFor(int height, int width)
{
    ConvLayout layout;
    layout.channels = {32, 64};
    layout.featureHeight = height / 4;
    layout.featureWidth = width / 4;
    while (layout.featureHeight > 7 && layout.featureWidth > 7 && layout.featureHeight % 2 == 0 &&
           layout.featureWidth % 2 == 0) {
        layout.channels.push_back(std::min(2 * layout.channels.back(), 256));
        layout.featureHeight /= 2;
        layout.featureWidth /= 2;
    }
    return layout;
}

} // namespace vae
