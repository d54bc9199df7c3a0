#include "explore/text/temperaturecomparison.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QVBoxLayout>

#include "core/common/error.h"
#include "explore/explorationworker.h"

namespace {

constexpr int kTemperaturePriority = 128; // after streaming (22) and attention (65)
constexpr int kMaxColumns = 8;
constexpr double kMaxTemperature = 5.0;

struct ColumnResult
{
    quint64 ticket = 0;
    QString text;
};

} // namespace

TemperatureComparison::TemperatureComparison(ExplorationWorker *worker, QWidget *parent)
    : QWidget(parent)
    , mWorker(worker)
    , mList(new QLineEdit(QStringLiteral("0, 0.5, 1, 1.5"), this))
    , mColumnsLayout(new QHBoxLayout)
{
    mList->setObjectName(QStringLiteral("textTemperatureList"));
    mList->setToolTip(tr("The temperatures to compare, separated by commas (0 always picks the most likely "
                         "character)"));
    auto *head = new QHBoxLayout;
    head->addWidget(new QLabel(tr("<b>Same prompt, several temperatures</b> at"), this));
    head->addWidget(mList, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(head);
    layout->addLayout(mColumnsLayout, 1);
    setColumns(4);
}

void TemperatureComparison::setTemperatures(const QString &list)
{
    mList->setText(list);
}

bool TemperatureComparison::parse(QVector<double> &out)
{
    out.clear();
    const QStringList parts = mList->text().split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (const QString &part : parts) {
        bool ok = false;
        const double t = part.trimmed().toDouble(&ok);
        if (!ok || t < 0 || t > kMaxTemperature) {
            emit error(tr("“%1” is not a temperature: list numbers from 0 to 5 separated by commas, such as "
                          "0, 0.5, 1, 1.5.")
                           .arg(part.trimmed()));
            return false;
        }
        out << t;
    }
    if (out.isEmpty() || out.size() > kMaxColumns) {
        emit error(tr("List between 1 and 8 temperatures separated by commas, such as 0, 0.5, 1, 1.5."));
        return false;
    }
    return true;
}

void TemperatureComparison::setColumns(int count)
{
    while (mColumns.size() < count) {
        auto *box = new QVBoxLayout;
        auto *header = new QLabel(this);
        auto *column = new QPlainTextEdit(this);
        column->setObjectName(QStringLiteral("textTemperatureColumn%1").arg(mColumns.size()));
        column->setReadOnly(true);
        column->setPlaceholderText(tr("Press Compare temperatures."));
        box->addWidget(header);
        box->addWidget(column, 1);
        mColumnsLayout->addLayout(box, 1);
        mHeaders << header;
        mColumns << column;
    }
    for (int i = 0; i < mColumns.size(); ++i) {
        mHeaders[i]->setVisible(i < count);
        mColumns[i]->setVisible(i < count);
    }
    mTickets.resize(count);
}

void TemperatureComparison::clear()
{
    for (QPlainTextEdit *c : mColumns)
        c->clear();
    mTickets.fill(0);
    mTexts.clear();
    mPending = 0;
}

QStringList TemperatureComparison::texts() const
{
    return mTexts;
}

void TemperatureComparison::compare(const QString &prompt, const gs::TextSettings &how, quint64 seed, int length)
{
    QVector<double> temps;
    if (!parse(temps))
        return;
    setColumns(int(temps.size()));
    mShownTemperatures = temps;
    mPrompt = prompt;
    mPending = int(temps.size());
    mTexts = QStringList();
    for (int i = 0; i < temps.size(); ++i)
        mTexts << QString();
    const std::string text = prompt.toStdString();
    for (int i = 0; i < temps.size(); ++i) {
        const double t = temps[i];
        mHeaders[i]->setText(t == 0 ? tr("<b>T = 0</b> (most likely)") : tr("<b>T = %1</b>").arg(t));
        mColumns[i]->setPlainText(tr("Generating…"));
        mTickets[i] = mWorker->submit(
            {this, QStringLiteral("temperature %1").arg(i + 1), kTemperaturePriority},
            [text, how, t, seed, length](const ExploreJobContext &context) {
                gs::TextExplorer explorer(context.model);
                const gs::TextEncoding enc = explorer.encode(text);
                if (enc.tokens.empty())
                    throw gs::Error("None of the prompt's characters are in the model's vocabulary.");
                const auto samples = explorer.at_temperatures(enc.tokens, {t}, length, how, seed);
                return ColumnResult{context.ticket, QString::fromStdString(samples.front().text)};
            },
            [this, i](const std::shared_ptr<const ColumnResult> &result) {
                if (i >= mTickets.size() || result->ticket != mTickets[i])
                    return;
                mTexts[i] = result->text;
                mColumns[i]->setPlainText(mPrompt + result->text);
                if (--mPending == 0)
                    emit finished();
            },
            [this, i](quint64 ticket, const QString &message) {
                if (i >= mTickets.size() || ticket != mTickets[i])
                    return;
                mColumns[i]->setPlainText(message);
                if (--mPending == 0)
                    emit finished();
            });
    }
}
