#include "explore/translate/translationview.h"

#include <QButtonGroup>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

#include "core/model/capabilities.h"
#include "explore/catalogsuggestions.h"
#include "explore/translate/domainbrowser.h"
#include "support/imagefile.h"
#include "widgets/notelabel.h"
#include "explore/recentcheckpointbox.h"
#include "support/studiosettings.h"
#include "explore/torchscriptdialog.h"
#include "explore/translate/translationcaptions.h"
#include "explore/translate/translationexport.h"
#include "explore/translate/translationinput.h"
#include "explore/translate/translationtiles.h"

namespace {
constexpr int kTranslatePriority = 30; // ExplorationWorker: lower runs first
} // namespace

TranslationView::TranslationView(ExplorationWorker *worker, QWidget *parent)
    : QWidget(parent)
    , ExplorerView(explorerTraits())
    , mWorker(worker)
    , mOpenButton(new QPushButton(tr("Open Image…"), this))
    , mBrowser(new DomainBrowser(worker, this))
    , mInputNote(makeNoteLabel(this))
    , mForward(new QRadioButton(tr("A → B"), this))
    , mBackward(new QRadioButton(tr("B → A"), this))
    , mCheckpoints(new RecentCheckpointBox(this))
    , mModelNote(makeNoteLabel(this))
    , mSaveImages(new QPushButton(tr("Save Images…"), this))
    , mSaveStrip(new QPushButton(tr("Save Strip…"), this))
    , mExportProgress(new QProgressBar(this))
    , mSummary(new QLabel(this))
    , mTiles(new TranslationTiles(this))
    , mExport(new TranslationExport(this))
{
    setObjectName(QStringLiteral("translationView"));
    setAcceptDrops(true);
    mOpenButton->setObjectName(QStringLiteral("openTranslationImage"));
    mOpenButton->setToolTip(tr("Translate a picture from a file (or drop one on this panel)"));
    mForward->setObjectName(QStringLiteral("directionAtoB"));
    mBackward->setObjectName(QStringLiteral("directionBtoA"));
    mForward->setChecked(true);
    auto *directions = new QButtonGroup(this);
    directions->addButton(mForward);
    directions->addButton(mBackward);
    mSaveImages->setObjectName(QStringLiteral("saveTranslationImages"));
    mSaveImages->setToolTip(tr("Save the four images as PNG files, at the size the model made "
                               "them, into a folder"));
    mSaveStrip->setObjectName(QStringLiteral("saveTranslationStrip"));
    mSaveStrip->setToolTip(tr("Save the images side by side with their captions as one PNG"));
    mExportProgress->setRange(0, 0);
    mExportProgress->setMaximumHeight(8);
    mExportProgress->setTextVisible(false);
    mExportProgress->hide();
    mSummary->setObjectName(QStringLiteral("translationSummary"));
    mSummary->setWordWrap(true);
    mSummary->setTextFormat(Qt::RichText);
    mInputNote->setObjectName(QStringLiteral("translationInputNote"));
    mModelNote->setObjectName(QStringLiteral("translationModelNote"));

    auto *input = new QGroupBox(tr("Input"), this);
    auto *inputLayout = new QVBoxLayout(input);
    inputLayout->addWidget(mBrowser);
    inputLayout->addWidget(mOpenButton);
    inputLayout->addWidget(mInputNote);
    auto *direction = new QGroupBox(tr("Direction"), this);
    auto *directionLayout = new QHBoxLayout(direction);
    directionLayout->addWidget(mForward);
    directionLayout->addWidget(mBackward);
    directionLayout->addStretch(1);
    auto *model = new QGroupBox(tr("Model"), this);
    auto *modelLayout = new QVBoxLayout(model);
    modelLayout->addWidget(mCheckpoints);
    modelLayout->addWidget(mModelNote);
    auto *save = new QGroupBox(tr("Export"), this);
    auto *saveLayout = new QVBoxLayout(save);
    auto *saveRow = new QHBoxLayout;
    saveRow->addWidget(mSaveImages);
    saveRow->addWidget(mSaveStrip);
    saveLayout->addLayout(saveRow);
    saveLayout->addWidget(mExportProgress);
    auto *left = new QVBoxLayout;
    left->addWidget(input);
    left->addWidget(direction);
    left->addWidget(model);
    left->addWidget(save);
    left->addStretch(1);
    auto *leftPanel = new QWidget(this);
    leftPanel->setLayout(left);
    left->setContentsMargins(0, 0, 0, 0);
    leftPanel->setFixedWidth(std::max(280, leftPanel->sizeHint().width()));
    auto *right = new QVBoxLayout;
    right->addWidget(mSummary);
    right->addWidget(mTiles, 1);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(12);
    layout->addWidget(leftPanel);
    layout->addLayout(right, 1);

    connect(mOpenButton, &QPushButton::clicked, this, [this] {
        StudioSettings settings;
        const QString path = QFileDialog::getOpenFileName(
            this, tr("Translate an Image"), settings.lastDirectory(),
            tr("Images (*.png *.jpg *.jpeg *.bmp *.gif *.webp *.tif *.tiff);;All files (*)"));
        if (path.isEmpty())
            return;
        settings.setLastDirectory(QFileInfo(path).absolutePath());
        openImageFile(path);
    });
    connect(mBrowser, &DomainBrowser::imageChosen, this, &TranslationView::setDatasetImage);
    connect(mBrowser, &DomainBrowser::domainChosen, this, [this](int domain) {
        // A test image of B goes B→A (when the model translates back).
        if (mInfo.translatesBack())
            mAToB = domain == 0;
        setDatasetImage(mBrowser->currentIndex(), domain);
    });
    connect(mForward, &QRadioButton::clicked, this, [this] { setAToB(true); });
    connect(mBackward, &QRadioButton::clicked, this, [this] { setAToB(false); });
    connect(mCheckpoints, &RecentCheckpointBox::openRequested, this,
            &TranslationView::openFileRequested);
    connect(mCheckpoints, &RecentCheckpointBox::chooseRequested, this,
            &TranslationView::chooseCheckpointRequested);
    connect(mSaveImages, &QPushButton::clicked, this, &TranslationView::chooseExportFolder);
    connect(mSaveStrip, &QPushButton::clicked, this, &TranslationView::chooseExportStrip);
    connect(mExport, &TranslationExport::finished, this, &TranslationView::onExportDone);
    mWorker->setModelSetup(TranslationJobs::kDomainsSetup, TranslationJobs::domainsSetup());
    showEmpty(tr("Open a translation model."));
    updateControls();
}

// --- Model ----------------------------------------------------------------------

QString TranslationView::unavailableSentence(const ExplorerInfo &info)
{
    if (info.canTranslate())
        return {};
    if (!info.isValid())
        return tr("There is no model yet: train a CycleGAN (model %1, dataset %2), open one of "
                  "its checkpoints or import a TorchScript translator.")
            .arg(CatalogSuggestions::modelWith(gs::kCanTranslate | gs::kTranslatesBack),
                 CatalogSuggestions::twoDomainDataset());
    return tr("%1 does not translate images: train a CycleGAN (model %2, dataset %3) or import "
              "a TorchScript translator.")
        .arg(info.modelName.isEmpty() ? tr("This model") : info.modelName,
             CatalogSuggestions::modelWith(gs::kCanTranslate | gs::kTranslatesBack),
             CatalogSuggestions::twoDomainDataset());
}

void TranslationView::setModel(const ExplorerInfo &info)
{
    mInfo = info;
    mBrowser->setModel(info);
    mCheckpoints->setModel(info);
    if (!info.canTranslate()) {
        mTicket = 0;
        mShown.reset();
        showEmpty(unavailableSentence(info));
        updateControls();
        return;
    }
    if (!info.translatesBack() && !mAToB)
        mAToB = true;
    // Keep the input across checkpoints (compare them on the same picture);
    // test images only while the model has some.
    if (mInput.valid && mInput.source.image.empty() && !mBrowser->hasImages())
        mInput = {};
    if (mShownInput.valid && mShownInput.source.image.empty() && !mBrowser->hasImages())
        mShownInput = {};
    if (!mInput.valid && mBrowser->hasImages()) {
        mBrowser->setDomain(mAToB ? 0 : 1);
        mBrowser->setCurrentIndex(0);
        Input first;
        first.valid = true;
        first.source.index = 0;
        first.source.domain = mAToB ? 0 : 1;
        first.label = tr("test image #0 of domain %1").arg(domainLetter(mAToB));
        first.prefix = QStringLiteral("test-%1-0").arg(domainLetter(mAToB));
        mInput = first;
    }
    updateControls();
    if (!mInput.valid) {
        mShown.reset();
        showEmpty(tr("Drop a picture here or open one (Open Image…) to translate it."));
        return;
    }
    requestTranslation();
}

// --- Input ----------------------------------------------------------------------

bool TranslationView::openImageFile(const QString &path)
{
    QString message;
    const gs::Image image = readTranslationImage(path, &message);
    if (image.empty()) {
        emit error(message);
        return false;
    }
    setImage(image, QStringLiteral("“%1”").arg(QFileInfo(path).fileName()));
    return mInfo.canTranslate();
}

void TranslationView::setImage(const gs::Image &image, const QString &label)
{
    if (!mInfo.canTranslate()) {
        emit error(tr("%1 cannot be translated: %2").arg(label, unavailableSentence(mInfo)));
        return;
    }
    Input input;
    input.valid = true;
    input.source.image = image;
    input.label = label;
    input.prefix = TranslationExport::safeName(label);
    useInput(input);
}

void TranslationView::setDatasetImage(int index, int domain)
{
    if (!mInfo.canTranslate() || !mBrowser->hasImages())
        return;
    Input input;
    input.valid = true;
    input.source.index = index;
    input.source.domain = domain;
    input.label = tr("test image #%1 of domain %2").arg(index).arg(domainLetter(domain == 0));
    input.prefix = QStringLiteral("test-%1-%2").arg(domainLetter(domain == 0)).arg(index);
    if (mBrowser->domain() != domain)
        mBrowser->setDomain(domain);
    if (mBrowser->currentIndex() != index)
        mBrowser->setCurrentIndex(index);
    useInput(input);
}

void TranslationView::useInput(const Input &input)
{
    mInput = input;
    updateControls();
    requestTranslation();
}

void TranslationView::dropFiles(const QStringList &paths)
{
    for (const QString &path : paths) {
        if (isCheckpointPath(path) || TorchScriptDialog::isModulePath(path)) {
            emit openFileRequested(path);
            return;
        }
        if (openImageFile(path))
            return; // one input at a time
    }
}

QString TranslationView::inputLabel() const
{
    return mInput.valid ? mInput.label : QString();
}

bool TranslationView::setAToB(bool on)
{
    if (!on && !mInfo.translatesBack()) {
        mForward->setChecked(true);
        return false;
    }
    const bool changed = on != mAToB;
    mAToB = on;
    mForward->setChecked(on);
    mBackward->setChecked(!on);
    // A test image follows the direction: A→B translates domain A's images.
    if (changed && mInput.valid && mInput.source.image.empty() && mBrowser->hasImages()) {
        setDatasetImage(mInput.source.index, on ? 0 : 1);
        return true;
    }
    if (changed)
        requestTranslation();
    return true;
}

// --- Translation ----------------------------------------------------------------

void TranslationView::requestTranslation()
{
    if (!mInfo.canTranslate() || !mInput.valid)
        return;
    mRequested = mInput;
    mRequestedAToB = mAToB;
    mTicket = mWorker->submit({this, QStringLiteral("translate"), kTranslatePriority},
                              TranslationJobs::translate(mInput.source, mAToB, true),
                              [this](const TranslationResultPtr &result) { onResult(result); },
                              [this](quint64 ticket, const QString &message) {
                                  onFailed(ticket, message);
                              });
    if (!mShown)
        mSummary->setText(tr("Translating…"));
}

void TranslationView::onResult(const TranslationResultPtr &result)
{
    if (result->ticket != mTicket || !result->translation)
        return;
    mShown = result;
    mShownInput = mRequested;
    mShownAToB = mRequestedAToB;
    showResult();
    updateControls();
    emit translationShown(result->step);
}

void TranslationView::onFailed(quint64 ticket, const QString &message)
{
    if (ticket != mTicket)
        return;
    mTicket = mShown ? mShown->ticket : 0;
    // The images shown stay, and so does the input they come from.
    if (mShownInput.valid) {
        mInput = mShownInput;
        mAToB = mShownAToB;
        mForward->setChecked(mAToB);
        mBackward->setChecked(!mAToB);
        if (mInput.source.image.empty() && mBrowser->hasImages()) {
            mBrowser->setDomain(mInput.source.domain);
            mBrowser->setCurrentIndex(mInput.source.index);
        }
    } else {
        mInput = {};
        mSummary->setText(message.toHtmlEscaped());
    }
    updateControls();
    emit error(message);
}

void TranslationView::showResult()
{
    const TranslationCaptions c = describeTranslation(
        *mShown->translation, mShownAToB, mShownInput.label, mInfo.torchScript ? -1 : mShown->step);
    const QVector<QImage> &images = mShown->images;
    for (int i = 0; i < TranslationTiles::TileCount; ++i)
        mTiles->setTile(i, i < images.size() ? images.at(i) : QImage(), c.titles[size_t(i)],
                        c.details[size_t(i)], c.placeholders[size_t(i)]);
    mSummary->setText(c.summary);
    updateControls();
}

void TranslationView::showEmpty(const QString &placeholder)
{
    mTiles->clear(placeholder);
    mSummary->setText(QString());
    updateControls();
}

QString TranslationView::summaryText() const
{
    return mSummary->text();
}

// --- Drops ----------------------------------------------------------------------

void TranslationView::dragEnterEvent(QDragEnterEvent *event)
{
    if (!localFilePaths(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void TranslationView::dropEvent(QDropEvent *event)
{
    const QStringList paths = localFilePaths(event->mimeData());
    if (paths.isEmpty())
        return;
    event->acceptProposedAction();
    dropFiles(paths);
}

// --- Controls -------------------------------------------------------------------

void TranslationView::updateControls()
{
    const bool model = mInfo.canTranslate();
    const bool back = mInfo.translatesBack();
    mOpenButton->setEnabled(model);
    mForward->setEnabled(model);
    mBackward->setEnabled(back);
    mBackward->setToolTip(back ? tr("Translate with the generator from B to A")
                          : model ? tr("This model translates A→B only (one way), so there is "
                                       "no B→A generator.")
                                  : QString());
    {
        const QSignalBlocker a(mForward), b(mBackward);
        mForward->setChecked(mAToB);
        mBackward->setChecked(!mAToB);
    }
    mInputNote->setText(!model ? QString()
                        : mInput.valid
                            ? tr("Translating %1. Drop a picture anywhere on this panel to "
                                 "translate it instead.")
                                  .arg(mInput.label)
                            : tr("Drop a picture anywhere on this panel."));
    QString note;
    if (!mInfo.isValid())
        note = tr("No model yet.");
    else if (mInfo.torchScript)
        note = tr("An imported TorchScript module, used as it is.");
    else if (mInfo.fromTraining)
        note = tr("Step %1: a copy of the training session, translated again with every "
                  "newer copy.")
                   .arg(QLocale().toString(mInfo.step));
    else
        note = tr("Step %1 of %2.")
                   .arg(QLocale().toString(mInfo.step), QFileInfo(mInfo.checkpointPath).fileName());
    mModelNote->setText(note);
    const bool canSave = mShown && mShown->frames.size() >= size_t(TranslationTiles::TileCount)
                         && !mExport->isRunning();
    mSaveImages->setEnabled(canSave);
    mSaveStrip->setEnabled(canSave);
    mExportProgress->setVisible(mExport->isRunning());
}
