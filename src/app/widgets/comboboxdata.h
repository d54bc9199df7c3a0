// comboboxdata.h — choosing a combo box item by its data (the id a model,
// dataset or preset item carries), the way the forms' select…() calls do.
//
// Ownership: a free function; the box is borrowed. Thread affinity: GUI thread.
// Failure modes: an id no item carries leaves the box as it was (false).
#pragma once

#include <QComboBox>
#include <QVariant>

// Makes the item whose data is `data` current; false when there is none.
inline bool selectComboData(QComboBox *box, const QVariant &data)
{
    const int index = box->findData(data);
    if (index < 0)
        return false;
    box->setCurrentIndex(index);
    return true;
}
