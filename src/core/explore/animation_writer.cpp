#include "core/explore/animation_writer.h"

#include <gif_lib.h>

#include <algorithm>
#include <cstdio>
#include <opencv2/imgproc.hpp>
#include <opencv2/videoio.hpp>

#include "core/common/atomic_file.h"
#include "core/common/error.h"

namespace gs {
namespace {

std::string extension_of(const std::string& path) {
  const auto dot = path.rfind('.');
  std::string ext = dot == std::string::npos ? "" : path.substr(dot);
  std::transform(ext.begin(), ext.end(), ext.begin(), ::tolower);
  return ext;
}

cv::Mat to_rgb_mat(const Image& img, int scale) {
  cv::Mat m(img.height, img.width, img.channels == 1 ? CV_8UC1 : CV_8UC3, const_cast<uint8_t*>(img.pixels.data()));
  cv::Mat rgb;
  if (img.channels == 1) cv::cvtColor(m, rgb, cv::COLOR_GRAY2RGB);
  else rgb = m.clone();
  if (scale > 1) cv::resize(rgb, rgb, cv::Size(), scale, scale, cv::INTER_NEAREST);
  return rgb;
}

std::vector<GifColorType> gif_colours(bool gray) {
  std::vector<GifColorType> colours(256);
  for (int i = 0; i < 256; ++i) {
    if (gray) {
      colours[i] = {static_cast<GifByteType>(i), static_cast<GifByteType>(i), static_cast<GifByteType>(i)};
    } else {  // 3-3-2 RGB palette
      colours[i] = {static_cast<GifByteType>((i >> 5) * 255 / 7), static_cast<GifByteType>(((i >> 2) & 7) * 255 / 7),
                    static_cast<GifByteType>((i & 3) * 255 / 3)};
    }
  }
  return colours;
}

}  // namespace

struct AnimationStream::Impl {
  std::string path, tmp, ext;
  int fps = 12, scale = 1;
  bool gray = false;
  int count = 0;
  cv::Size size;  // of the first frame, after scaling (an MP4's is made even)
  GifFileType* gif = nullptr;
  ColorMapObject* map = nullptr;
  cv::VideoWriter video;
  std::vector<GifByteType> line;

  void close_quietly() {
    if (map) GifFreeMapObject(map);
    map = nullptr;
    if (gif) {
      int e = 0;
      EGifCloseFile(gif, &e);
      gif = nullptr;
    }
    if (video.isOpened()) video.release();
  }
  [[noreturn]] void fail(const std::string& what) {
    close_quietly();
    std::remove(tmp.c_str());
    throw Error("Could not write '" + path + "' (" + what + ").");
  }

  void open_gif(const cv::Mat& first) {
    int err = 0;
    gif = EGifOpenFileName(tmp.c_str(), false, &err);
    if (!gif) throw Error(std::string("Could not create the GIF: ") + GifErrorString(err));
    std::vector<GifColorType> colours = gif_colours(gray);
    map = GifMakeMapObject(256, colours.data());
    if (EGifPutScreenDesc(gif, first.cols, first.rows, 8, 0, map) == GIF_ERROR) fail("header");
    // Loop forever (NETSCAPE2.0 application extension).
    const unsigned char loop[] = {1, 0, 0};
    if (EGifPutExtensionLeader(gif, APPLICATION_EXT_FUNC_CODE) == GIF_ERROR ||
        EGifPutExtensionBlock(gif, 11, "NETSCAPE2.0") == GIF_ERROR || EGifPutExtensionBlock(gif, 3, loop) == GIF_ERROR ||
        EGifPutExtensionTrailer(gif) == GIF_ERROR) {
      fail("loop extension");
    }
    line.resize(static_cast<size_t>(first.cols));
  }

  void put_gif(const cv::Mat& rgb) {
    GraphicsControlBlock gcb{};
    gcb.DelayTime = std::max(2, 100 / std::max(1, fps));  // hundredths of a second
    gcb.TransparentColor = NO_TRANSPARENT_COLOR;
    GifByteType ext[4];
    const size_t len = EGifGCBToExtension(&gcb, ext);
    if (EGifPutExtension(gif, GRAPHICS_EXT_FUNC_CODE, static_cast<int>(len), ext) == GIF_ERROR) fail("frame timing");
    if (EGifPutImageDesc(gif, 0, 0, rgb.cols, rgb.rows, false, nullptr) == GIF_ERROR) fail("frame header");
    for (int y = 0; y < rgb.rows; ++y) {
      const uint8_t* p = rgb.ptr<uint8_t>(y);
      for (int x = 0; x < rgb.cols; ++x) {
        const uint8_t r = p[3 * x], g = p[3 * x + 1], b = p[3 * x + 2];
        line[x] = gray ? r : static_cast<GifByteType>((r >> 5) << 5 | (g >> 5) << 2 | (b >> 6));
      }
      if (EGifPutLine(gif, line.data(), rgb.cols) == GIF_ERROR) fail("pixels");
    }
  }

  void open_mp4(const cv::Mat& first) {
    // Even sizes: most decoders need them.
    const cv::Size even(first.cols + first.cols % 2, first.rows + first.rows % 2);
    video.open(tmp, cv::CAP_FFMPEG, cv::VideoWriter::fourcc('m', 'p', '4', 'v'), fps, even, true);
    if (!video.isOpened()) throw Error("Could not open an MP4 encoder (OpenCV was built without FFmpeg?).");
  }

  void put_mp4(const cv::Mat& rgb) {
    cv::Mat bgr;
    cv::cvtColor(rgb, bgr, cv::COLOR_RGB2BGR);
    cv::copyMakeBorder(bgr, bgr, 0, (rgb.rows + rgb.rows % 2) - bgr.rows, 0, (rgb.cols + rgb.cols % 2) - bgr.cols,
                       cv::BORDER_REPLICATE);
    video.write(bgr);
  }
};

AnimationStream::AnimationStream(const std::string& path, int fps, int scale, bool gray) : impl_(new Impl) {
  impl_->path = path;
  impl_->ext = extension_of(path);
  if (impl_->ext != ".gif" && impl_->ext != ".mp4") {
    throw Error("Unknown animation format '" + impl_->ext + "': use .gif or .mp4.");
  }
  // OpenCV picks the container from the name, so the temporary file keeps the extension.
  impl_->tmp = path + ".partial" + impl_->ext;
  impl_->fps = std::max(1, fps);
  impl_->scale = std::max(1, scale);
  impl_->gray = gray;
}

AnimationStream::~AnimationStream() {
  if (impl_->gif || impl_->video.isOpened()) {
    impl_->close_quietly();
    std::remove(impl_->tmp.c_str());
  }
}

int AnimationStream::frames() const { return impl_->count; }

void AnimationStream::add(const Image& frame, int repeat) {
  if (frame.empty() || repeat <= 0) return;
  const cv::Mat rgb = to_rgb_mat(frame, impl_->scale);
  if (impl_->count == 0) {
    impl_->size = rgb.size();
    if (impl_->ext == ".gif") impl_->open_gif(rgb);
    else impl_->open_mp4(rgb);
  } else if (rgb.size() != impl_->size) {
    impl_->fail("frames differ in size");
  }
  for (int i = 0; i < repeat; ++i) {
    if (impl_->gif) impl_->put_gif(rgb);
    else impl_->put_mp4(rgb);
    ++impl_->count;
  }
}

void AnimationStream::finish() {
  if (impl_->count == 0) throw Error("There are no frames to save.");
  if (impl_->gif) {
    GifFreeMapObject(impl_->map);
    impl_->map = nullptr;
    int err = 0;
    const int rc = EGifCloseFile(impl_->gif, &err);
    impl_->gif = nullptr;
    if (rc == GIF_ERROR) {
      std::remove(impl_->tmp.c_str());
      throw Error(std::string("Could not finish the GIF: ") + GifErrorString(err));
    }
  } else {
    impl_->video.release();
  }
  if (std::rename(impl_->tmp.c_str(), impl_->path.c_str()) != 0) {
    std::remove(impl_->tmp.c_str());
    throw Error("Could not write '" + impl_->path + "'.");
  }
}

namespace {

void write_animation(const std::vector<Image>& frames, const std::string& path, int fps, int scale) {
  const bool gray = std::all_of(frames.begin(), frames.end(), [](const Image& f) { return f.channels == 1; });
  AnimationStream stream(path, fps, scale, gray);
  for (const Image& f : frames) stream.add(f);
  stream.finish();
}

}  // namespace

Image tile_images(const std::vector<Image>& frames, int columns, int padding) {
  if (frames.empty()) throw Error("There are no frames to save.");
  const int w = frames[0].width, h = frames[0].height, c = frames[0].channels;
  columns = columns > 0 ? columns : static_cast<int>(frames.size());
  const int rows = (static_cast<int>(frames.size()) + columns - 1) / columns;
  Image out;
  out.channels = c;
  out.width = columns * w + (columns + 1) * padding;
  out.height = rows * h + (rows + 1) * padding;
  out.pixels.assign(static_cast<size_t>(out.width) * out.height * c, 96);
  for (size_t i = 0; i < frames.size(); ++i) {
    const Image& f = frames[i];
    if (f.width != w || f.height != h || f.channels != c) throw Error("All frames must have the same size.");
    const int x0 = padding + static_cast<int>(i % columns) * (w + padding);
    const int y0 = padding + static_cast<int>(i / columns) * (h + padding);
    for (int y = 0; y < h; ++y) {
      std::copy_n(f.pixels.begin() + static_cast<long>(y) * w * c, w * c,
                  out.pixels.begin() + (static_cast<long>(y0 + y) * out.width + x0) * c);
    }
  }
  return out;
}

void write_sequence(const std::vector<Image>& frames, const std::string& path, int fps, int scale, int columns) {
  if (frames.empty()) throw Error("There are no frames to save.");
  const std::string ext = extension_of(path);
  if (ext == ".png") {
    write_png(tile_images(frames, columns), path);
  } else if (ext == ".gif" || ext == ".mp4") {
    write_animation(frames, path, fps, scale);
  } else {
    throw Error("Unknown export format '" + ext + "': use .png, .gif or .mp4.");
  }
}

int count_animation_frames(const std::string& path) {
  if (extension_of(path) == ".gif") {
    int err = 0;
    GifFileType* gif = DGifOpenFileName(path.c_str(), &err);
    if (!gif) throw Error("Could not read the GIF '" + path + "'.");
    const int ok = DGifSlurp(gif);
    const int n = ok == GIF_OK ? gif->ImageCount : -1;
    DGifCloseFile(gif, &err);
    if (n < 0) throw Error("The GIF '" + path + "' is damaged.");
    return n;
  }
  cv::VideoCapture cap(path, cv::CAP_FFMPEG);
  if (!cap.isOpened()) throw Error("Could not read the video '" + path + "'.");
  int n = 0;
  cv::Mat frame;
  while (cap.read(frame)) ++n;
  return n;
}

}  // namespace gs
