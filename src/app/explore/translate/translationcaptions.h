// translationcaptions.h — the words around the translation panel's four
// images: a title with the direction for each tile ("Translation A→B",
// "Cycle A→B→A", "Identity B→A on A"), a detail line (what the image is, its
// size, its PSNR against the input), what an empty tile says (one-way models)
// and the summary line (cycle and identity PSNR, time taken, step).
//
// Ownership: free functions returning values. Thread affinity: any (pure).
// Failure modes: none.
#pragma once

#include <QString>

#include <array>

#include "core/explore/explorer.h"

struct TranslationCaptions
{
    static constexpr int kTiles = 4; // input, translation, cycle, identity
    std::array<QString, kTiles> titles;
    std::array<QString, kTiles> details;      // may hold a line break
    std::array<QString, kTiles> placeholders; // for tiles without an image
    QString summary;                          // rich text
};

// `inputLabel` names the input ("test image #0 of domain A"); `step` < 0 for
// models that have none (imported modules).
TranslationCaptions describeTranslation(const gs::TranslationViews &views, bool aToB,
                                        const QString &inputLabel, qint64 step);

QString psnrText(double db);          // "23.4 dB", "100 dB (identical)"
QString secondsText(double seconds);  // "12 ms", "1.25 s"
QString domainLetter(bool a);         // "A" / "B"
