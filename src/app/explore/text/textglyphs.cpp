#include "explore/text/textglyphs.h"

namespace TextGlyphs {

QString label(const std::string &entry)
{
    const QString s = QString::fromUtf8(entry.data(), qsizetype(entry.size()));
    if (s == QLatin1String(" "))
        return QStringLiteral("␣");
    if (s == QLatin1String("\n"))
        return QStringLiteral("⏎");
    if (s == QLatin1String("\t"))
        return QStringLiteral("⇥");
    if (s == QLatin1String("\r"))
        return QStringLiteral("␍");
    if (s.size() == 1 && s.at(0).unicode() < 0x20)
        return QStringLiteral("\\x%1").arg(int(s.at(0).unicode()), 2, 16, QLatin1Char('0'));
    return s;
}

QString running(const std::string &entry)
{
    const QString s = QString::fromUtf8(entry.data(), qsizetype(entry.size()));
    if (s.size() == 1 && s.at(0).unicode() < 0x20 && s != QLatin1String("\n") && s != QLatin1String("\t"))
        return label(entry);
    return s;
}

} // namespace TextGlyphs
