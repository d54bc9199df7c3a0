// animation_writer.h — writes image sequences: a PNG strip or grid, an animated
// GIF (giflib) and an MP4 (OpenCV's VideoWriter); and reads back frame counts.
//
// Ownership: free functions. Thread affinity: none (off the GUI thread for long
// sequences). Failure modes: gs::Error naming the file; writes go to a temporary
// file that is renamed into place, so a failed export leaves no partial file.
#pragma once

#include <string>
#include <vector>

#include "core/common/image.h"

namespace gs {

// Frames side by side (columns = frames.size()) or in a grid of `columns`.
Image tile_images(const std::vector<Image>& frames, int columns, int padding = 2);

// Picks the format from the extension: .png (strip), .gif, .mp4. `scale` enlarges
// each frame (nearest neighbour) so 28×28 frames are watchable; fps for animations.
void write_sequence(const std::vector<Image>& frames, const std::string& path, int fps = 12,
                    int scale = 4, int columns = 0);

// Number of frames in a GIF or MP4 (for checks); throws gs::Error when unreadable.
int count_animation_frames(const std::string& path);

}  // namespace gs
