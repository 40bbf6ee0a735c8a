#include "client/client_error.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace connectdesk::client {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("connectdesk::client::ClientError", text);
}

// Jetty's own error pages are HTML; keep sentences readable by dropping markup.
QString plainText(const QByteArray& body)
{
    QString text = QString::fromUtf8(body).trimmed();
    if (text.startsWith(QLatin1Char('<'))) {
        text.remove(QRegularExpression(QStringLiteral("<[^>]*>")));
        text = text.simplified();
    }
    if (text.size() > 300)
        text = text.left(300) + QStringLiteral("…");
    return text;
}

} // namespace

QString displayAddress(const QUrl& url)
{
    return url.adjusted(QUrl::RemoveUserInfo | QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment)
        .toString();
}

ClientError ClientError::fromHttp(int httpStatus, const QByteArray& body, const QUrl& url)
{
    ClientError error;
    error.httpStatus = httpStatus;
    // §2.5: Connect's own errors are {error_code, message}; anything else (401 from the basic-auth
    // extension, Jetty-level errors) is plain text (§8.1).
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error == QJsonParseError::NoError && doc.isObject() &&
        doc.object().contains(QLatin1String("error_code"))) {
        error.errorCode = doc.object().value(QLatin1String("error_code")).toInt();
        error.connectMessage = doc.object().value(QLatin1String("message")).toString();
    } else {
        error.connectMessage = plainText(body);
    }
    const QString where = displayAddress(url);
    const QString message = error.connectMessage;

    switch (httpStatus) {
    case 400:
        error.kind = Kind::BadRequest;
        // §4.5: validation failures list one error per line after a header line, then a hint line
        // about the validate endpoint that means nothing to a console user.
        if (message.startsWith(QLatin1String("Connector configuration is invalid"))) {
            QStringList lines = message.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
            if (!lines.isEmpty() && lines.last().startsWith(QLatin1String("You can also find")))
                lines.removeLast();
            if (!lines.isEmpty())
                lines.removeFirst();
            error.sentence =
                tr("The connector configuration is not valid: %1").arg(lines.join(QLatin1Char(' ')));
        } else {
            error.sentence = tr("The worker rejected the request: %1").arg(message);
        }
        break;
    case 401:
        error.kind = Kind::Unauthorized;
        error.sentence = tr("The worker at %1 refused the credentials (HTTP 401). Check the user "
                            "name and password of this cluster.")
                             .arg(where);
        break;
    case 403:
        error.kind = Kind::Unauthorized;
        error.sentence = tr("The worker does not allow this operation: %1").arg(message);
        break;
    case 404:
        error.kind = Kind::NotFound;
        if (message == QLatin1String("HTTP 404 Not Found") || message.isEmpty())
            error.sentence = tr("The worker at %1 does not offer this operation (HTTP 404); it may "
                                "be an older or newer Kafka Connect version.")
                                 .arg(where);
        else
            error.sentence = tr("Not found: %1").arg(message);
        break;
    case 409:
        error.kind = Kind::Conflict;
        if (message.contains(QLatin1String("already exists"))) {
            error.sentence = message + QLatin1Char('.');
        } else {
            // §2.3: the leader is unknown or the config is stale while the group rebalances.
            error.retryable = true;
            error.sentence = tr("The Connect cluster is busy rebalancing or applying another "
                                "change; try again in a few seconds. (%1)")
                                 .arg(message);
        }
        break;
    default:
        if (httpStatus >= 500) {
            error.kind = Kind::ServerError;
            if (message.startsWith(QLatin1String("Request timed out"))) {
                // §2.4: the herder did not finish within its 90 s budget.
                error.retryable = true;
                error.sentence = tr("The worker did not finish the request within its 90 second "
                                    "limit; it may still complete. %1")
                                     .arg(message);
            } else if (message.startsWith(QLatin1String("Failed to find any class that implements"))) {
                error.sentence = tr("The worker has no connector plugin with that class: %1")
                                     .arg(message.section(QLatin1Char(','), 0, 0));
            } else if (message.isEmpty()) {
                error.sentence = tr("The worker at %1 failed with HTTP %2.").arg(where).arg(httpStatus);
            } else {
                error.sentence = tr("The worker failed: %1").arg(message);
            }
        } else {
            error.kind = Kind::BadRequest;
            error.sentence = tr("The worker answered HTTP %1: %2").arg(httpStatus).arg(message);
        }
    }
    // ≥4.1 answers 400 for an unknown class where ≤4.0 answered 500 (§1 item 4): same words.
    if (httpStatus == 400 && message.startsWith(QLatin1String("Failed to find any class that implements")))
        error.sentence = tr("The worker has no connector plugin with that class: %1")
                             .arg(message.section(QLatin1Char(','), 0, 0));
    return error;
}

ClientError ClientError::fromTransport(Transport transport, const QString& detail, const QUrl& url,
                                       int timeoutMs)
{
    ClientError error;
    error.connectMessage = detail;
    const QString where = displayAddress(url);
    switch (transport) {
    case Transport::Refused:
        error.kind = Kind::Unreachable;
        error.retryable = true;
        error.sentence = tr("Cannot reach the Connect worker at %1: the connection was refused. "
                            "Is the worker running and is the address right?")
                             .arg(where);
        break;
    case Transport::HostNotFound:
        error.kind = Kind::Unreachable;
        error.sentence = tr("Cannot reach the Connect worker at %1: the host name is unknown.").arg(where);
        break;
    case Transport::Timeout:
        error.kind = Kind::Timeout;
        error.retryable = true;
        error.sentence =
            (timeoutMs / 1000 == 1 ? tr("The Connect worker at %1 did not answer within %2 second.")
                                   : tr("The Connect worker at %1 did not answer within %2 seconds."))
                .arg(where)
                .arg(timeoutMs / 1000);
        break;
    case Transport::Tls:
        error.kind = Kind::Tls;
        error.sentence = tr("The secure connection to %1 failed: %2. Check the CA certificate and "
                            "client certificate of this cluster.")
                             .arg(where, detail);
        break;
    case Transport::Cancelled:
        error.kind = Kind::Cancelled;
        error.sentence = tr("The request to %1 was cancelled.").arg(where);
        break;
    case Transport::Other:
        error.kind = Kind::Unreachable;
        error.retryable = true;
        error.sentence = tr("Cannot talk to the Connect worker at %1: %2").arg(where, detail);
        break;
    }
    return error;
}

ClientError ClientError::badResponse(const QString& detail, const QUrl& url)
{
    ClientError error;
    error.kind = Kind::BadResponse;
    error.connectMessage = detail;
    error.sentence = tr("The worker at %1 sent an answer ConnectDesk does not understand: %2")
                         .arg(displayAddress(url), detail);
    return error;
}

} // namespace connectdesk::client
