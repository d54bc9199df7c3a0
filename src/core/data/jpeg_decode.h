// jpeg_decode.h — decoding a JPEG with libjpeg directly, so that libjpeg's
// warnings about damaged data ("Corrupt JPEG data: 3 extraneous bytes before
// marker", "Premature end of JPEG file") and its errors never reach the
// terminal: a damaged file that still decodes gives its pixels and a warning
// sentence, one that does not gives a gs::Error sentence. Used by
// core/data/image_file.h for every JPEG it reads.
//
// Ownership: returns a cv::Mat owning its pixels. Thread affinity: none (each
// call has its own decoder state). Failure modes: gs::Error naming the file for
// a JPEG that cannot be decoded or whose frame exceeds the limits of
// image_file.h (checked before any pixel buffer is allocated); CMYK/YCCK
// pictures, which this decoder does not convert, are refused with
// `*unsupported` set so the caller can hand them to another decoder.
#pragma once

#include <cstdint>
#include <opencv2/core.hpp>
#include <string>
#include <vector>

namespace gs {

// `gray`: 1 channel; otherwise 1 channel for gray pictures when `keep_gray`, else 3 channels BGR.
// `*warning` (when given) gets a sentence for a picture that decoded with
// damaged data, and is cleared otherwise.
cv::Mat decode_jpeg(const std::vector<uint8_t>& bytes, bool gray, bool keep_gray, const std::string& name,
                    std::string* warning, bool* unsupported);

}  // namespace gs
