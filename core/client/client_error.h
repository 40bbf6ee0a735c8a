// A failed cluster call described both for code (kind, HTTP status, Connect error body) and for a
// person (one sentence saying what went wrong and what to do).
#pragma once

#include <QByteArray>
#include <QString>
#include <QUrl>

namespace connectdesk::client {

struct ClientError {
    enum class Kind {
        Unreachable,  // connection refused, host not found, network down
        Timeout,      // no answer within the client's timeout
        Tls,          // handshake or certificate failure
        Unauthorized, // 401 from the basic-auth extension (§7.2), 403
        Conflict,     // 409: rebalance or existing name (§2.3)
        NotFound,     // 404
        BadRequest,   // 400, including config validation failures (§4.5)
        ServerError,  // 5xx
        BadResponse,  // the body could not be understood
        Cancelled,    // the client was destroyed or the call aborted
    };

    Kind kind = Kind::ServerError;
    int httpStatus = 0;     // 0 when no HTTP answer arrived
    int errorCode = 0;      // Connect's `error_code` (§2.5), 0 when absent
    QString connectMessage; // Connect's `message`, or the raw body for non-JSON errors
    QString sentence;       // for a person
    bool retryable = false; // 409 and "Request timed out" are worth retrying (§8.1)

    // Builds the error for an HTTP answer with a non-2xx status. Reads the Connect error body
    // {error_code, message} and falls back to the raw text (basic-auth 401, Jetty errors).
    static ClientError fromHttp(int httpStatus, const QByteArray& body, const QUrl& url);

    // Builds the error for a transport failure (no HTTP answer).
    enum class Transport { Refused, HostNotFound, Timeout, Tls, Cancelled, Other };
    static ClientError fromTransport(Transport transport, const QString& detail, const QUrl& url,
                                     int timeoutMs);

    static ClientError badResponse(const QString& detail, const QUrl& url);
};

// The worker address as shown in sentences (scheme://host:port, no user info, no path).
QString displayAddress(const QUrl& url);

} // namespace connectdesk::client
