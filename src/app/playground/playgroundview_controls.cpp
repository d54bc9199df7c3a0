// PlaygroundView, the controls on the right: setup (preset, data, drawing,
// model, seed), run (play/pause, reset, single steps, slow motion, target),
// view toggles and the two parameter forms. See playgroundview.h.
#include "widgets/notelabel.h"
#include "playground/playgroundview.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QPainterPath>
#include <QPushButton>
#include <QScrollArea>
#include <QSlider>
#include <QSpinBox>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

#include <climits>

#include "core/model/model_catalog.h"
#include "widgets/parameterform.h"
#include "playground/planeplot.h"
#include "playground/playgroundcolors.h"
#include "playground/playgroundpresets.h"

namespace {

constexpr int kMaxSlowMotionMs = 500;

QLabel *noteLabel(QWidget *parent)
{
    return makeNoteLabel(parent);
}

// A 16 px swatch in the colour of what a toggle shows.
QIcon swatch(PlaygroundView::Toggle toggle)
{
    QPixmap pixmap(16, 16);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    using T = PlaygroundView::Toggle;
    switch (toggle) {
    case T::Real:
    case T::Fake:
        p.setPen(Qt::NoPen);
        p.setBrush(toggle == T::Real ? playgroundcolors::real() : playgroundcolors::fake());
        p.drawEllipse(QRectF(3, 3, 10, 10));
        break;
    case T::Field: {
        QLinearGradient g(0, 0, 16, 0);
        g.setColorAt(0, playgroundcolors::fieldFake());
        g.setColorAt(0.5, playgroundcolors::fieldUndecided());
        g.setColorAt(1, playgroundcolors::fieldReal());
        p.setPen(QPen(QColor(0x99, 0x99, 0x99), 1));
        p.setBrush(g);
        p.drawRect(QRectF(1.5, 2.5, 13, 11));
        break;
    }
    case T::Mesh:
        p.setPen(QPen(QColor(0x44, 0x44, 0x44), 1.2));
        for (int i = 2; i <= 14; i += 4) {
            p.drawLine(QPointF(i, 2), QPointF(i + 1, 14));
            p.drawLine(QPointF(2, i), QPointF(14, i - 1));
        }
        break;
    case T::Arrows:
        p.setPen(QPen(playgroundcolors::arrow(), 2, Qt::SolidLine, Qt::RoundCap));
        p.drawLine(QPointF(2, 13), QPointF(13, 3));
        p.drawLine(QPointF(13, 3), QPointF(7, 4));
        p.drawLine(QPointF(13, 3), QPointF(12, 9));
        break;
    case T::Density:
        p.setPen(QPen(playgroundcolors::density(), 2, Qt::DashLine));
        p.drawLine(QPointF(1, 12), QPointF(15, 4));
        break;
    case T::Trajectories: {
        QColor c = playgroundcolors::trajectory();
        c.setAlpha(200);
        p.setPen(QPen(c, 1.5));
        p.setBrush(Qt::NoBrush);
        QPainterPath path(QPointF(2, 14));
        path.cubicTo(QPointF(4, 2), QPointF(10, 14), QPointF(14, 3));
        p.drawPath(path);
        break;
    }
    }
    return QIcon(pixmap);
}

} // namespace

QWidget *PlaygroundView::createControls()
{
    auto *content = new QWidget(this);
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(0, 0, 6, 0);
    layout->addWidget(createSetupGroup());
    layout->addWidget(createRunGroup());
    layout->addWidget(createToggleGroup());

    mLiveForm = new ParameterForm(this);
    mLiveForm->setObjectName(QStringLiteral("playgroundLiveForm"));
    auto *liveGroup = new QGroupBox(tr("Training · changes apply at once"), this);
    auto *liveLayout = new QVBoxLayout(liveGroup);
    liveLayout->addWidget(mLiveForm);
    layout->addWidget(liveGroup);
    connect(mLiveForm, &ParameterForm::valueEdited, this, &PlaygroundView::onLiveParamEdited);

    mModelForm = new ParameterForm(this);
    mModelForm->setObjectName(QStringLiteral("playgroundModelForm"));
    auto *modelGroup = new QGroupBox(tr("Model · changes rebuild it"), this);
    auto *modelLayout = new QVBoxLayout(modelGroup);
    modelLayout->addWidget(mModelForm);
    layout->addWidget(modelGroup);
    connect(mModelForm, &ParameterForm::valueEdited, this, &PlaygroundView::onModelParamEdited);

    layout->addStretch();

    auto *scroll = new QScrollArea(this);
    scroll->setObjectName(QStringLiteral("playgroundControls"));
    scroll->setWidget(content);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setMinimumWidth(content->sizeHint().width() + 24);
    return scroll;
}

QWidget *PlaygroundView::createSetupGroup()
{
    auto *group = new QGroupBox(tr("Setup"), this);
    auto *form = new QFormLayout(group);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);

    mPresetCombo = new QComboBox(group);
    mPresetCombo->setObjectName(QStringLiteral("presetCombo"));
    for (const PlaygroundPreset &preset : playgroundPresets()) {
        mPresetCombo->addItem(preset.name, preset.id);
        mPresetCombo->setItemData(mPresetCombo->count() - 1, preset.description, Qt::ToolTipRole);
    }
    mPresetCombo->insertSeparator(mPresetCombo->count());
    mPresetCombo->addItem(tr("Custom settings"), QString());
    mPresetCombo->setItemData(mPresetCombo->count() - 1,
                              tr("The settings were changed by hand."), Qt::ToolTipRole);
    connect(mPresetCombo, &QComboBox::activated, this, &PlaygroundView::onPresetActivated);
    form->addRow(tr("Preset:"), mPresetCombo);
    mPresetDescription = noteLabel(group);
    form->addRow(mPresetDescription);

    mDataCombo = new QComboBox(group);
    mDataCombo->setObjectName(QStringLiteral("playgroundDataCombo"));
    for (const gs::DatasetInfo &info : gs::dataset_catalog()) {
        if (!info.points)
            continue;
        mDataCombo->addItem(QString::fromStdString(info.name), QString::fromStdString(info.id));
        mDataCombo->setItemData(mDataCombo->count() - 1, QString::fromStdString(info.description),
                                Qt::ToolTipRole);
    }
    connect(mDataCombo, &QComboBox::activated, this, &PlaygroundView::onDataChanged);
    form->addRow(tr("Data:"), mDataCombo);

    mDrawRow = new QWidget(group);
    auto *drawLayout = new QHBoxLayout(mDrawRow);
    drawLayout->setContentsMargins(0, 0, 0, 0);
    mDrawLabel = noteLabel(mDrawRow);
    mDrawLabel->setObjectName(QStringLiteral("drawLabel"));
    mDrawLabel->setText(tr("Click and drag on the plot to draw."));
    auto *clear = new QToolButton(mDrawRow);
    clear->setObjectName(QStringLiteral("clearDrawingButton"));
    clear->setText(tr("Clear"));
    clear->setToolTip(tr("Remove every drawn point."));
    connect(clear, &QToolButton::clicked, mPlanePlot, &PlanePlot::clearDrawing);
    drawLayout->addWidget(mDrawLabel, 1);
    drawLayout->addWidget(clear);
    form->addRow(mDrawRow);

    // Models that draw samples; the core explains when one cannot take points.
    mModelCombo = new QComboBox(group);
    mModelCombo->setObjectName(QStringLiteral("playgroundModelCombo"));
    for (const gs::ModelInfo &info : gs::model_catalog()) {
        if (!(info.capabilities & gs::kCanSample) || !(info.capabilities & gs::kCanDecode))
            continue;
        mModelCombo->addItem(QString::fromStdString(info.name), QString::fromStdString(info.id));
        mModelCombo->setItemData(mModelCombo->count() - 1,
                                 QString::fromStdString(info.description), Qt::ToolTipRole);
    }
    connect(mModelCombo, &QComboBox::activated, this, &PlaygroundView::onModelChanged);
    form->addRow(tr("Model:"), mModelCombo);

    mSeedSpin = new QSpinBox(group);
    mSeedSpin->setObjectName(QStringLiteral("playgroundSeedSpin"));
    mSeedSpin->setRange(0, INT_MAX);
    mSeedSpin->setValue(1);
    mSeedSpin->setKeyboardTracking(false);
    mSeedSpin->setToolTip(tr("Initial weights, data and the fixed generated points: another "
                             "seed shows another run of the same experiment."));
    connect(mSeedSpin, &QSpinBox::valueChanged, this, [this] {
        if (!mSyncing) {
            markCustom();
            setupChanged();
        }
    });
    form->addRow(tr("Seed:"), mSeedSpin);
    return group;
}

QWidget *PlaygroundView::createRunGroup()
{
    auto *group = new QGroupBox(tr("Run"), this);
    auto *grid = new QGridLayout(group);
    grid->setHorizontalSpacing(4);

    mPlayButton = new QPushButton(group);
    mPlayButton->setObjectName(QStringLiteral("playButton"));
    mPlayButton->setMinimumHeight(34);
    QFont bold = mPlayButton->font();
    bold.setBold(true);
    mPlayButton->setFont(bold);
    connect(mPlayButton, &QPushButton::clicked, this, &PlaygroundView::play);
    mResetButton = new QPushButton(style()->standardIcon(QStyle::SP_BrowserReload), tr("Reset"),
                                   group);
    mResetButton->setObjectName(QStringLiteral("resetButton"));
    mResetButton->setMinimumHeight(34);
    mResetButton->setToolTip(tr("Start over with a new model from the settings above (paused "
                                "at step 0 unless it is running)."));
    connect(mResetButton, &QPushButton::clicked, this, &PlaygroundView::reset);
    grid->addWidget(mPlayButton, 0, 0, 1, 2);
    grid->addWidget(mResetButton, 0, 2);

    const QString stepText[3] = {tr("Step D+G"), tr("Step D"), tr("Step G")};
    const char *stepNames[3] = {"stepBothButton", "stepDButton", "stepGButton"};
    for (int part = 0; part < 3; ++part) {
        auto *button = new QToolButton(group);
        button->setObjectName(QLatin1String(stepNames[part]));
        button->setText(stepText[part]);
        if (part == 0)
            button->setToolTip(tr("While paused: one training step of both networks."));
        button->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
        connect(button, &QToolButton::clicked, this, [this, part] { step(part); });
        mStepButtons[part] = button;
        grid->addWidget(button, 1, part);
    }

    mSlowSlider = new QSlider(Qt::Horizontal, group);
    mSlowSlider->setObjectName(QStringLiteral("slowMotionSlider"));
    mSlowSlider->setRange(0, kMaxSlowMotionMs);
    mSlowSlider->setSingleStep(10);
    mSlowSlider->setPageStep(50);
    mSlowSlider->setToolTip(tr("Slow motion: a pause after every training step, so each "
                               "update can be followed."));
    mSlowLabel = new QLabel(group);
    mSlowLabel->setMinimumWidth(QFontMetrics(font()).horizontalAdvance(tr("500 ms/step")) + 4);
    connect(mSlowSlider, &QSlider::valueChanged, this, &PlaygroundView::setSlowMotion);
    auto *slowRow = new QHBoxLayout;
    slowRow->addWidget(new QLabel(tr("Slow motion:"), group));
    slowRow->addWidget(mSlowSlider, 1);
    slowRow->addWidget(mSlowLabel);
    grid->addLayout(slowRow, 2, 0, 1, 3);

    mTargetSpin = new QSpinBox(group);
    mTargetSpin->setObjectName(QStringLiteral("targetSpin"));
    mTargetSpin->setRange(1, INT_MAX);
    mTargetSpin->setSingleStep(5000);
    mTargetSpin->setGroupSeparatorShown(true);
    mTargetSpin->setValue(int(kStepChunk));
    mTargetSpin->setToolTip(tr("Training pauses for good at this step; Play then goes on for "
                               "another %L1 steps.")
                                .arg(kStepChunk));
    auto *targetRow = new QHBoxLayout;
    targetRow->addWidget(new QLabel(tr("Train until step:"), group));
    targetRow->addWidget(mTargetSpin, 1);
    grid->addLayout(targetRow, 3, 0, 1, 3);
    setSlowMotion(0);
    return group;
}

QWidget *PlaygroundView::createToggleGroup()
{
    auto *group = new QGroupBox(tr("Show"), this);
    auto *layout = new QVBoxLayout(group);
    layout->setSpacing(2);
    const QString text[7] = {tr("Real data"), tr("Generated samples"), tr("Discriminator heatmap"),
                             tr("Generator manifold"), tr("Gradient arrows (where G is pushed)"),
                             tr("True density"), tr("Trajectories from noise")};
    const char *names[7] = {"showRealCheck", "showFakeCheck", "showFieldCheck",      "showMeshCheck",
                            "showArrowsCheck", "showDensityCheck", "showTrajectoriesCheck"};
    for (int i = 0; i < 7; ++i) {
        auto *check = new QCheckBox(text[i], group);
        check->setObjectName(QLatin1String(names[i]));
        check->setIcon(swatch(Toggle(i)));
        check->setChecked(true);
        connect(check, &QCheckBox::toggled, this, &PlaygroundView::updateToggles);
        mToggles[i] = check;
        layout->addWidget(check);
    }
    return group;
}
