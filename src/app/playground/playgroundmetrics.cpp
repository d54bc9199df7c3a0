#include "playground/playgroundmetrics.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>

#include <cmath>

#include "core/model/model_catalog.h"

namespace {

QString tileText(const QString &caption, const QString &value, const QString &colour = QString())
{
    const QString styled = colour.isEmpty()
                               ? value
                               : QStringLiteral("<span style=\"color:%1\">%2</span>").arg(colour, value);
    return QStringLiteral("<small>%1</small><br><b><big>%2</big></b>").arg(caption, styled);
}

} // namespace

PlaygroundMetrics::PlaygroundMetrics(QWidget *parent)
    : QWidget(parent)
{
    const QString tips[4] = {
        tr("Modes with at least one high-quality sample (within 3σ of the mode) among 2,500 "
           "generated points. Only for data made of separate modes (ring, grid)."),
        tr("Share of generated samples within 3σ of their nearest mode."),
        tr("KL(real ‖ generated) from histograms, in nats: how badly the generator misses "
           "real data (dropping modes makes it large)."),
        tr("Jensen–Shannon divergence from the same histograms, in nats (at most ln 2 ≈ 0.69)."),
    };
    const char *names[4] = {"modesLabel", "qualityLabel", "klLabel", "jsLabel"};
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    for (int i = 0; i < 4; ++i) {
        auto *label = new QLabel(this);
        label->setObjectName(QLatin1String(names[i]));
        label->setTextFormat(Qt::RichText);
        label->setFrameShape(QFrame::StyledPanel);
        label->setAlignment(Qt::AlignCenter);
        label->setMargin(3);
        label->setToolTip(tips[i]);
        label->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
        mTiles[i] = label;
        layout->addWidget(label);
    }
    clear();
}

int PlaygroundMetrics::modeTotal(const std::string &datasetId)
{
    const gs::DatasetInfo *dataset = gs::find_dataset(datasetId);
    return dataset ? dataset->modes : 0;
}

void PlaygroundMetrics::clear()
{
    showMetrics({}, {}, std::string());
}

void PlaygroundMetrics::showMetrics(const QStringList &names, const QVector<double> &values,
                                    const std::string &datasetId)
{
    auto value = [&](const char *name, double *out) {
        const int i = names.indexOf(QLatin1String(name));
        if (i < 0 || i >= values.size() || !std::isfinite(values[i]))
            return false;
        *out = values[i];
        return true;
    };
    const QLocale locale;
    const QString none = QStringLiteral("–");
    const bool measured = !names.isEmpty();
    double modes = 0, quality = 0, kl = 0, js = 0;
    const int total = modeTotal(datasetId);
    if (value("modes_covered", &modes)) {
        const QString text = total > 0 ? tr("%1 / %2").arg(int(modes)).arg(total)
                                       : QString::number(int(modes));
        const bool all = total > 0 && int(modes) >= total;
        mTiles[0]->setText(tileText(tr("Modes covered"), text, all ? QStringLiteral("#1b7a2e") : QString()));
    } else {
        mTiles[0]->setText(tileText(tr("Modes covered"), measured ? tr("n/a") : none));
    }
    mTiles[1]->setText(tileText(tr("High quality"),
                                value("hq_percent", &quality)
                                    ? tr("%1 %").arg(locale.toString(quality, 'f', 1))
                                    : (measured && total == 0 ? tr("n/a") : none)));
    mTiles[2]->setText(tileText(tr("KL (real ‖ generated)"),
                                value("kl_density", &kl) ? locale.toString(kl, 'f', 3) : none));
    mTiles[3]->setText(tileText(tr("JS divergence"),
                                value("js_density", &js) ? locale.toString(js, 'f', 3) : none));
}
