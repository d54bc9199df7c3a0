// translationinput.h — reading a picture for the translation panel. Unlike
// readImageFile (imagefile.h), which shrinks large pictures because latent
// models take 28×28 anyway, a translation keeps the input's size, so the
// picture is decoded at full size — and refused when it cannot be translated
// faithfully: not a picture, unreadable or truncated, larger than 4096 × 4096
// pixels, 16 bits per channel (or floating point), or four channels with
// transparent pixels (what lies behind them is unknown). Opaque RGBA pictures
// are taken as RGB.
//
// Ownership: free functions returning values. Thread affinity: any thread
// (QImageReader and QImage are reentrant). Failure modes: readTranslationImage
// returns an empty gs::Image and sets `error` to one sentence saying what is
// wrong and what to do; nothing else fails.
#pragma once

#include <QString>

#include "core/common/image.h"

constexpr int kMaxTranslationSide = 4096; // the engine refuses larger pictures too

// The picture in `path` at its own size, as 8-bit gray or RGB; empty with
// `error` set when it cannot be used.
gs::Image readTranslationImage(const QString &path, QString *error);

// "64 × 48 RGB", "28 × 28 gray".
QString describeImageSize(int width, int height, int channels);
