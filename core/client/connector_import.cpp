#include "client/connector_import.h"

#include "runtime/worker_config.h"

#include <QRegularExpression>
#include <QStringList>
#include <QUrl>

#include <sstream>
#include <stdexcept>

namespace connectdesk::client {

namespace {

// Splits a POSIX-shell command line into words: '…' taken literally, "…" with \" \\ \$ \` escapes,
// backslash-newline joins lines. Enough for the curl commands people copy from documentation;
// anything else (substitutions, pipes) stays inside the words as text.
QStringList shellWords(const QString& text, QString* error)
{
    QStringList words;
    QString word;
    bool inWord = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c == QLatin1Char('\\') && i + 1 < text.size()) {
            const QChar next = text.at(++i);
            if (next == QLatin1Char('\n'))
                continue; // line continuation
            if (next == QLatin1Char('\r') && i + 1 < text.size() && text.at(i + 1) == QLatin1Char('\n')) {
                ++i;
                continue;
            }
            word += next;
            inWord = true;
        } else if (c == QLatin1Char('\'')) {
            const qsizetype end = text.indexOf(QLatin1Char('\''), i + 1);
            if (end < 0) {
                *error = QObject::tr("a quote (') is not closed");
                return {};
            }
            word += text.mid(i + 1, end - i - 1);
            inWord = true;
            i = end;
        } else if (c == QLatin1Char('"')) {
            qsizetype j = i + 1;
            for (; j < text.size() && text.at(j) != QLatin1Char('"'); ++j) {
                if (text.at(j) == QLatin1Char('\\') && j + 1 < text.size() &&
                    QStringLiteral("\"\\$`\n").contains(text.at(j + 1))) {
                    ++j;
                    if (text.at(j) == QLatin1Char('\n'))
                        continue;
                }
                word += text.at(j);
            }
            if (j >= text.size()) {
                *error = QObject::tr("a quote (\") is not closed");
                return {};
            }
            inWord = true;
            i = j;
        } else if (c.isSpace()) {
            if (inWord)
                words << word;
            word.clear();
            inWord = false;
        } else {
            word += c;
            inWord = true;
        }
    }
    if (inWord)
        words << word;
    return words;
}

ImportedConnector fromMap(const runtime::ConfigMap& map, const QString& format)
{
    ImportedConnector out;
    out.format = format;
    for (const auto& [key, value] : map) {
        if (key == "name")
            out.name = QString::fromStdString(value);
        else
            out.config.insert(QString::fromStdString(key), QString::fromStdString(value));
    }
    return out;
}

ImportedConnector failure(const QString& format, const QString& error)
{
    ImportedConnector out;
    out.format = format;
    out.error = error;
    return out;
}

ImportedConnector fromJson(const QString& text, const QString& origin)
{
    try {
        return fromMap(runtime::parseConnectorJson(text.toStdString(), origin.toStdString()),
                       QStringLiteral("json"));
    } catch (const std::exception& e) {
        return failure(QStringLiteral("json"), QString::fromStdString(e.what()));
    }
}

ImportedConnector fromCurl(const QString& text, const QString& origin)
{
    QString error;
    const QStringList words = shellWords(text, &error);
    if (!error.isEmpty())
        return failure(QStringLiteral("curl"), QObject::tr("%1: %2").arg(origin, error));
    static const QStringList dataFlags = {QStringLiteral("-d"), QStringLiteral("--data"),
                                          QStringLiteral("--data-raw"), QStringLiteral("--data-binary"),
                                          QStringLiteral("--data-ascii")};
    std::optional<QString> body;
    QUrl url;
    for (qsizetype i = 1; i < words.size(); ++i) {
        const QString& w = words.at(i);
        if (dataFlags.contains(w) && i + 1 < words.size()) {
            body = words.at(++i);
            continue;
        }
        bool glued = false;
        for (const QString& flag : dataFlags) {
            if (flag.startsWith(QLatin1String("--")) && w.startsWith(flag + QLatin1Char('='))) {
                body = w.mid(flag.size() + 1);
                glued = true;
            } else if (flag == QLatin1String("-d") && w.size() > 2 && w.startsWith(flag)) {
                body = w.mid(2);
                glued = true;
            }
        }
        if (!glued && (w.startsWith(QLatin1String("http://")) || w.startsWith(QLatin1String("https://"))))
            url = QUrl(w);
    }
    if (!body)
        return failure(QStringLiteral("curl"),
                       QObject::tr("%1: the curl command has no request body (-d or --data).").arg(origin));
    if (body->startsWith(QLatin1Char('@')))
        return failure(QStringLiteral("curl"),
                       QObject::tr("%1: the curl command reads its body from the file %2; import that file "
                                   "instead.")
                           .arg(origin, body->mid(1)));
    ImportedConnector out = fromJson(*body, QObject::tr("%1 (the -d body)").arg(origin));
    out.format = QStringLiteral("curl");
    // PUT /connectors/<name>/config carries the name in the URL only.
    static const QRegularExpression configPath(QStringLiteral("/connectors/([^/]+)/config/?$"));
    const auto m = configPath.match(url.path(QUrl::FullyEncoded));
    if (out.ok() && out.name.isEmpty() && m.hasMatch())
        out.name = QUrl::fromPercentEncoding(m.captured(1).toUtf8());
    return out;
}

} // namespace

ImportedConnector importConnectorText(const QString& text, const QString& origin)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return failure(QString(), QObject::tr("%1 is empty.").arg(origin));
    if (trimmed.startsWith(QLatin1String("curl ")) || trimmed.startsWith(QLatin1String("curl\t")) ||
        trimmed.startsWith(QLatin1String("$ curl ")))
        return fromCurl(trimmed.startsWith(QLatin1Char('$')) ? trimmed.mid(2) : trimmed, origin);
    if (trimmed.startsWith(QLatin1Char('{')))
        return fromJson(trimmed, origin);
    std::istringstream in(text.toStdString());
    ImportedConnector out = fromMap(runtime::parseProperties(in), QStringLiteral("properties"));
    if (out.config.isEmpty())
        return failure(
            QStringLiteral("properties"),
            QObject::tr("%1 holds no settings: expected JSON, a .properties file or a curl command.")
                .arg(origin));
    // A line without '=' or ':' parses as a key with an empty value: most likely not a properties
    // file at all (a sentence, a YAML file...).
    static const QRegularExpression notAKey(QStringLiteral("[{}\"]"));
    for (auto it = out.config.cbegin(); it != out.config.cend(); ++it)
        if (it.key().contains(notAKey))
            return failure(QStringLiteral("properties"),
                           QObject::tr("%1 is neither JSON, a .properties file nor a curl command (at '%2').")
                               .arg(origin, it.key()));
    return out;
}

} // namespace connectdesk::client
