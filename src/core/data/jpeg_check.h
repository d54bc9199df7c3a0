// jpeg_check.h — whether a JPEG file is whole, for front ends that decode
// pictures with another library (the studio's QImageReader): the file's data
// is decoded quietly by libjpeg (core/data/jpeg_decode.h, at 1/8 scale, which
// still reads every coefficient) and the outcome said in a sentence. Torch-
// and OpenCV-free, so Qt code includes it.
//
// Ownership: none (a free function). Thread affinity: none. Failure modes:
// gs::Error naming `name` for a JPEG that cannot be decoded at all.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace gs {

// "" for a whole JPEG, a warning sentence for one with damaged data that still
// decodes ("'x.jpg' is a damaged JPEG: …"); throws gs::Error when it does not decode.
std::string check_jpeg(const std::vector<uint8_t>& bytes, const std::string& name);

}  // namespace gs
