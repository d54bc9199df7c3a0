// lessoncontrols.h — moving a control to a value and reading it back, as a
// lesson's set_control action and its promise name them: a slider or spin box
// takes a number, a list an entry's text or data (or its index as a number),
// a check box true/false, a text field a text.
//
// Ownership: the functions borrow the control. Thread affinity: GUI thread.
// Failure modes: a sentence (setValue) or a phrase (valueGap) for a person,
// empty on success; nothing is thrown.
#pragma once

#include <QJsonValue>
#include <QString>

class QWidget;

namespace LessonControls {

// Sets `control` (called `name` in sentences) to `value`, as a person would, so its signals fire.
QString setValue(QWidget *control, const QString &name, const QJsonValue &value);
// Empty when `control` shows `value`, else "“name” shows X, not Y".
QString valueGap(QWidget *control, const QString &name, const QJsonValue &value);
// A JSON value as text ("true", "0.5", "DDIM").
QString valueText(const QJsonValue &value);

} // namespace LessonControls
