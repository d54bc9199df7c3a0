#include "explore/classpicker.h"

#include <QSignalBlocker>

#include "core/explore/class_sampling.h"
#include "core/model/capabilities.h"

namespace {

constexpr int kClassesPriority = 20; // tiny, and the views' first runs wait for the class

struct ClassNames
{
    quint64 ticket = 0;
    QStringList names;
};

} // namespace

ClassPicker::ClassPicker(ExplorationWorker *worker, QWidget *parent)
    : QComboBox(parent)
    , mWorker(worker)
{
    setObjectName(QStringLiteral("classPicker"));
    setToolTip(tr("The class to draw: the model learned from the dataset's labels. \"Any class\" draws "
                  "without a class"));
    setSizeAdjustPolicy(QComboBox::AdjustToContents);
    setNames({});
    setVisible(false);
    connect(this, &QComboBox::currentIndexChanged, this, [this] { emit classChanged(classLabel()); });
}

int ClassPicker::classLabel() const { return mConditional ? currentData().toInt() : -1; }

void ClassPicker::setClassLabel(int label)
{
    const int index = findData(label);
    if (index >= 0)
        setCurrentIndex(index);
}

void ClassPicker::setNames(const QStringList &names)
{
    if (names == mNames && count() == names.size() + 1)
        return;
    const int keep = currentData().isValid() ? currentData().toInt() : -1;
    {
        const QSignalBlocker block(this);
        clear();
        addItem(tr("any class"), -1);
        for (int k = 0; k < names.size(); ++k)
            addItem(tr("%1 · %2").arg(k).arg(names[k]), k);
        mNames = names;
        setCurrentIndex(std::max(0, findData(keep)));
    }
    emit classChanged(classLabel());
}

void ClassPicker::modelChanged(const ExplorerInfo &info)
{
    const bool conditional = info.isValid() && (info.capabilities & gs::kClassConditional);
    mConditional = conditional;
    setVisible(conditional);
    if (!conditional) {
        setNames({});
        return;
    }
    mRequested = mWorker->submit(
        {this, QStringLiteral("classes"), kClassesPriority},
        [](const ExploreJobContext &context) {
            ClassNames result;
            result.ticket = context.ticket;
            for (const std::string &name : gs::model_class_names(context.model))
                result.names << QString::fromStdString(name);
            return result;
        },
        [this](const std::shared_ptr<const ClassNames> &result) {
            if (result->ticket != mRequested)
                return;
            setNames(result->names);
            emit namesArrived();
        },
        [this](quint64 ticket, const QString &message) {
            if (ticket == mRequested)
                emit failed(message);
        });
}
