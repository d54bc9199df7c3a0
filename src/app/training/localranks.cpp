#include "training/localranks.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QTimer>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>

#include "core/data/dataset_catalog.h"

namespace {

// A port on 127.0.0.1 nothing listens on now (0 when none could be found).
int freeLoopbackPort()
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return 0;
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    socklen_t len = sizeof addr;
    const bool ok = ::bind(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) == 0
                    && ::getsockname(fd, reinterpret_cast<sockaddr *>(&addr), &len) == 0;
    ::close(fd);
    return ok ? ntohs(addr.sin_port) : 0;
}

QString &cliOverride()
{
    static QString path;
    return path;
}

QString q(const std::string &s)
{
    return QString::fromStdString(s);
}

} // namespace

LocalRanks::LocalRanks(QObject *parent)
    : QObject(parent)
{
}

LocalRanks::~LocalRanks()
{
    for (QProcess *p : std::as_const(mChildren)) {
        p->disconnect(this);
        if (p->state() != QProcess::NotRunning) {
            p->kill();
            p->waitForFinished(2000);
        }
    }
}

void LocalRanks::setCliPath(const QString &path)
{
    cliOverride() = path;
}

QString LocalRanks::cliPath()
{
    if (!cliOverride().isEmpty())
        return cliOverride();
    return QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("genstudio-cli"));
}

QString LocalRanks::prepare(const gs::SessionConfig &config, const QString &resumeFrom,
                            gs::RunOptions *options)
{
    finish(0);
    const int n = options->distributed.world_size;
    if (n <= 1)
        return {};
    const QFileInfo cli(cliPath());
    if (!cli.isExecutable())
        return tr("A run across %1 processes needs genstudio-cli beside the studio (%2), and it is "
                  "not there. Set Processes to 1, or install GenStudio with its command-line tool.")
            .arg(n)
            .arg(cli.absoluteFilePath());
    const gs::DatasetInfo *dataset = gs::find_dataset(config.dataset.id);
    if (resumeFrom.isEmpty() && (!config.dataset.drawn_points.empty() || (dataset && dataset->drawable)))
        return tr("Drawn points cannot be shared with other processes; set Processes to 1 to "
                  "train on them.");
    const int port = freeLoopbackPort();
    if (port == 0)
        return tr("No free port on 127.0.0.1 was found for the %1 processes of the run.").arg(n);
    options->distributed.rank = 0;
    options->distributed.master_host = "127.0.0.1";
    options->distributed.master_port = port;
    mConfig = config;
    mResumeFrom = resumeFrom;
    mOptions = *options;
    mWorldSize = n;
    return {};
}

QStringList LocalRanks::arguments(int rank) const
{
    const gs::DistributedOptions &d = mOptions.distributed;
    QStringList a{QStringLiteral("train")};
    if (!mResumeFrom.isEmpty()) {
        a << QStringLiteral("--resume") << mResumeFrom;
    } else {
        const gs::DatasetSpec &data = mConfig.dataset;
        a << QStringLiteral("--model") << q(mConfig.model_id) << QStringLiteral("--dataset")
          << q(data.id) << QStringLiteral("--seed") << QString::number(mConfig.seed);
        if (!data.path.empty())
            a << QStringLiteral("--data-path") << q(data.path);
        if (!data.path_b.empty())
            a << QStringLiteral("--data-path-b") << q(data.path_b);
        a << QStringLiteral("--image-size") << QString::number(data.image_size)
          << QStringLiteral("--channels") << QString::number(data.channels);
        if (data.limit > 0)
            a << QStringLiteral("--limit") << QString::number(data.limit);
        if (data.only_class >= 0)
            a << QStringLiteral("--only-class") << QString::number(data.only_class);
        for (const auto &[key, value] : mConfig.params)
            a << QStringLiteral("--set") << q(key + "=" + value);
    }
    a << QStringLiteral("--steps") << QString::number(mOptions.total_steps)
      << QStringLiteral("--log-every") << QString::number(mOptions.log_every)
      << QStringLiteral("--threads") << QString::number(std::max(1, mOptions.threads))
      << QStringLiteral("--world-size") << QString::number(d.world_size) << QStringLiteral("--rank")
      << QString::number(rank) << QStringLiteral("--master")
      << q(d.master_host + ":" + std::to_string(d.master_port)) << QStringLiteral("--dist-timeout")
      << QString::number(d.timeout_seconds) << QStringLiteral("--quiet")
      // Ranks other than 0 write nothing; --out is only required.
      << QStringLiteral("--out") << QDir::tempPath();
    return a;
}

QString LocalRanks::launch()
{
    if (mWorldSize <= 1 || !mChildren.isEmpty())
        return {};
    mReported = false;
    mLastLines = QVector<QString>(mWorldSize - 1);
    for (int rank = 1; rank < mWorldSize; ++rank) {
        auto *p = new QProcess(this);
        p->setProcessChannelMode(QProcess::MergedChannels);
        connect(p, &QProcess::readyRead, this, [this, p, rank] {
            const QStringList lines = QString::fromUtf8(p->readAll()).split(
                QLatin1Char('\n'), Qt::SkipEmptyParts);
            if (!lines.isEmpty())
                mLastLines[rank - 1] = lines.last().trimmed();
        });
        connect(p, &QProcess::finished, this,
                [this, rank](int code, QProcess::ExitStatus status) {
                    onFinished(rank, code, status == QProcess::CrashExit);
                });
        mChildren << p;
        p->start(cliPath(), arguments(rank));
        if (!p->waitForStarted(10000))
            return tr("Rank %1 of the run could not be started (%2).").arg(rank).arg(p->errorString());
    }
    return {};
}

void LocalRanks::onFinished(int rank, int exitCode, bool crashed)
{
    // 0: finished with rank 0; 130: stopped with it.
    if (mReported || (!crashed && (exitCode == 0 || exitCode == 130)))
        return;
    mReported = true;
    QString line = mLastLines.value(rank - 1);
    const QString prefix = QStringLiteral("genstudio-cli: ");
    if (line.startsWith(prefix))
        line = line.mid(prefix.size());
    const QString how = crashed ? tr("Rank %1 of the run (a genstudio-cli process) was killed or crashed.")
                                      .arg(rank)
                                : tr("Rank %1 of the run ended with code %2.").arg(rank).arg(exitCode);
    emit rankEnded(rank, line.isEmpty() ? how : how + QLatin1Char(' ') + line);
}

void LocalRanks::finish(int graceMs, bool block)
{
    const QVector<QProcess *> children = std::exchange(mChildren, {});
    mWorldSize = 1;
    for (QProcess *p : children) {
        p->disconnect(this);
        if (p->state() == QProcess::NotRunning) {
            p->deleteLater();
            continue;
        }
        // The run told it to stop; one that does not follow within the grace is ended.
        if (block) {
            if (!p->waitForFinished(graceMs)) {
                p->kill();
                p->waitForFinished(2000);
            }
            delete p;
            continue;
        }
        p->setParent(nullptr);
        connect(p, &QProcess::finished, p, &QObject::deleteLater);
        if (graceMs <= 0) {
            p->kill();
            p->waitForFinished(2000);
            continue;
        }
        QTimer::singleShot(graceMs, p, [p] {
            if (p->state() != QProcess::NotRunning)
                p->kill();
        });
    }
}

QVector<qint64> LocalRanks::processIds() const
{
    QVector<qint64> ids;
    for (QProcess *p : mChildren)
        if (p->state() == QProcess::Running)
            ids << p->processId();
    return ids;
}
