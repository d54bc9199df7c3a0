// notelabel.h — the small, muted, word-wrapped label the side panels use for
// descriptions and notes.
//
// Ownership: the label is owned by `parent`. Thread affinity: GUI thread.
// Failure modes: none.
#pragma once

#include <QFont>
#include <QLabel>
#include <QPalette>

inline QLabel *makeNoteLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setWordWrap(true);
    QPalette pal = label->palette();
    pal.setColor(QPalette::WindowText, pal.color(QPalette::PlaceholderText));
    label->setPalette(pal);
    QFont small = label->font();
    small.setPointSizeF(small.pointSizeF() * 0.92);
    label->setFont(small);
    return label;
}
