#include "explore/translate/translationcaptions.h"

#include <QCoreApplication>
#include <QLocale>

#include "explore/translate/translationinput.h"

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("TranslationView", text);
}

QString imageSize(const gs::Image &image)
{
    return describeImageSize(image.width, image.height, image.channels);
}

} // namespace

QString psnrText(double db)
{
    return db >= 99.95 ? tr("100 dB (identical)") : tr("%1 dB").arg(db, 0, 'f', 1);
}

QString secondsText(double seconds)
{
    return seconds < 1.0 ? tr("%1 ms").arg(seconds * 1000.0, 0, 'f', 0)
                         : tr("%1 s").arg(seconds, 0, 'f', 2);
}

QString domainLetter(bool a)
{
    return a ? QStringLiteral("A") : QStringLiteral("B");
}

TranslationCaptions describeTranslation(const gs::TranslationViews &t, bool aToB,
                                        const QString &inputLabel, qint64 step)
{
    const QString from = domainLetter(aToB), to = domainLetter(!aToB);
    const bool back = !t.cycle.empty();
    TranslationCaptions c;
    c.titles = {tr("Input (%1)").arg(from), tr("Translation %1→%2").arg(from, to),
                tr("Cycle %1→%2→%1").arg(from, to), tr("Identity %1→%2 on %2").arg(to, from)};
    c.details[0] = tr("%1\n%2, as the model sees it").arg(inputLabel, imageSize(t.input));
    c.details[1] = tr("the %1→%2 generator's output\n%3").arg(from, to, imageSize(t.forward));
    c.details[2] = back ? tr("translated back: should give the input again\nPSNR %1 against "
                             "the input")
                              .arg(psnrText(t.cycle_psnr))
                        : tr("one-way model");
    c.details[3] = back ? tr("the %1→%2 generator on the %2 input: should leave it "
                             "unchanged\nPSNR %3 against the input")
                              .arg(to, from, psnrText(t.identity_psnr))
                        : tr("one-way model");
    c.placeholders[2] = tr("This model translates A→B only, so there is no way back: no cycle "
                           "reconstruction.");
    c.placeholders[3] = tr("This model translates A→B only, so it has no generator into the "
                           "input's own domain: no identity output.");
    if (back)
        c.summary = tr("Cycle PSNR <b>%1</b> · identity PSNR <b>%2</b> (against the input)")
                        .arg(psnrText(t.cycle_psnr), psnrText(t.identity_psnr));
    else
        c.summary = tr("%1→%2 only (one-way model)").arg(from, to);
    c.summary += (back ? tr(" · 3 translations in %1") : tr(" · 1 translation in %1"))
                     .arg(secondsText(t.seconds));
    c.summary += step < 0 ? tr(" · imported module")
                          : tr(" · step %1").arg(QLocale().toString(step));
    return c;
}
