// translationview_explorer.cpp — TranslationView as an explorer view: the
// Translate tab for models that translate; it reads dropped pictures itself
// (at full size) and asks the host to open checkpoints.
#include "explore/translate/translationview.h"

#include "core/model/capabilities.h"

ExplorerView::Traits TranslationView::explorerTraits()
{
    return Traits(QStringLiteral("translate"), tr("Translate"), gs::kCanTranslate)
        .withAliases({QStringLiteral("transl*")})
        .withToolTip(tr("Translate a picture or a test image A→B or B→A, with the cycle and "
                        "identity views"))
        .withDrops(Drops::Files);
}

QString TranslationView::unavailableReason(const ExplorerInfo &info) const
{
    return unavailableSentence(info);
}

void TranslationView::attach(ExplorerHost &host)
{
    forwardMessages(this, host);
    connect(this, &TranslationView::openFileRequested, this,
            [&host](const QString &path) { host.dropFiles({path}); });
    connect(this, &TranslationView::chooseCheckpointRequested, this,
            [&host] { host.chooseCheckpoint(); });
}

void TranslationView::modelChanged(const ExplorerInfo &info)
{
    setModel(info);
    if (isAvailable(info))
        mSessionControls.modelArrived(sessionControls()); // a restored session's direction
}

bool TranslationView::takeFile(const QString &path)
{
    return openImageFile(path);
}
