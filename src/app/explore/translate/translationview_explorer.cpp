// translationview_explorer.cpp — TranslationView as an explorer view: the
// Translate tab for models that translate; it reads dropped pictures itself
// (at full size) and asks the host to open checkpoints.
#include "explore/translate/translationview.h"

#include "core/model/capabilities.h"

QString TranslationView::id() const
{
    return QStringLiteral("translate");
}

QStringList TranslationView::aliases() const
{
    return {QStringLiteral("transl*")};
}

QString TranslationView::title() const
{
    return tr("Translate");
}

unsigned TranslationView::requiredCapabilities() const
{
    return gs::kCanTranslate;
}

QString TranslationView::toolTip(const ExplorerInfo &info) const
{
    (void)info;
    return tr("Translate a picture or a test image A→B or B→A, with the cycle and identity views");
}

QString TranslationView::unavailableReason(const ExplorerInfo &info) const
{
    return unavailableSentence(info);
}

void TranslationView::attach(ExplorerHost &host)
{
    connect(this, &TranslationView::error, this,
            [&host](const QString &message) { host.showError(message); });
    connect(this, &TranslationView::notice, this,
            [&host](const QString &message) { host.showNotice(message); });
    connect(this, &TranslationView::openFileRequested, this,
            [&host](const QString &path) { host.dropFiles({path}); });
    connect(this, &TranslationView::chooseCheckpointRequested, this,
            [&host] { host.chooseCheckpoint(); });
}

void TranslationView::modelChanged(const ExplorerInfo &info)
{
    setModel(info);
}

ExplorerView::Drops TranslationView::drops() const
{
    return Drops::Files;
}

bool TranslationView::takeFile(const QString &path)
{
    return openImageFile(path);
}
