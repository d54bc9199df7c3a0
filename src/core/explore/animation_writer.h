// animation_writer.h — writes image sequences: a PNG strip or grid, an animated
// GIF (giflib) and an MP4 (OpenCV's VideoWriter), either from all the frames at
// once (write_sequence) or one frame at a time (AnimationStream, for recordings
// whose frames do not all fit in memory); and reads back frame counts.
//
// Ownership: free functions; an AnimationStream owns its open file. Thread
// affinity: none (off the GUI thread for long sequences; one stream on one
// thread at a time). Failure modes: gs::Error naming the file; writes go to a
// temporary file that is renamed into place, so a failed export leaves no
// partial file.
#pragma once

#include <memory>
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

// An animated GIF or MP4 written frame by frame (the format from the extension).
// The first frame fixes the size; later frames must match it. Frames go to a
// temporary file beside `path`; finish() renames it into place, and a stream
// destroyed without finish() (or after an error) removes it.
class AnimationStream {
 public:
  // `gray`: every frame is gray (a GIF then uses a gray palette, else 3-3-2
  // RGB). `scale` enlarges each frame nearest-neighbour. Throws gs::Error for
  // an unknown extension.
  AnimationStream(const std::string& path, int fps, int scale = 1, bool gray = false);
  ~AnimationStream();
  AnimationStream(const AnimationStream&) = delete;
  AnimationStream& operator=(const AnimationStream&) = delete;

  // Appends `frame` `repeat` times (a held frame at the stream's rate).
  void add(const Image& frame, int repeat = 1);
  void finish();             // throws gs::Error when nothing was added or the file cannot be closed
  int frames() const;        // frames added so far

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Number of frames in a GIF or MP4 (for checks); throws gs::Error when unreadable.
int count_animation_frames(const std::string& path);

}  // namespace gs
