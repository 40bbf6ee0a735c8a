// The worker's Connect-compatible REST server (spec/connect-rest-api.md): routes every 4.x public
// endpoint onto the asynchronous Herder and answers with Apache's status codes and bodies.
#pragma once

#include "rest/logger_admin.h"
#include "runtime/herder.h"

#include <QAbstractHttpServer>
#include <QByteArray>
#include <QHash>
#include <QPointer>
#include <QTcpSocket>

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

class QTimer;

namespace connectdesk::rest {

struct RestServerConfig {
    // §2.1: comma list of protocol://host:port; empty host = all interfaces.
    std::vector<std::string> listeners{"http://:8083"};
    std::string advertisedHostName; // rest.advertised.host.name
    int advertisedPort = 0;         // rest.advertised.port; 0 = the first bound port
    // §2.4: 90 s per herder-backed request, 10 s for /health; shorter in tests.
    std::chrono::milliseconds requestTimeout{90000};
    std::chrono::milliseconds healthTimeout{10000};
    // Connections with no traffic and no request in progress are closed after this.
    std::chrono::milliseconds idleTimeout{30000};
    // Requests whose body is larger get 413 before anything reaches the herder.
    std::int64_t maxRequestBodyBytes = 1 << 20;
    // Basic auth (§7.2) is on when this names a file of user=password lines.
    std::string basicAuthCredentialsFile;
    // PEM certificate chain and key for https listeners.
    std::string tlsCertificateFile;
    std::string tlsPrivateKeyFile;
    // admin.listeners="" disables /admin/loggers (§2.1).
    bool adminEndpointsEnabled = true;
    // §7.1 CORS: access.control.allow.origin patterns ("*" = any; '*' inside a pattern matches
    // any run of characters); empty = CORS off. access.control.allow.methods (Jetty's default).
    std::vector<std::string> corsAllowedOrigins;
    std::vector<std::string> corsAllowedMethods{"GET", "POST", "HEAD"};
    // §2.1 response.http.headers.config: "set|add|setDate|addDate Name: value" rules applied to
    // every response (the *Date actions take milliseconds from now and write an HTTP date).
    struct HeaderRule {
        std::string action;
        QByteArray name;
        QByteArray value;
    };
    std::vector<HeaderRule> responseHeaderRules;

    // Reads listeners, rest.advertised.*, admin.listeners, access.control.allow.*,
    // response.http.headers.config and the connectdesk.rest.* extensions
    // (basic.auth.credentials.file, ssl.certificate.file, ssl.key.file, max.request.bytes,
    // request.timeout.ms) from worker properties. A malformed header rule throws
    // std::invalid_argument with Apache's message, so the worker does not start.
    static RestServerConfig fromWorkerProperties(const runtime::ConfigMap& props);
};

// One HTTP answer before it is written to the socket.
struct HttpAnswer {
    int status = 200;
    QByteArray body;                                        // empty: no body, no Content-Type
    std::vector<std::pair<QByteArray, QByteArray>> headers; // extra headers (Location)
    QByteArray contentType = "application/json";
};

// What the worker was doing when a request timed out, like Apache's org.apache.kafka.connect.util.Stage
// (3.7+): a description such as "starting the connector", when it began and, once over, when it
// completed. Times are epoch milliseconds.
struct WorkerStage {
    std::string description;
    std::int64_t startedMs = 0;
    std::optional<std::int64_t> completedMs;
};

// Where the server learns the stage of the operation a timed-out request waits for. connector is
// the connector named by the request (the `name` of the body for validate); empty for none.
using StageLookup = std::function<std::optional<WorkerStage>(const std::string& connector)>;

// Apache's 500 message for a request that outlived the REST timeout (spec/connect-rest-api.md §2.4):
// "Request timed out" alone when the stage is unknown, else "Request timed out. The worker is
// currently <activity>, which began at <instant>" or "Request timed out. The last operation the
// worker completed was <activity>, which began at <instant> and completed at <instant>".
std::string timeoutMessage(const std::optional<WorkerStage>& stage);
// java.time.Instant.toString of epoch milliseconds: ISO-8601 UTC, fraction only when non-zero.
std::string javaInstant(std::int64_t epochMs);

class RestServer : public QAbstractHttpServer {
    Q_OBJECT

public:
    // The herder is borrowed and must outlive the server.
    RestServer(runtime::Herder& herder, RestServerConfig config, QObject* parent = nullptr);
    ~RestServer() override;

    // Binds every listener; false with a readable reason in error when one fails (nothing stays bound).
    bool start(std::string& error);
    std::vector<quint16> boundPorts() const;
    // advertisedHost:advertisedPort (§2.1), the worker id Apache shows in status.
    std::string workerId() const;
    // How many answers are waiting for the herder; for tests and the shutdown path.
    std::size_t pendingRequests() const { return m_pending.size(); }
    // Lets timeouts name the stage the worker is in (the herder interface has no stage yet);
    // without a lookup the message is the pre-3.7 "Request timed out". Called on the server's
    // thread when a timeout fires.
    void setStageLookup(StageLookup lookup) { m_stageLookup = std::move(lookup); }

protected:
    bool handleRequest(const QHttpServerRequest& request, QTcpSocket* socket) override;
    void missingHandler(const QHttpServerRequest& request, QTcpSocket* socket) override;

private:
    struct Pending;
    struct Mailbox;
    class Exchange;
    friend class Exchange;

    // Registers a deferred answer; the returned id is what herder callbacks complete.
    std::uint64_t defer(const QHttpServerRequest& request, QTcpSocket* socket, bool head,
                        std::chrono::milliseconds timeout, std::function<HttpAnswer()> onTimeout);
    void complete(std::uint64_t id, const HttpAnswer& answer);
    using HeaderList = std::vector<std::pair<QByteArray, QByteArray>>;
    void writeAnswer(QHttpServerResponder& responder, const HttpAnswer& answer, bool head = false,
                     const HeaderList& extra = {});
    // Headers every answer to `request` carries: response.http.headers.config, CORS for its Origin.
    HeaderList extraHeaders(const QHttpServerRequest& request) const;
    bool originAllowed(const QByteArray& origin) const;
    void route(const QHttpServerRequest& request, QTcpSocket* socket);
    bool authorised(const QHttpServerRequest& request) const;
    void guardSocket(QTcpSocket* socket);
    void sweepIdleSockets();

    runtime::Herder& m_herder;
    RestServerConfig m_config;
    LoggerAdmin m_loggers;
    QHash<QByteArray, QByteArray> m_credentials; // user → password
    std::unordered_map<std::uint64_t, std::unique_ptr<Pending>> m_pending;
    std::uint64_t m_nextId = 1;
    std::shared_ptr<Mailbox> m_mailbox;
    std::vector<quint16> m_ports;
    StageLookup m_stageLookup;
};

} // namespace connectdesk::rest
