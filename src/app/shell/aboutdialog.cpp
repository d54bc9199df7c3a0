#include "shell/aboutdialog.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include <qcustomplot.h>

#include "core/common/runtime_info.h"

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
{
    setWindowTitle(tr("About GenStudio"));
    setObjectName(QStringLiteral("aboutDialog"));

    auto *icon = new QLabel(this);
    icon->setPixmap(QIcon(QStringLiteral(":/icons/genstudio.png")).pixmap(64, 64));
    auto *title = new QLabel(tr("<h2>GenStudio %1</h2>"
                                "<p>Train generative models and watch them learn.</p>")
                                 .arg(QStringLiteral(GENSTUDIO_VERSION)),
                             this);
    title->setTextFormat(Qt::RichText);
    auto *header = new QHBoxLayout;
    header->addWidget(icon, 0, Qt::AlignTop);
    header->addWidget(title, 1);

    const QString details = versionText();
    auto *text = new QPlainTextEdit(details, this);
    text->setObjectName(QStringLiteral("aboutText"));
    text->setReadOnly(true);
    text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    text->setLineWrapMode(QPlainTextEdit::NoWrap);
    text->setMinimumSize(720, 280);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton *copy = buttons->addButton(tr("Copy"), QDialogButtonBox::ActionRole);
    connect(copy, &QPushButton::clicked, this,
            [details] { QApplication::clipboard()->setText(details); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(header);
    layout->addWidget(text, 1);
    layout->addWidget(buttons);
}
