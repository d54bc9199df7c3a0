// imageconvert.h — gs::Image (8-bit gray or RGB) to QImage and back.
//
// Ownership: free functions returning deep copies. Thread affinity: any thread
// (QImage is reentrant; the worker converts, the GUI only paints).
// Failure modes: an empty or malformed gs::Image gives a null QImage.
#pragma once

#include <QImage>

#include "core/common/image.h"

// Gray images become Format_Grayscale8, RGB images Format_RGB888.
QImage toQImage(const gs::Image &image);
