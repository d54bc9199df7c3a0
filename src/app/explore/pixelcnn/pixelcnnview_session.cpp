// pixelcnnview_session.cpp — the PixelCNN view's part of a session file: the
// class (class-conditional models), how many images a run draws, the
// temperature, the test image, what is hidden and the rectangle painted on the
// test image. The controls go through ControlState (keyed by object name,
// applied at once and again when a model comes and when the test image number
// has its range; the class, in a ControlState of its own, when a model comes
// and when the picker has the model's classes, whichever reply is first); the
// rectangle, in the test image's pixels, is set once a test image it lies
// inside is shown — one that does not fit (negative, empty, beyond the image,
// not four whole numbers) is left out rather than clipped.
#include "explore/pixelcnn/pixelcnnview.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QJsonArray>
#include <QSpinBox>


#include "explore/classpicker.h"

namespace {
const QString kRectangleKey = QStringLiteral("pixelMaskRectangle");
constexpr int kRectangleChances = 2; // test images tried before a kept rectangle is forgotten

// A whole number within [0, limit], or −1.
int wholeUpTo(const QJsonValue &value, int limit)
{
    qint64 v = 0;
    return ControlState::wholeNumberFrom(value, 0, limit, &v) ? int(v) : -1;
}
} // namespace

QJsonObject PixelCnnView::sessionState() const
{
    QJsonObject state = ControlState::save(sessionControls());
    const QJsonObject picked = ControlState::save({mClass});
    for (auto it = picked.begin(); it != picked.end(); ++it)
        state.insert(it.key(), it.value());
    const QRect r = mCanvas->rectangle();
    if (!mCanvas->image().isNull() && !r.isEmpty())
        state.insert(kRectangleKey, QJsonArray{r.x(), r.y(), r.width(), r.height()});
    return state;
}

void PixelCnnView::restoreSessionState(const QJsonObject &state)
{
    mSessionControls.restore(state, sessionControls());
    mSessionClass.restore(state, {mClass});
    mPendingRectangle = state.value(kRectangleKey); // anything but an array: nothing kept
    mRectangleChances = kRectangleChances;
    if (!mCanvas->image().isNull() && applyRectangle(mPendingRectangle))
        mPendingRectangle = QJsonValue();
}

QList<QWidget *> PixelCnnView::sessionControls() const
{
    return {mCount, mTemperature, mTestIndex, mHide}; // the class: mSessionClass
}

void PixelCnnView::sessionImageArrived()
{
    mSessionControls.modelArrived(sessionControls()); // the test image number has its range now
    if (!mPendingRectangle.isArray())
        return;
    if (applyRectangle(mPendingRectangle) || --mRectangleChances <= 0)
        mPendingRectangle = QJsonValue();
}

bool PixelCnnView::applyRectangle(const QJsonValue &value)
{
    const QSize size = mCanvas->image().size();
    const QJsonArray a = value.toArray();
    if (!value.isArray() || a.size() != 4 || size.isEmpty())
        return false;
    const int x = wholeUpTo(a[0], size.width() - 1), y = wholeUpTo(a[1], size.height() - 1);
    const int w = wholeUpTo(a[2], size.width()), h = wholeUpTo(a[3], size.height());
    if (x < 0 || y < 0 || w < 1 || h < 1 || x + w > size.width() || y + h > size.height())
        return false;
    mCanvas->setRectangle(QRect(x, y, w, h));
    return true;
}
