// jpeg_decode.cpp — see jpeg_decode.h. libjpeg reports through its error
// manager: error_exit (fatal: we longjmp back and throw), emit_message with a
// negative level (a warning: counted, the first one kept) and output_message
// (printing: replaced by nothing).
#include "core/data/jpeg_decode.h"

#include "core/data/jpeg_check.h"

#include <csetjmp>
#include <cstdio>
// jpeglib.h needs size_t and FILE declared first.
#include <jpeglib.h>

#include "core/common/error.h"
#include "core/data/image_file.h"

namespace gs {
namespace {

struct QuietErrors {
  jpeg_error_mgr mgr;  // first: libjpeg casts the pointer back
  std::jmp_buf jump;
  int warnings;
  char first_warning[JMSG_LENGTH_MAX];
};

[[noreturn]] void quiet_error_exit(j_common_ptr cinfo) {
  auto* e = reinterpret_cast<QuietErrors*>(cinfo->err);
  std::longjmp(e->jump, 1);
}

void quiet_emit_message(j_common_ptr cinfo, int level) {
  if (level >= 0) return;  // trace messages
  auto* e = reinterpret_cast<QuietErrors*>(cinfo->err);
  if (e->warnings++ == 0) (*cinfo->err->format_message)(cinfo, e->first_warning);
}

void quiet_output_message(j_common_ptr) {}

}  // namespace

namespace {

cv::Mat decode(const std::vector<uint8_t>& bytes, bool gray, bool keep_gray, const std::string& name,
               std::string* warning, bool* unsupported, int scale_denom) {
  if (warning) warning->clear();
  if (unsupported) *unsupported = false;
  jpeg_decompress_struct cinfo{};
  QuietErrors errors{};
  cinfo.err = jpeg_std_error(&errors.mgr);
  errors.mgr.error_exit = quiet_error_exit;
  errors.mgr.emit_message = quiet_emit_message;
  errors.mgr.output_message = quiet_output_message;
  cv::Mat out;  // constructed before setjmp; filled in below
  // Set before a longjmp may happen and read after it: volatile.
  volatile int stage = 0;  // 0: header, 1: allocated, 2: decoding
  if (setjmp(errors.jump) != 0) {
    jpeg_destroy_decompress(&cinfo);
    throw Error("'" + name + "' is not a picture GenStudio can read (JPEG, damaged or truncated" +
                std::string(stage >= 2 ? " in its image data" : " in its header") + ").");
  }
  jpeg_create_decompress(&cinfo);
  jpeg_mem_src(&cinfo, bytes.data(), static_cast<unsigned long>(bytes.size()));
  jpeg_read_header(&cinfo, TRUE);
  const ImageHeader header{"JPEG", cinfo.image_width, cinfo.image_height};
  if (cinfo.jpeg_color_space == JCS_CMYK || cinfo.jpeg_color_space == JCS_YCCK) {
    jpeg_destroy_decompress(&cinfo);
    if (unsupported) *unsupported = true;
    return {};
  }
  try {
    check_image_header(header, name);
  } catch (...) {
    jpeg_destroy_decompress(&cinfo);
    throw;
  }
  const bool one_channel = gray || (keep_gray && cinfo.num_components == 1);
  cinfo.out_color_space = one_channel ? JCS_GRAYSCALE : JCS_EXT_BGR;
  cinfo.scale_num = 1;
  cinfo.scale_denom = static_cast<unsigned int>(scale_denom);
  stage = 1;
  jpeg_start_decompress(&cinfo);
  out.create(static_cast<int>(cinfo.output_height), static_cast<int>(cinfo.output_width),
             one_channel ? CV_8UC1 : CV_8UC3);
  stage = 2;
  while (cinfo.output_scanline < cinfo.output_height) {
    JSAMPROW row = out.ptr<uint8_t>(static_cast<int>(cinfo.output_scanline));
    jpeg_read_scanlines(&cinfo, &row, 1);
  }
  jpeg_finish_decompress(&cinfo);
  jpeg_destroy_decompress(&cinfo);
  if (errors.warnings > 0 && warning) {
    *warning = "'" + name + "' is a damaged JPEG: " +
               (errors.warnings == 1 ? std::string("one part of its data was") :
                                       std::to_string(errors.warnings) + " parts of its data were") +
               " unreadable, so the picture may be partly grey or garbled.";
  }
  return out;
}

}  // namespace

cv::Mat decode_jpeg(const std::vector<uint8_t>& bytes, bool gray, bool keep_gray, const std::string& name,
                    std::string* warning, bool* unsupported) {
  return decode(bytes, gray, keep_gray, name, warning, unsupported, 1);
}

std::string check_jpeg(const std::vector<uint8_t>& bytes, const std::string& name) {
  std::string warning;
  bool unsupported = false;
  decode(bytes, true, true, name, &warning, &unsupported, 8);
  return warning;  // a CMYK picture is not checked here: "" (its reader decides)
}

}  // namespace gs
