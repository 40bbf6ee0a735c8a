#include "rest_case_table.h"

#include <QBuffer>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QTimer>

namespace connectdesk::testing {

namespace {

QJsonDocument readJson(const QString& file, const QString& connectorName)
{
    QFile in(file);
    if (!in.open(QIODevice::ReadOnly))
        return {};
    QByteArray text = in.readAll();
    text.replace("{c}", connectorName.toUtf8());
    return QJsonDocument::fromJson(text);
}

QString typeName(const QJsonValue& value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return QStringLiteral("bool");
    case QJsonValue::Double:
        return QStringLiteral("number");
    case QJsonValue::String:
        return QStringLiteral("string \"%1\"").arg(value.toString().left(200));
    case QJsonValue::Array:
        return QStringLiteral("array");
    case QJsonValue::Object:
        return QStringLiteral("object");
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("absent");
}

bool isInt(const QJsonValue& value)
{
    return value.isDouble() && value.toDouble() == static_cast<double>(value.toInteger());
}

} // namespace

std::vector<RestCase> loadRestCases(const QString& casesFile, const QString& connectorName,
                                    const QStringList& differenceFiles)
{
    std::vector<RestCase> cases;
    const QJsonArray rows =
        readJson(casesFile, connectorName).object().value(QStringLiteral("cases")).toArray();
    QHash<QString, QJsonObject> differences;
    for (const QString& differencesFile : differenceFiles) {
        for (const QJsonValue& entry :
             readJson(differencesFile, connectorName).object().value(QStringLiteral("differences")).toArray())
            differences.insert(entry.toObject().value(QStringLiteral("id")).toString(), entry.toObject());
    }
    for (const QJsonValue& row : rows) {
        const QJsonObject object = row.toObject();
        RestCase restCase;
        restCase.id = object.value(QStringLiteral("id")).toString();
        restCase.method = object.value(QStringLiteral("method")).toString().toLatin1();
        restCase.path = object.value(QStringLiteral("path")).toString();
        if (object.contains(QStringLiteral("body"))) {
            const QJsonValue body = object.value(QStringLiteral("body"));
            restCase.body = body.isObject() ? QJsonDocument(body.toObject()).toJson(QJsonDocument::Compact)
                                            : QJsonDocument(body.toArray()).toJson(QJsonDocument::Compact);
            restCase.hasBody = true;
        } else if (object.contains(QStringLiteral("raw"))) {
            restCase.body = object.value(QStringLiteral("raw")).toString().toUtf8();
            restCase.hasBody = true;
        } else if (object.contains(QStringLiteral("rawHex"))) {
            restCase.body = QByteArray::fromHex(object.value(QStringLiteral("rawHex")).toString().toLatin1());
            restCase.hasBody = true;
        }
        restCase.contentType = object.contains(QStringLiteral("contentType"))
                                   ? object.value(QStringLiteral("contentType")).toString().toLatin1()
                                   : (restCase.hasBody ? QByteArray("application/json") : QByteArray());
        restCase.accept = object.contains(QStringLiteral("accept"))
                              ? object.value(QStringLiteral("accept")).toString().toLatin1()
                              : QByteArray("application/json");
        restCase.expect = object.value(QStringLiteral("expect")).toObject();
        restCase.retryMs = object.value(QStringLiteral("retryMs")).toInt();
        if (const auto it = differences.constFind(restCase.id); it != differences.constEnd()) {
            restCase.expect = it->value(QStringLiteral("expect")).toObject();
            restCase.reason = it->value(QStringLiteral("reason")).toString();
        }
        cases.push_back(restCase);
    }
    return cases;
}

HttpResult sendRestCase(QNetworkAccessManager& network, const QUrl& base, const RestCase& restCase,
                        int timeoutMs)
{
    QUrl url = base;
    const qsizetype query = restCase.path.indexOf(QLatin1Char('?'));
    url.setPath(restCase.path.left(query < 0 ? restCase.path.size() : query), QUrl::TolerantMode);
    if (query >= 0)
        url.setQuery(restCase.path.mid(query + 1));
    QNetworkRequest request(url);
    if (!restCase.contentType.isEmpty())
        request.setRawHeader("Content-Type", restCase.contentType);
    if (!restCase.accept.isEmpty())
        request.setRawHeader("Accept", restCase.accept);
    request.setTransferTimeout(timeoutMs);
    auto* buffer = new QBuffer;
    buffer->setData(restCase.body);
    buffer->open(QIODevice::ReadOnly);
    QNetworkReply* reply =
        network.sendCustomRequest(request, restCase.method, restCase.hasBody ? buffer : nullptr);
    buffer->setParent(reply);
    if (!restCase.hasBody)
        delete buffer;
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(timeoutMs + 1000, &loop, &QEventLoop::quit);
    if (!reply->isFinished())
        loop.exec();
    HttpResult result;
    if (!reply->isFinished()) {
        result.transportError = QStringLiteral("no answer within %1 ms").arg(timeoutMs);
        reply->abort();
    } else {
        result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        result.body = reply->readAll();
        for (const auto& [key, value] : reply->rawHeaderPairs())
            result.headers.insert(key.toLower(), value);
        if (result.status == 0)
            result.transportError = reply->errorString();
    }
    reply->deleteLater();
    return result;
}

bool matchShape(const QJsonValue& actual, const QJsonValue& expected, const QString& where, QString& why)
{
    const auto fail = [&](const QString& wanted) {
        why = QStringLiteral("%1: expected %2, got %3").arg(where, wanted, typeName(actual));
        return false;
    };
    if (expected.isString()) {
        const QString token = expected.toString();
        if (token == QLatin1String("<absent>"))
            return actual.isUndefined() ? true : fail(token);
        if (token == QLatin1String("<any>"))
            return !actual.isUndefined() ? true : fail(token);
        if (token == QLatin1String("<string>"))
            return actual.isString() ? true : fail(token);
        if (token == QLatin1String("<int>"))
            return isInt(actual) ? true : fail(token);
        if (token == QLatin1String("<bool>"))
            return actual.isBool() ? true : fail(token);
        if (token == QLatin1String("<object>"))
            return actual.isObject() ? true : fail(token);
        if (token == QLatin1String("<array>"))
            return actual.isArray() ? true : fail(token);
        if (token == QLatin1String("<null>"))
            return actual.isNull() ? true : fail(token);
        if (token == QLatin1String("<string-or-null>"))
            return actual.isString() || actual.isNull() ? true : fail(token);
        if (token == QLatin1String("<int-or-null>"))
            return isInt(actual) || actual.isNull() ? true : fail(token);
        if (token.startsWith(QLatin1String("<regex:")) && token.endsWith(QLatin1Char('>'))) {
            const QRegularExpression pattern(token.mid(7, token.size() - 8),
                                             QRegularExpression::DotMatchesEverythingOption);
            return actual.isString() && pattern.match(actual.toString()).hasMatch() ? true : fail(token);
        }
        return actual.isString() && actual.toString() == token
                   ? true
                   : fail(QLatin1Char('"') + token + QLatin1Char('"'));
    }
    if (expected.isObject()) {
        const QJsonObject shape = expected.toObject();
        if (shape.contains(QStringLiteral("<each>"))) {
            if (!actual.isArray())
                return fail(QStringLiteral("array"));
            const QJsonArray array = actual.toArray();
            if (array.size() < shape.value(QStringLiteral("<min>")).toInt())
                return fail(
                    QStringLiteral("at least %1 elements").arg(shape.value(QStringLiteral("<min>")).toInt()));
            for (qsizetype i = 0; i < array.size(); ++i)
                if (!matchShape(array.at(i), shape.value(QStringLiteral("<each>")),
                                where + QStringLiteral("[%1]").arg(i), why))
                    return false;
            return true;
        }
        if (!actual.isObject())
            return fail(QStringLiteral("object"));
        const QJsonObject object = actual.toObject();
        for (auto it = shape.begin(); it != shape.end(); ++it)
            if (!matchShape(object.value(it.key()), it.value(), where + QLatin1Char('.') + it.key(), why))
                return false;
        return true;
    }
    if (expected.isArray()) {
        const QJsonArray shape = expected.toArray();
        if (!actual.isArray() || actual.toArray().size() != shape.size())
            return fail(QStringLiteral("array of %1").arg(shape.size()));
        for (qsizetype i = 0; i < shape.size(); ++i)
            if (!matchShape(actual.toArray().at(i), shape.at(i), where + QStringLiteral("[%1]").arg(i), why))
                return false;
        return true;
    }
    if (expected.isDouble())
        return actual.isDouble() && actual.toDouble() == expected.toDouble()
                   ? true
                   : fail(QString::number(expected.toDouble()));
    if (expected.isBool())
        return actual.isBool() && actual.toBool() == expected.toBool()
                   ? true
                   : fail(expected.toBool() ? QStringLiteral("true") : QStringLiteral("false"));
    if (expected.isNull())
        return actual.isNull() ? true : fail(QStringLiteral("null"));
    return true;
}

bool checkRestCase(const RestCase& restCase, const HttpResult& result, QString& why)
{
    if (!result.transportError.isEmpty()) {
        why = QStringLiteral("transport error: ") + result.transportError;
        return false;
    }
    const int status = restCase.expect.value(QStringLiteral("status")).toInt();
    if (result.status != status) {
        why = QStringLiteral("status %1, expected %2; body %3")
                  .arg(result.status)
                  .arg(status)
                  .arg(QString::fromUtf8(result.body.left(400)));
        return false;
    }
    if (restCase.expect.value(QStringLiteral("empty")).toBool() && !result.body.isEmpty()) {
        why = QStringLiteral("expected no body, got %1").arg(QString::fromUtf8(result.body.left(200)));
        return false;
    }
    if (restCase.expect.contains(QStringLiteral("json"))) {
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(result.body, &error);
        if (error.error != QJsonParseError::NoError) {
            why = QStringLiteral("body is not JSON (%1): %2")
                      .arg(error.errorString(), QString::fromUtf8(result.body.left(200)));
            return false;
        }
        const QJsonValue actual =
            document.isObject() ? QJsonValue(document.object()) : QJsonValue(document.array());
        if (!matchShape(actual, restCase.expect.value(QStringLiteral("json")), QStringLiteral("$"), why))
            return false;
    }
    if (restCase.expect.contains(QStringLiteral("location"))) {
        const QByteArray location = result.headers.value("location");
        const QString suffix = restCase.expect.value(QStringLiteral("location")).toString();
        if (!location.startsWith("http") || !QString::fromUtf8(location).endsWith(suffix)) {
            why = QStringLiteral("Location '%1' is not an absolute URL ending in %2")
                      .arg(QString::fromUtf8(location), suffix);
            return false;
        }
    }
    return true;
}

bool runRestCase(QNetworkAccessManager& network, const QUrl& base, const RestCase& restCase,
                 HttpResult& result, QString& why)
{
    QElapsedTimer clock;
    clock.start();
    for (;;) {
        result = sendRestCase(network, base, restCase);
        if (checkRestCase(restCase, result, why))
            return true;
        if (clock.elapsed() >= restCase.retryMs)
            return false;
        // Eventual consistency (status topic): give the worker a moment before asking again.
        QEventLoop pause;
        QTimer::singleShot(250, &pause, &QEventLoop::quit);
        pause.exec();
    }
}

} // namespace connectdesk::testing
