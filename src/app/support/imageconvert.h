// imageconvert.h — gs::Image (8-bit gray or RGB) to QImage and back.
//
// Ownership: free functions returning deep copies. Thread affinity: any thread
// (QImage is reentrant; the worker converts, the GUI only paints).
// Failure modes: an empty or malformed gs::Image gives a null QImage.
#pragma once

#include <QColor>
#include <QImage>
#include <QVector>

#include "core/common/image.h"

// Gray images become Format_Grayscale8, RGB images Format_RGB888.
QImage toQImage(const gs::Image &image);

// The other way: gray when every pixel is gray (alpha is composed over white),
// otherwise RGB. A null QImage gives an empty gs::Image.
gs::Image toGsImage(const QImage &image);

// Images side by side in rows of `columns` (all of them in one row when
// columns <= 0), `gap` pixels apart on `background`; images of another size are
// placed top-left in their cell. An empty list gives a null image.
QImage tileImages(const QVector<QImage> &images, int columns, int gap,
                  const QColor &background = QColor(0x30, 0x30, 0x30));

// The number of columns that shows `count` cells of `cell` size largest in
// `area` (at least 1).
int bestColumns(int count, const QSize &cell, const QSize &area);
