// quotedfilename.h — how messages name a file: its file name (no folder) in
// typographic quotes, “samples.png”.
//
// Ownership: a free function returning a value. Thread affinity: any thread.
// Failure modes: none; an empty path gives “”.
#pragma once

#include <QString>

QString quotedFileName(const QString &path);
