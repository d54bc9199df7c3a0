#include "shell/aboutdialog.h"

#include <QApplication>
#include <QClipboard>
#include <QFontDatabase>
#include <QPushButton>

#include <qcustomplot.h>

#include "core/common/runtime_info.h"
#include "ui_aboutdialog.h"

QString AboutDialog::versionText()
{
    QString text
        = tr("GenStudio %1\nQt %2 (built with %3), QCustomPlot %4\n\n")
              .arg(QStringLiteral(GENSTUDIO_VERSION), QString::fromLatin1(qVersion()),
                   QStringLiteral(QT_VERSION_STR), QStringLiteral(QCUSTOMPLOT_VERSION_STR));
    text += QString::fromStdString(gs::format_runtime_info(gs::runtime_info()));
    return text;
}

AboutDialog::AboutDialog(QWidget *parent)
    : QDialog(parent)
    , mUi(std::make_unique<Ui::AboutDialog>())
{
    mUi->setupUi(this);
    mUi->icon->setPixmap(QIcon(QStringLiteral(":/icons/genstudio.png")).pixmap(64, 64));
    mUi->title->setText(mUi->title->text().arg(QStringLiteral(GENSTUDIO_VERSION)));

    const QString details = versionText();
    mUi->aboutText->setPlainText(details);
    mUi->aboutText->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));

    QPushButton *copy = mUi->buttons->addButton(tr("Copy"), QDialogButtonBox::ActionRole);
    connect(copy, &QPushButton::clicked, this,
            [details] { QApplication::clipboard()->setText(details); });
    connect(mUi->buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

AboutDialog::~AboutDialog() = default;
