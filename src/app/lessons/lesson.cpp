// lesson.cpp — parsing and validating lesson files (lesson.h).
#include "lessons/lesson.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <cmath>

#include "core/common/error.h"
#include "core/data/dataset_catalog.h"
#include "core/model/model_catalog.h"
#include "explore/explorerviews.h"
#include "shell/topview.h"

namespace {

constexpr int kVersion = 1;

[[noreturn]] void fail(const QString &sentence)
{
    throw gs::Error(sentence.toStdString());
}

QStringList topViewIds()
{
    QStringList ids;
    for (const TopViewDescriptor &view : topViews())
        ids << view.id;
    return ids;
}

QString quoted(const QStringList &names)
{
    QStringList out;
    for (const QString &name : names)
        out << QStringLiteral("“%1”").arg(name);
    return out.join(QStringLiteral(", "));
}

// Reads one lesson, with the file and step in every sentence it throws.
class Reader
{
public:
    Reader(QString source, Lesson::ControlCheck check)
        : mSource(std::move(source))
        , mCheck(std::move(check))
    {
    }

    Lesson read(const QByteArray &json)
    {
        QJsonParseError error{};
        const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
        if (error.error != QJsonParseError::NoError)
            fail(QStringLiteral("The lesson file %1 is not valid JSON: %2 at character %3.")
                     .arg(where(), error.errorString())
                     .arg(error.offset));
        if (!doc.isObject())
            fail(QStringLiteral("The lesson file %1 must hold one JSON object with \"version\", \"title\" "
                                "and \"steps\".")
                     .arg(where()));
        const QJsonObject root = doc.object();
        known(root, {"version", "title", "family", "summary", "steps"}, QStringLiteral("the lesson"));
        if (!root.contains(QLatin1String("version")))
            fail(QStringLiteral("The lesson file %1 has no \"version\"; this studio reads version %2.")
                     .arg(where())
                     .arg(kVersion));
        if (root.value(QLatin1String("version")).toInt(-1) != kVersion)
            fail(QStringLiteral("The lesson file %1 is version %2; this studio reads version %3 only.")
                     .arg(where(), root.value(QLatin1String("version")).toVariant().toString())
                     .arg(kVersion));
        Lesson lesson;
        lesson.source = mSource;
        lesson.title = text(root, "title", QStringLiteral("the lesson"), true);
        lesson.family = text(root, "family", QStringLiteral("the lesson"), false);
        lesson.summary = text(root, "summary", QStringLiteral("the lesson"), false);
        const QJsonArray steps = root.value(QLatin1String("steps")).toArray();
        if (steps.isEmpty())
            fail(QStringLiteral("The lesson file %1 has no steps: \"steps\" must be a list of at least one step.")
                     .arg(where()));
        for (int i = 0; i < steps.size(); ++i) {
            mStep = i + 1;
            if (!steps[i].isObject())
                fail(QStringLiteral("In the lesson file %1, step %2 is not a JSON object.").arg(where()).arg(mStep));
            lesson.steps.push_back(readStep(steps[i].toObject()));
        }
        return lesson;
    }

private:
    QString where() const { return QStringLiteral("“%1”").arg(QFileInfo(mSource).fileName()); }
    QString at() const { return QStringLiteral("In the lesson file %1, step %2").arg(where()).arg(mStep); }

    void known(const QJsonObject &object, std::initializer_list<const char *> keys, const QString &what) const
    {
        for (auto it = object.begin(); it != object.end(); ++it) {
            bool ok = false;
            QStringList names;
            for (const char *key : keys) {
                names << QLatin1String(key);
                ok = ok || it.key() == QLatin1String(key);
            }
            if (!ok)
                fail(QStringLiteral("%1 has an unknown field “%2” in %3; known fields: %4.")
                         .arg(mStep ? at() : QStringLiteral("The lesson file %1").arg(where()), it.key(), what,
                              quoted(names)));
        }
    }

    QString text(const QJsonObject &object, const char *key, const QString &what, bool required) const
    {
        const QJsonValue value = object.value(QLatin1String(key));
        if (value.isUndefined() && !required)
            return {};
        if (!value.isString() || (required && value.toString().trimmed().isEmpty()))
            fail(QStringLiteral("%1 needs a text \"%2\" in %3.")
                     .arg(mStep ? at() : QStringLiteral("The lesson file %1").arg(where()), QLatin1String(key),
                          what));
        return value.toString();
    }

    const gs::ModelInfo &model(const QString &id) const
    {
        const gs::ModelInfo *info = gs::find_model(id.toStdString());
        if (!info || !info->trainable) {
            QStringList ids;
            for (const gs::ModelInfo &m : gs::model_catalog())
                ids << QString::fromStdString(m.id);
            fail(QStringLiteral("%1 names the model “%2”, which this studio does not have; its models are %3.")
                     .arg(at(), id, quoted(ids)));
        }
        return *info;
    }

    void dataset(const QString &id, const gs::ModelInfo &info) const
    {
        const gs::DatasetInfo *data = gs::find_dataset(id.toStdString());
        if (!data) {
            QStringList ids;
            for (const gs::DatasetInfo &d : gs::dataset_catalog())
                ids << QString::fromStdString(d.id);
            fail(QStringLiteral("%1 names the dataset “%2”, which this studio does not have; its datasets are %3.")
                     .arg(at(), id, quoted(ids)));
        }
        if (data->needs_path || data->drawable)
            fail(QStringLiteral("%1 names the dataset “%2”, which needs a folder or a drawing; a lesson must "
                                "use a dataset the studio has on its own.")
                     .arg(at(), id));
        const bool text = (info.capabilities & gs::kGeneratesText) != 0;
        const bool domains = (info.capabilities & gs::kCanTranslate) != 0;
        if (text != data->text || domains != data->two_domains)
            fail(QStringLiteral("%1 trains the model “%2” on the dataset “%3”, which it cannot read.")
                     .arg(at(), QString::fromStdString(info.id), id));
    }

    QString paramValueText(const QJsonValue &value) const
    {
        if (value.isString())
            return value.toString();
        if (value.isBool())
            return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
        if (value.isDouble())
            return QString::fromStdString(gs::format_number(value.toDouble()));
        fail(QStringLiteral("%1 gives a parameter a value that is not a number, text or true/false.").arg(at()));
    }

    // Checks key = value against the model's specs (resolve_params says what is wrong).
    void param(const QString &key, const QString &value) const
    {
        if (mModel.isEmpty())
            fail(QStringLiteral("%1 sets the parameter “%2”, but no step up to it chooses a model (give it a "
                                "\"preset\" with a \"model\").")
                     .arg(at(), key));
        const gs::ModelInfo &info = model(mModel);
        bool exists = false;
        QStringList keys;
        for (const gs::ParamSpec &spec : info.params) {
            keys << QString::fromStdString(spec.key);
            exists = exists || spec.key == key.toStdString();
        }
        if (!exists)
            fail(QStringLiteral("%1 sets the parameter “%2”, which the model “%3” does not have; its parameters "
                                "are %4.")
                     .arg(at(), key, mModel, quoted(keys)));
        try {
            gs::resolve_params(info.params, {{key.toStdString(), value.toStdString()}});
        } catch (const gs::Error &e) {
            fail(QStringLiteral("%1: %2").arg(at(), QString::fromStdString(e.what())));
        }
    }

    void view(const QString &id, bool explorer) const
    {
        const QStringList ids = explorer ? explorerViewIds() : topViewIds();
        if (!ids.contains(id))
            fail(QStringLiteral("%1 names the %2 “%3”, which this studio does not have; its %2s are %4.")
                     .arg(at(), explorer ? QStringLiteral("explorer view") : QStringLiteral("view"), id,
                          quoted(ids)));
    }

    void control(const QString &name) const
    {
        if (name.trimmed().isEmpty())
            fail(QStringLiteral("%1 names a control without a name.").arg(at()));
        const QString last = name.section(QLatin1Char('/'), -1);
        if (last.startsWith(QLatin1String("param_"))) {
            const QString key = last.mid(6);
            if (mModel.isEmpty())
                fail(QStringLiteral("%1 names the control “%2”, a parameter editor, but no step up to it "
                                    "chooses a model.")
                         .arg(at(), name));
            const gs::ModelInfo &info = model(mModel);
            for (const gs::ParamSpec &spec : info.params)
                if (spec.key == key.toStdString())
                    return;
            fail(QStringLiteral("%1 names the control “%2”, but the model “%3” has no parameter “%4”.")
                     .arg(at(), name, mModel, key));
        }
        if (Lesson::isDeferredControl(name) || !mCheck)
            return;
        if (!mCheck(name))
            fail(QStringLiteral("%1 names the control “%2”, which is not in this studio (controls are named by "
                                "their object names; see docs/teaching.md).")
                     .arg(at(), name));
    }

    long count(const QJsonObject &object, const char *key, long min) const
    {
        const QJsonValue value = object.value(QLatin1String(key));
        const double number = value.toDouble(-1.0);
        // The range first: converting a double beyond long's range is undefined (found by fuzz_lesson).
        if (!value.isDouble() || !(number >= min && number <= 1e9) || number != std::floor(number))
            fail(QStringLiteral("%1: \"%2\" must be a whole number of at least %3.")
                     .arg(at(), QLatin1String(key))
                     .arg(min));
        return long(number);
    }

    LessonPreset readPreset(const QJsonObject &object)
    {
        known(object, {"model", "dataset", "params", "seed", "steps"}, QStringLiteral("its preset"));
        LessonPreset preset;
        preset.present = true;
        preset.model = text(object, "model", QStringLiteral("its preset"), true);
        const gs::ModelInfo &info = model(preset.model);
        mModel = preset.model;
        preset.dataset = text(object, "dataset", QStringLiteral("its preset"), true);
        dataset(preset.dataset, info);
        const QJsonObject params = object.value(QLatin1String("params")).toObject();
        for (auto it = params.begin(); it != params.end(); ++it) {
            const QString value = paramValueText(it.value());
            param(it.key(), value);
            preset.params.insert(it.key(), value);
        }
        if (object.contains(QLatin1String("seed")))
            preset.seed = qulonglong(count(object, "seed", 0));
        if (object.contains(QLatin1String("steps")))
            preset.steps = count(object, "steps", 1);
        return preset;
    }

    LessonAction readAction(const QJsonObject &object)
    {
        const QString kind = text(object, "do", QStringLiteral("an action"), true);
        LessonAction action;
        if (kind == QLatin1String("train")) {
            known(object, {"do", "steps"}, QStringLiteral("its train action"));
            action.kind = LessonAction::Kind::Train;
            action.steps = count(object, "steps", 1);
            if (mModel.isEmpty())
                fail(QStringLiteral("%1 trains, but no step up to it chooses a model (give it a \"preset\").")
                         .arg(at()));
        } else if (kind == QLatin1String("pause") || kind == QLatin1String("resume")) {
            known(object, {"do"}, QStringLiteral("its %1 action").arg(kind));
            action.kind = kind == QLatin1String("pause") ? LessonAction::Kind::Pause : LessonAction::Kind::Resume;
        } else if (kind == QLatin1String("set_parameter")) {
            known(object, {"do", "key", "value"}, QStringLiteral("its set_parameter action"));
            action.kind = LessonAction::Kind::SetParameter;
            action.key = text(object, "key", QStringLiteral("its set_parameter action"), true);
            action.value = paramValueText(object.value(QLatin1String("value")));
            param(action.key, action.value);
        } else if (kind == QLatin1String("show_view") || kind == QLatin1String("show_explorer_view")) {
            known(object, {"do", "view"}, QStringLiteral("its %1 action").arg(kind));
            const bool explorer = kind == QLatin1String("show_explorer_view");
            action.kind = explorer ? LessonAction::Kind::ShowExplorerView : LessonAction::Kind::ShowView;
            action.view = text(object, "view", QStringLiteral("its %1 action").arg(kind), true);
            view(action.view, explorer);
        } else if (kind == QLatin1String("set_control") || kind == QLatin1String("press")) {
            const bool press = kind == QLatin1String("press");
            if (press)
                known(object, {"do", "control"}, QStringLiteral("its press action"));
            else
                known(object, {"do", "control", "value"}, QStringLiteral("its set_control action"));
            action.kind = press ? LessonAction::Kind::Press : LessonAction::Kind::SetControl;
            action.control = text(object, "control", QStringLiteral("its %1 action").arg(kind), true);
            control(action.control);
            action.controlValue = object.value(QLatin1String("value"));
            if (!press && !(action.controlValue.isDouble() || action.controlValue.isString()
                            || action.controlValue.isBool()))
                fail(QStringLiteral("%1 moves the control “%2” but gives no \"value\" (a number, text or "
                                    "true/false).")
                         .arg(at(), action.control));
        } else if (kind == QLatin1String("open_checkpoint")) {
            known(object, {"do", "file", "model"}, QStringLiteral("its open_checkpoint action"));
            action.kind = LessonAction::Kind::OpenCheckpoint;
            action.file = text(object, "file", QStringLiteral("its open_checkpoint action"), true);
            // The checkpoint's model, so later steps can name its parameters.
            const QString id = text(object, "model", QStringLiteral("its open_checkpoint action"), true);
            model(id);
            mModel = id;
        } else {
            fail(QStringLiteral("%1 has an action “%2” this studio does not know; actions are “train”, "
                                "“pause”, “resume”, “set_parameter”, “show_view”, “show_explorer_view”, "
                                "“set_control”, “press” and “open_checkpoint”.")
                     .arg(at(), kind));
        }
        return action;
    }

    LessonPromise readPromise(const QJsonObject &object)
    {
        known(object, {"model", "dataset", "view", "explorer_view", "state", "min_steps", "params", "controls"},
              QStringLiteral("its promise"));
        LessonPromise promise;
        promise.model = text(object, "model", QStringLiteral("its promise"), false);
        if (!promise.model.isEmpty())
            model(promise.model);
        promise.dataset = text(object, "dataset", QStringLiteral("its promise"), false);
        if (!promise.dataset.isEmpty() && !gs::find_dataset(promise.dataset.toStdString()))
            fail(QStringLiteral("%1 promises the dataset “%2”, which this studio does not have.")
                     .arg(at(), promise.dataset));
        promise.topView = text(object, "view", QStringLiteral("its promise"), false);
        if (!promise.topView.isEmpty())
            view(promise.topView, false);
        promise.explorerView = text(object, "explorer_view", QStringLiteral("its promise"), false);
        if (!promise.explorerView.isEmpty())
            view(promise.explorerView, true);
        promise.state = text(object, "state", QStringLiteral("its promise"), false);
        if (!promise.state.isEmpty()
            && !QStringList{QStringLiteral("running"), QStringLiteral("paused"), QStringLiteral("ready")}.contains(
                promise.state))
            fail(QStringLiteral("%1 promises the state “%2”; a state is “running”, “paused” or “ready”.")
                     .arg(at(), promise.state));
        if (object.contains(QLatin1String("min_steps")))
            promise.minSteps = count(object, "min_steps", 0);
        const QJsonObject params = object.value(QLatin1String("params")).toObject();
        for (auto it = params.begin(); it != params.end(); ++it) {
            const QString value = paramValueText(it.value());
            param(it.key(), value);
            promise.params.insert(it.key(), value);
        }
        const QJsonObject controls = object.value(QLatin1String("controls")).toObject();
        for (auto it = controls.begin(); it != controls.end(); ++it) {
            control(it.key());
            promise.controls.insert(it.key(), it.value());
        }
        return promise;
    }

    LessonStep readStep(const QJsonObject &object)
    {
        known(object, {"title", "body", "preset", "action", "actions", "highlight", "promise"},
              QStringLiteral("the step"));
        LessonStep step;
        step.title = text(object, "title", QStringLiteral("the step"), false);
        step.text = text(object, "body", QStringLiteral("the step"), true);
        if (object.contains(QLatin1String("preset")))
            step.preset = readPreset(object.value(QLatin1String("preset")).toObject());
        QJsonArray actions = object.value(QLatin1String("actions")).toArray();
        if (object.contains(QLatin1String("action")))
            actions.prepend(object.value(QLatin1String("action")));
        for (const QJsonValue &value : actions) {
            if (!value.isObject())
                fail(QStringLiteral("%1 has an action that is not a JSON object with \"do\".").arg(at()));
            step.actions.push_back(readAction(value.toObject()));
        }
        for (const QJsonValue &value : object.value(QLatin1String("highlight")).toArray()) {
            control(value.toString());
            step.highlights << value.toString();
        }
        if (object.contains(QLatin1String("promise")))
            step.promise = readPromise(object.value(QLatin1String("promise")).toObject());
        step.model = mModel;
        return step;
    }

    QString mSource;
    Lesson::ControlCheck mCheck;
    int mStep = 0;
    QString mModel; // of the latest preset or opened checkpoint
};

} // namespace

bool LessonPromise::isEmpty() const
{
    return model.isEmpty() && dataset.isEmpty() && topView.isEmpty() && explorerView.isEmpty() && state.isEmpty()
           && minSteps == 0 && params.isEmpty() && controls.isEmpty();
}

Lesson Lesson::fromJson(const QByteArray &json, const QString &source, const ControlCheck &controlExists)
{
    return Reader(source, controlExists).read(json);
}

Lesson Lesson::fromFile(const QString &path, const ControlCheck &controlExists)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        fail(QStringLiteral("The lesson file “%1” cannot be read: %2.").arg(path, file.errorString()));
    return fromJson(file.readAll(), path, controlExists);
}

static void initLessonResources()
{
    Q_INIT_RESOURCE(genstudio); // the resources live in a static library
}

QStringList Lesson::builtinFiles()
{
    initLessonResources();
    const QDir dir(QStringLiteral(":/lessons"));
    QStringList files;
    for (const QString &name : dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name))
        files << dir.filePath(name);
    return files;
}

bool Lesson::isDeferredControl(const QString &name)
{
    return !name.isEmpty() && name.back().isDigit();
}
