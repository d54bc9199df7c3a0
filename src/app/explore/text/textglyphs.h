// textglyphs.h — how the Text view spells a vocabulary entry on screen:
// visible stand-ins for whitespace (␣ space, ⏎ newline, ⇥ tab) and control
// characters, so a bar or an axis label is never blank.
//
// Ownership: free functions. Thread affinity: any. Failure modes: none.
#pragma once

#include <QString>

#include <string>

namespace TextGlyphs {

// The entry (UTF-8) as a label: whitespace and control characters made visible.
QString label(const std::string &entry);
// The entry as it is written in running text (newline kept, control characters as \xNN).
QString running(const std::string &entry);

} // namespace TextGlyphs
