// parameterform.h — an editor form built generically from a model's ParamSpecs:
// QSpinBox for Int, QDoubleSpinBox (or LogSpinBox for log-scale values such as
// learning rates) for Float, QComboBox for Choice, QCheckBox for Bool. Labels
// and tooltips come from the specs; editors are named "param_<key>".
//
// Ownership: owns its editors, rebuilt by setSpecs(). Thread affinity: GUI
// thread. Failure modes: editors clamp to the spec's range, so values() is
// always within range; setValues() ignores unknown keys and unparsable text.
#pragma once

#include <QHash>
#include <QWidget>

#include <vector>

#include "core/model/param_spec.h"

class QFormLayout;

class ParameterForm : public QWidget
{
    Q_OBJECT

public:
    explicit ParameterForm(QWidget *parent = nullptr);

    void setSpecs(const std::vector<gs::ParamSpec> &specs);
    const std::vector<gs::ParamSpec> &specs() const { return mSpecs; }

    // Text values by key for every spec, formatted as the core parses them.
    gs::ParamValues values() const;
    void setValues(const gs::ParamValues &values);
    void resetToDefaults();

    int editorCount() const { return int(mEditors.size()); }
    QWidget *editor(const QString &key) const { return mEditors.value(key); }

    // Keys whose editors stay enabled while training runs (the learning rate,
    // which the trainer accepts live). Everything else is locked.
    void setLiveKeys(const QStringList &keys) { mLiveKeys = keys; }
    void setTrainingActive(bool active);

    static QString valueText(const gs::ParamSpec &spec, QWidget *editor);

signals:
    void valueEdited(const QString &key); // by the user or by setValues()

private:
    QWidget *createEditor(const gs::ParamSpec &spec);
    void setEditorValue(const gs::ParamSpec &spec, QWidget *editor, const QString &text);

    std::vector<gs::ParamSpec> mSpecs;
    QHash<QString, QWidget *> mEditors;
    QStringList mLiveKeys;
    QFormLayout *mLayout;
};
