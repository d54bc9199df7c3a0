#include "explore/latent/sweepview.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QMouseEvent>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>

#include "support/imageconvert.h"
#include "widgets/imageview.h"

namespace {
constexpr int kGap = 2;
}

SweepView::SweepView(QWidget *parent)
    : QWidget(parent)
    , mCombo(new QComboBox(this))
    , mFrames(new QSpinBox(this))
    , mView(new ImageView(this))
{
    mView->setObjectName(QStringLiteral("sweepView"));
    mView->setPlaceholderText(tr("One slider varied from −3 to +3."));
    mView->setMinimumHeight(90);
    mView->setToolTip(tr("One slider from −3 to +3, the others as they are. Click a frame to "
                         "move the slider there."));
    mView->installEventFilter(this);
    mCombo->setToolTip(tr("The slider the sweep varies"));
    mFrames->setRange(3, 21);
    mFrames->setValue(9);
    mFrames->setSuffix(tr(" frames"));
    auto *row = new QHBoxLayout;
    row->addWidget(new QLabel(tr("<b>Sweep</b> of"), this));
    row->addWidget(mCombo);
    row->addWidget(mFrames);
    row->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(row);
    layout->addWidget(mView, 1);

    connect(mCombo, &QComboBox::currentIndexChanged, this, [this](int index) {
        if (index >= 0) {
            mTarget = index;
            emit changed();
        }
    });
    connect(mCombo, &QComboBox::activated, this, &SweepView::targetChosen);
    connect(mFrames, &QSpinBox::valueChanged, this, &SweepView::changed);
}

void SweepView::setNames(const QStringList &names)
{
    const QSignalBlocker blocker(mCombo);
    mCombo->clear();
    mCombo->addItems(names);
    mTarget = std::clamp(mTarget, 0, std::max(0, int(names.size()) - 1));
    mCombo->setCurrentIndex(names.isEmpty() ? -1 : mTarget);
}

void SweepView::setTarget(int index)
{
    if (index >= 0 && index < mCombo->count())
        mCombo->setCurrentIndex(index);
}

int SweepView::frames() const
{
    return mFrames->value();
}

double SweepView::frameValue(int frame) const
{
    return -kRange + 2 * kRange * frame / std::max(1, frames() - 1);
}

void SweepView::setFrames(const QVector<QImage> &frames)
{
    mView->setImage(tileImages(frames, 0, kGap));
}

void SweepView::clear()
{
    mView->clear();
}

QImage SweepView::image() const
{
    return mView->image();
}

bool SweepView::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == mView && event->type() == QEvent::MouseButtonPress && mCombo->count() > 0) {
        const QRect area = mView->imageRect();
        const auto *mouse = static_cast<QMouseEvent *>(event);
        if (area.contains(mouse->position().toPoint())) {
            const int frame = std::clamp(int((mouse->position().x() - area.left()) * frames()
                                             / std::max(1, area.width())),
                                         0, frames() - 1);
            emit frameClicked(mTarget, frameValue(frame));
        }
        return true;
    }
    return QWidget::eventFilter(watched, event);
}
