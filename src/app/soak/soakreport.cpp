// soakreport.cpp — see soakreport.h.
#include "soak/soakreport.h"

#include <QDir>
#include <QSaveFile>

#include <algorithm>

namespace {

// The median RSS of the samples in [from, to] seconds (0: none): one sample can
// be a passing peak (the Anomaly view scoring the test set holds ~200 MB for a
// few seconds), which would make the growth say more about timing than leaks.
long medianRss(const std::vector<SoakRow> &rows, double from, double to)
{
    std::vector<long> values;
    for (const SoakRow &row : rows) {
        if (row.sample.seconds >= from && row.sample.seconds <= to)
            values.push_back(row.sample.rssKb);
    }
    if (values.empty())
        return 0;
    std::nth_element(values.begin(), values.begin() + long(values.size() / 2), values.end());
    return values[values.size() / 2];
}

} // namespace

long SoakReport::rssAfterWarmupKb() const
{
    if (rows.empty() || rows.back().sample.seconds < warmupSeconds)
        return 0;
    return medianRss(rows, warmupSeconds, warmupSeconds + kRssWindowSeconds);
}

long SoakReport::rssAtEndKb() const
{
    if (rows.empty())
        return 0;
    const double end = rows.back().sample.seconds;
    return medianRss(rows, end - kRssWindowSeconds, end);
}

long SoakReport::rssPeakKb() const
{
    long peak = 0;
    for (const SoakRow &row : rows)
        peak = std::max(peak, row.sample.rssKb);
    return peak;
}

double SoakReport::growthPercent() const
{
    const long base = rssAfterWarmupKb();
    if (base <= 0)
        return 0;
    return 100.0 * double(rssAtEndKb() - base) / double(base);
}

bool SoakReport::meetsTargets() const
{
    return rssAfterWarmupKb() > 0 && growthPercent() < 10.0 && longestStallMs <= StallProbe::kStallMs
           && errors.isEmpty();
}

QString SoakReport::csv() const
{
    QString text = QStringLiteral(
        "seconds,rss_mb,max_stall_ms,stalls_over_100ms,max_busy_ms,busy_over_100ms,max_wait_ms,"
        "max_blocked_ms,blocked_over_100ms,step,checkpoints,"
        "errors,actions,view\n");
    for (const SoakRow &row : rows) {
        text += QStringLiteral("%1,%2,%3,%4,%5,%6,%7,%8,%9,%10,%11,%12,%13,%14\n")
                    .arg(row.sample.seconds, 0, 'f', 1)
                    .arg(double(row.sample.rssKb) / 1024.0, 0, 'f', 1)
                    .arg(row.sample.maxStallMs, 0, 'f', 1)
                    .arg(row.sample.stallsOver100)
                    .arg(row.sample.maxBusyMs, 0, 'f', 1)
                    .arg(row.sample.busyOver100)
                    .arg(row.sample.maxWaitMs, 0, 'f', 1)
                    .arg(row.sample.maxBlockedMs, 0, 'f', 1)
                    .arg(row.sample.blockedOver100)
                    .arg(row.step)
                    .arg(row.checkpoints)
                    .arg(row.errors)
                    .arg(row.actions)
                    .arg(row.view);
    }
    return text;
}

QString SoakReport::summary() const
{
    const double seconds = rows.empty() ? 0 : rows.back().sample.seconds;
    const auto mb = [](long kb) { return QString::number(double(kb) / 1024.0, 'f', 1); };
    QString text;
    text += QStringLiteral("| measure | value |\n|---|---|\n");
    text += QStringLiteral("| duration | %1 min (%2 samples) |\n")
                .arg(seconds / 60.0, 0, 'f', 1)
                .arg(rows.size());
    text += QStringLiteral("| training steps | %1 → %2, %3 checkpoints |\n")
                .arg(firstStep)
                .arg(lastStep)
                .arg(rows.empty() ? 0 : rows.back().checkpoints);
    text += QStringLiteral("| exploration actions | %1 |\n").arg(rows.empty() ? 0 : rows.back().actions);
    text += QStringLiteral("| RSS in the minute after %1 min (median) | %2 MB |\n")
                .arg(warmupSeconds / 60.0, 0, 'f', 1)
                .arg(rssAfterWarmupKb() > 0 ? mb(rssAfterWarmupKb()) : QStringLiteral("(not reached)"));
    text += QStringLiteral("| RSS in the last minute (median) | %1 MB |\n").arg(mb(rssAtEndKb()));
    text += QStringLiteral("| RSS peak (one sample) | %1 MB |\n").arg(mb(rssPeakKb()));
    text += QStringLiteral("| RSS growth after warm-up | %1 % |\n").arg(growthPercent(), 0, 'f', 1);
    text += QStringLiteral("| longest GUI stall | %1 ms at %2 s |\n")
                .arg(longestStallMs, 0, 'f', 0)
                .arg(longestStallAtSeconds, 0, 'f', 1);
    text += QStringLiteral("| stalls > 100 ms | %1 |\n").arg(stallsOver100);
    text += QStringLiteral("| longest GUI-thread work between two ticks (CPU) | %1 ms at %2 s |\n")
                .arg(longestBusyMs, 0, 'f', 0)
                .arg(longestBusyAtSeconds, 0, 'f', 1);
    text += QStringLiteral("| GUI-thread work > 100 ms | %1 |\n").arg(busyOver100);
    text += QStringLiteral("| longest time blocked (neither working nor waiting for a core) | %1 ms at %2 s |\n")
                .arg(longestBlockedMs, 0, 'f', 0)
                .arg(longestBlockedAtSeconds, 0, 'f', 1);
    text += QStringLiteral("| blocked > 100 ms | %1 |\n").arg(blockedOver100);
    text += QStringLiteral("| errors | %1 |\n").arg(errors.size());
    text += QStringLiteral("| warnings | %1 |\n").arg(warnings.size());
    text += QStringLiteral("| targets (growth < 10 %, no stall > 100 ms, no error) | %1 |\n")
                .arg(meetsTargets() ? QStringLiteral("met") : QStringLiteral("NOT met"));
    for (const QString &line : errors)
        text += QStringLiteral("\nerror: ") + line;
    for (int i = 0; i < warnings.size() && i < 20; ++i)
        text += QStringLiteral("\nwarning: ") + warnings.at(i);
    if (warnings.size() > 20)
        text += QStringLiteral("\n(%1 more warnings)").arg(warnings.size() - 20);
    return text + QLatin1Char('\n');
}

namespace {

bool writeText(const QString &path, const QString &text, QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(text.toUtf8()) < 0 || !file.commit()) {
        if (error)
            *error = QStringLiteral("Could not write the soak results to '%1' (%2).")
                         .arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace

bool SoakReport::writeFiles(const QString &folder, QString *error) const
{
    if (!QDir().mkpath(folder)) {
        if (error)
            *error = QStringLiteral("Could not create the soak folder '%1'.").arg(folder);
        return false;
    }
    const QDir dir(folder);
    return writeText(dir.filePath(QStringLiteral("soak.csv")), csv(), error)
           && writeText(dir.filePath(QStringLiteral("summary.txt")), summary(), error);
}
