#include "modelcard/modelcard.h"

#include <QCoreApplication>
#include <QFile>

#include "core/model/model_catalog.h"

namespace modelcard {

QString cardText(const QString &modelId)
{
    QFile file(QStringLiteral(":/cards/%1.md").arg(modelId));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readAll());
}

QStringList requiredSections()
{
    return {QStringLiteral("What it learns"), QStringLiteral("Its loss"), QStringLiteral("What to watch in the plots"),
            QStringLiteral("Common failure modes")};
}

namespace {

QString tr(const char *text) { return QCoreApplication::translate("ModelCard", text); }

QString escaped(const std::string &text)
{
    // Markdown's emphasis characters in help texts (a*b, x_t) stay literal.
    QString s = QString::fromStdString(text);
    for (const QChar c : {QLatin1Char('\\'), QLatin1Char('*'), QLatin1Char('_'), QLatin1Char('`')})
        s.replace(c, QStringLiteral("\\") + c);
    return s;
}

QString rangeOf(const gs::ParamSpec &spec)
{
    switch (spec.type) {
    case gs::ParamSpec::Type::Int:
    case gs::ParamSpec::Type::Float:
        return tr("%1 – %2").arg(QString::fromStdString(gs::format_number(spec.min)),
                                 QString::fromStdString(gs::format_number(spec.max)));
    case gs::ParamSpec::Type::Choice: {
        QStringList choices;
        for (const auto &c : spec.choices)
            choices << escaped(c);
        return choices.join(QStringLiteral(", "));
    }
    case gs::ParamSpec::Type::Bool:
        return tr("on or off");
    }
    return {};
}

} // namespace

QString cardMarkdown(const gs::ModelInfo &info)
{
    QString md = cardText(QString::fromStdString(info.id));
    if (md.isEmpty())
        md = QStringLiteral("# %1\n\n%2\n").arg(QString::fromStdString(info.name), escaped(info.description));
    if (!md.endsWith(QLatin1Char('\n')))
        md += QLatin1Char('\n');
    md += QStringLiteral("\n## ") + tr("Parameters") + QStringLiteral("\n\n");
    if (info.params.empty())
        md += tr("This model takes no parameters here.") + QLatin1Char('\n');
    for (const auto &spec : info.params) {
        md += QStringLiteral("- **%1** (`%2`, default %3, %4): %5%6\n")
                  .arg(escaped(spec.label), QString::fromStdString(spec.key),
                       escaped(spec.default_value), rangeOf(spec), escaped(spec.help),
                       spec.live ? QStringLiteral(" ") + tr("Changes while training.") : QString());
    }
    return md;
}

} // namespace modelcard
