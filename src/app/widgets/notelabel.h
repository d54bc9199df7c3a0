// notelabel.h — the small, muted, word-wrapped label the side panels use for
// descriptions and notes (made here, or styled when a Designer form made it).
//
// Ownership: the label is owned by `parent`. Thread affinity: GUI thread.
// Failure modes: none.
#pragma once

#include <QFont>
#include <QLabel>
#include <QPalette>

// Gives an existing label (one from a Designer form) the note's look.
inline void styleNoteLabel(QLabel *label)
{
    label->setWordWrap(true);
    QPalette pal = label->palette();
    pal.setColor(QPalette::WindowText, pal.color(QPalette::PlaceholderText));
    label->setPalette(pal);
    QFont small = label->font();
    small.setPointSizeF(small.pointSizeF() * 0.92);
    label->setFont(small);
}

inline QLabel *makeNoteLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    styleNoteLabel(label);
    return label;
}
