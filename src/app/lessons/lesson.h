// lesson.h — a guided lesson read from a JSON file ("version": 1): a title,
// the family it teaches and ordered steps. Each step has a text (Qt rich
// text, formulas in Unicode), an optional preset (model, dataset, parameters,
// seed, Steps target), actions ("Do it": train, pause, resume, set a
// parameter, show a top-level or an explorer view, move a control, press a
// button, open a shipped checkpoint), the controls it highlights (object
// names, optionally scoped "parent/child") and what the step promises once
// done (model, dataset, view, steps trained, state, parameter and control
// values), so a test can check that doing the step did what it says.
// docs/teaching.md is the format's reference.
//
// Validation happens here, at load: models, datasets and parameter keys and
// values against the core's catalogs (model_catalog.h, dataset_catalog.h,
// ModelInfo::params), views against topViews() and explorerViewIds(), and
// control names through the caller's ControlCheck (the pane looks them up in
// the studio). "param_<key>" controls are checked against the step's model;
// names ending in a digit (made per model: latentSlider0) are left to the
// step, which says so in the pane when it cannot find them.
//
// Ownership: plain values. Thread affinity: any thread (the catalogs are
// immutable); the ControlCheck runs on the caller's thread.
// Failure modes: fromJson/fromFile throw gs::Error with one sentence naming
// the file, the step and what is wrong (an unknown model, dataset, parameter,
// view or control, a bad value, a malformed file).
#pragma once

#include <QJsonValue>
#include <QMap>
#include <QString>
#include <QStringList>
#include <QVector>

#include <functional>
#include <optional>

struct LessonPreset
{
    bool present = false;
    QString model;                 // a trainable model of the catalog
    QString dataset;               // a dataset of the catalog
    QMap<QString, QString> params; // key → value text, checked against the model's specs
    std::optional<qulonglong> seed;
    long steps = 0; // the Steps target it sets (0: leave the form's)
};

struct LessonAction
{
    enum class Kind {
        Train,            // `steps` more steps: a new session of the step's preset, else continue
        Pause,            // pause the run
        Resume,           // resume a paused run
        SetParameter,     // `key` = `value` in the training form (live while training when the spec allows)
        ShowView,         // a top-level view: `view`
        ShowExplorerView, // an Explore tab view: `view`
        SetControl,       // `control` to `value` (slider, spin box, combo box, check box)
        Press,            // click the button `control`
        OpenCheckpoint,   // open `file` (a shipped model by name, or a path) for training and exploring
    };
    Kind kind = Kind::Pause;
    long steps = 0;
    QString key;
    QString value; // SetParameter
    QString view;
    QString control;
    QJsonValue controlValue; // SetControl: number, text or bool
    QString file;
};

struct LessonPromise
{
    QString model;
    QString dataset;
    QString topView;
    QString explorerView;
    QString state; // "running", "paused", "ready" or empty
    long minSteps = 0;
    QMap<QString, QString> params;        // the training form's values
    QMap<QString, QJsonValue> controls;   // control values (as SetControl takes them)
    bool isEmpty() const;
};

struct LessonStep
{
    QString title;
    QString text; // rich text
    LessonPreset preset;
    QVector<LessonAction> actions;
    QStringList highlights; // object names, "parent/child" allowed
    LessonPromise promise;
    QString model; // the model this step works with: its preset's or the last one before it
};

class Lesson
{
public:
    // Whether a control name (possibly "parent/child") exists in the studio.
    using ControlCheck = std::function<bool(const QString &name)>;

    static Lesson fromJson(const QByteArray &json, const QString &source,
                           const ControlCheck &controlExists = {});
    static Lesson fromFile(const QString &path, const ControlCheck &controlExists = {});

    // The built-in lessons: the files of the Qt resource ":/lessons", in name order.
    static QStringList builtinFiles();

    QString source;  // file name or resource path
    QString title;
    QString family;
    QString summary; // rich text, shown before the first step
    QVector<LessonStep> steps;

    // Names whose lookup waits for the step (numbered controls made per model).
    static bool isDeferredControl(const QString &name);
};
