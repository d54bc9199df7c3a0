// modelcard.h — a model family's explanation card: the Markdown text shipped
// in resources/cards/<model id>.md (what it learns, its loss written out, what
// to watch in the plots, common failure modes), followed by a "Parameters"
// section generated from the family's ParamSpecs (label, key, help, default
// and range), so every parameter's help text is in the card as on hover.
//
// Cards are data files, not code: a teacher can read and improve them without
// touching C++, and Qt renders Markdown directly (QTextDocument::setMarkdown).
//
// Ownership: value functions. Thread affinity: any (reads Qt resources).
// Failure modes: cardText returns an empty string when the family has no card
// file; test_modelcard_gui checks that every registered family has one.
#pragma once

#include <QString>
#include <QStringList>

namespace gs {
struct ModelInfo;
}

namespace modelcard {

// The card's own text (resources/cards/<id>.md), empty if there is none.
QString cardText(const QString &modelId);
// The four sections every card has, in order (their "## " headings).
QStringList requiredSections();
// The whole card as Markdown: cardText, then the parameter list.
QString cardMarkdown(const gs::ModelInfo &info);

} // namespace modelcard
