#include "explore/recentcheckpointbox.h"

#include <QDir>
#include <QFileInfo>

#include "support/studiosettings.h"

namespace {
const QString kOpenOther = QStringLiteral("#open");
} // namespace

RecentCheckpointBox::RecentCheckpointBox(QWidget *parent)
    : QComboBox(parent)
{
    setObjectName(QStringLiteral("translationCheckpoints"));
    setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    setMinimumContentsLength(16);
    setToolTip(tr("Switch to another checkpoint on the fly; the same input is translated by "
                  "it"));
    connect(this, &QComboBox::activated, this, [this](int index) {
        const QString path = itemData(index).toString();
        refresh(); // the current model stays selected until another one is ready
        if (path == kOpenOther)
            emit chooseRequested();
        else if (!path.isEmpty() && path != mInfo.checkpointPath)
            emit openRequested(path);
    });
    refresh();
}

void RecentCheckpointBox::setModel(const ExplorerInfo &info)
{
    mInfo = info;
    if (info.canTranslate() && !info.fromTraining && !info.torchScript
        && !info.checkpointPath.isEmpty()) {
        StudioSettings settings;
        QStringList recent = settings.translationCheckpoints();
        recent.removeAll(info.checkpointPath);
        recent.prepend(info.checkpointPath);
        while (recent.size() > kMaxRecent)
            recent.removeLast();
        settings.setTranslationCheckpoints(recent);
    }
    refresh();
}

QStringList RecentCheckpointBox::recentCheckpoints() const
{
    QStringList existing;
    for (const QString &path : StudioSettings().translationCheckpoints()) {
        if (QFileInfo(path).isFile())
            existing << path;
    }
    return existing;
}

void RecentCheckpointBox::refresh()
{
    const QSignalBlocker blocker(this);
    clear();
    if (mInfo.isValid() && mInfo.fromTraining)
        addItem(tr("Training session (live copy)"), QString());
    else if (mInfo.isValid() && mInfo.torchScript)
        addItem(tr("Imported %1").arg(QFileInfo(mInfo.checkpointPath).fileName()), QString());
    else if (!mInfo.canTranslate())
        addItem(tr("No translation model"), QString());
    int current = 0;
    for (const QString &path : recentCheckpoints()) {
        if (path == mInfo.checkpointPath && !mInfo.fromTraining && !mInfo.torchScript)
            current = count();
        addItem(QFileInfo(path).fileName(), path);
        setItemData(count() - 1, QDir::toNativeSeparators(path), Qt::ToolTipRole);
    }
    addItem(tr("Open Another Checkpoint…"), kOpenOther);
    setCurrentIndex(current);
}
