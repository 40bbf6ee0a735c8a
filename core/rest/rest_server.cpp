#include "rest/rest_server.h"

#include "rest/rest_json.h"
#include "version.h"

#include <connectdesk/sdk/config_def.h>

#include <QDateTime>
#include <QFile>
#include <QHostAddress>
#include <QHostInfo>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QRegularExpression>
#include <QSet>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslSocket>
#include <QTcpServer>
#include <QTimer>
#include <QUrl>
#include <QUrlQuery>

#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <functional>
#include <map>
#include <mutex>
#include <sstream>
#include <stdexcept>

#include <sys/socket.h>

namespace connectdesk::rest {

using runtime::ConfigMap;
using runtime::Result;

namespace {

using Method = QHttpServerRequest::Method;
using Reply = std::function<void(HttpAnswer)>;

// Bytes a request may carry beyond its body limit (request line and headers) before the
// connection guard cuts it off without waiting for the whole upload.
constexpr std::int64_t kHeaderAllowance = std::int64_t{64} * 1024;

QByteArray compact(const QJsonObject& object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QByteArray compact(const QJsonArray& array)
{
    return QJsonDocument(array).toJson(QJsonDocument::Compact);
}

HttpAnswer json(int status, const QJsonObject& object)
{
    return HttpAnswer{status, compact(object), {}, "application/json"};
}

HttpAnswer json(int status, const QJsonArray& array)
{
    return HttpAnswer{status, compact(array), {}, "application/json"};
}

HttpAnswer empty(int status)
{
    return HttpAnswer{status, {}, {}, {}};
}

// §2.5: every error raised by the application has {"error_code","message"}.
HttpAnswer error(int status, const QString& message)
{
    return json(status,
                QJsonObject{{QStringLiteral("error_code"), status}, {QStringLiteral("message"), message}});
}

HttpAnswer error(const runtime::HerderError& herderError)
{
    return error(herderError.status, QString::fromStdString(herderError.message));
}

HttpAnswer jerseyError(int status)
{
    const char* reason = status == 404   ? "Not Found"
                         : status == 405 ? "Method Not Allowed"
                         : status == 406 ? "Not Acceptable"
                         : status == 415 ? "Unsupported Media Type"
                                         : "Error";
    return error(status, QStringLiteral("HTTP %1 %2").arg(status).arg(QLatin1String(reason)));
}

// Adapts a herder callback: errors become Connect error bodies, values go through onValue.
template <typename T>
runtime::Callback<T> answerWith(Reply reply, std::function<HttpAnswer(T&)> onValue)
{
    return [reply = std::move(reply), onValue = std::move(onValue)](Result<T> result) {
        if (!result.ok() || !result.value) {
            reply(result.error ? error(*result.error)
                               : error(500, QStringLiteral("Herder returned no result")));
            return;
        }
        reply(onValue(*result.value));
    };
}

bool queryFlag(const QUrlQuery& query, const QString& name)
{
    // §2.2: only the literal "true" (any case) is true.
    return query.queryItemValue(name, QUrl::FullyDecoded)
               .compare(QLatin1String("true"), Qt::CaseInsensitive) == 0;
}

std::string decodeSegment(const QByteArray& encoded)
{
    return QUrl::fromPercentEncoding(encoded).toStdString();
}

bool mediaTypeIsJson(const QByteArray& value)
{
    const QByteArray type = value.split(';').front().trimmed().toLower();
    return type == "application/json" || type == "application/*" || type == "*/*" || type.endsWith("+json");
}

// §2.2: a request whose Accept excludes JSON gets 406 (JAX-RS matching; q=0 entries exclude).
bool acceptsJson(const QByteArray& accept)
{
    if (accept.trimmed().isEmpty())
        return true;
    for (const QByteArray& range : accept.split(',')) {
        if (!mediaTypeIsJson(range))
            continue;
        const QList<QByteArray> params = range.split(';');
        bool excluded = false;
        for (const QByteArray& param : params.mid(1)) {
            const QByteArray p = param.trimmed();
            if (p.startsWith("q=") && p.mid(2).toDouble() == 0.0)
                excluded = true;
        }
        if (!excluded)
            return true;
    }
    return false;
}

std::optional<runtime::TargetState> parseInitialState(const QJsonValue& value, bool& ok)
{
    ok = true;
    if (value.isUndefined() || value.isNull())
        return std::nullopt;
    const QString text = value.isString() ? value.toString().toUpper() : QString();
    if (text == QLatin1String("RUNNING"))
        return runtime::TargetState::Started;
    if (text == QLatin1String("PAUSED"))
        return runtime::TargetState::Paused;
    if (text == QLatin1String("STOPPED"))
        return runtime::TargetState::Stopped;
    ok = false;
    return std::nullopt;
}

// §4.23: names compared after dropping a trailing "Connector" (when longer than the suffix).
QString normalizedPluginName(const QString& name)
{
    const QString suffix = QStringLiteral("Connector");
    if (name.endsWith(suffix) && name.size() > suffix.size())
        return name.left(name.size() - suffix.size());
    return name;
}

// Java's AbstractMap.toString, used in "contains no connector type" messages.
QString javaMapString(const ConfigMap& config)
{
    QStringList entries;
    for (const auto& [key, value] : config)
        entries << QString::fromStdString(key) + QLatin1Char('=') + QString::fromStdString(value);
    return QLatin1Char('{') + entries.join(QStringLiteral(", ")) + QLatin1Char('}');
}

QString invalidConfigMessage(const std::vector<std::string>& errors)
{
    QString message =
        QStringLiteral("Connector configuration is invalid and contains the following %1 error(s):")
            .arg(errors.size());
    for (const auto& text : errors)
        message += QLatin1Char('\n') + QString::fromStdString(text);
    message += QStringLiteral("\nYou can also find the above list of errors at the endpoint "
                              "`/connector-plugins/{connectorType}/config/validate`");
    return message;
}

struct ListenerSpec {
    bool https = false;
    QString host;
    quint16 port = 0;
};

std::optional<ListenerSpec> parseListener(const std::string& text, std::string& problem)
{
    const QString listener = QString::fromStdString(text).trimmed();
    const qsizetype schemeEnd = listener.indexOf(QLatin1String("://"));
    if (schemeEnd < 0) {
        problem = "listener '" + text + "' is not of the form protocol://host:port";
        return std::nullopt;
    }
    ListenerSpec spec;
    const QString scheme = listener.left(schemeEnd).toLower();
    if (scheme == QLatin1String("https"))
        spec.https = true;
    else if (scheme != QLatin1String("http")) {
        problem = "listener '" + text + "' uses an unsupported protocol (http or https)";
        return std::nullopt;
    }
    const QString hostPort = listener.mid(schemeEnd + 3);
    const qsizetype colon = hostPort.lastIndexOf(QLatin1Char(':'));
    bool portOk = false;
    const uint port = colon >= 0 ? hostPort.mid(colon + 1).toUInt(&portOk) : 0;
    if (colon < 0 || !portOk || port > 65535) {
        problem = "listener '" + text + "' has no valid port";
        return std::nullopt;
    }
    spec.port = static_cast<quint16>(port);
    spec.host = hostPort.left(colon);
    if (spec.host.startsWith(QLatin1Char('[')) && spec.host.endsWith(QLatin1Char(']')))
        spec.host = spec.host.mid(1, spec.host.size() - 2);
    return spec;
}

QHostAddress resolveHost(const QString& host)
{
    if (host.isEmpty())
        return QHostAddress::Any;
    QHostAddress address(host);
    if (!address.isNull())
        return address;
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return QHostAddress::LocalHost;
    const QHostInfo info = QHostInfo::fromName(host);
    return info.addresses().isEmpty() ? QHostAddress() : info.addresses().front();
}

// Accepts connections for one listener; sockets are built here so TLS and the upload guard are
// in place before QAbstractHttpServer sees them.
class ListenerServer : public QTcpServer {
public:
    ListenerServer(std::optional<QSslConfiguration> tls, std::function<void(QTcpSocket*)> onSocket)
        : m_tls(std::move(tls)), m_onSocket(std::move(onSocket))
    {
    }
    bool https() const { return m_tls.has_value(); }

protected:
    void incomingConnection(qintptr descriptor) override
    {
        QTcpSocket* socket = nullptr;
        if (m_tls) {
            auto* ssl = new QSslSocket(this);
            ssl->setSslConfiguration(*m_tls);
            if (!ssl->setSocketDescriptor(descriptor)) {
                delete ssl;
                return;
            }
            ssl->startServerEncryption();
            socket = ssl;
        } else {
            socket = new QTcpSocket(this);
            if (!socket->setSocketDescriptor(descriptor)) {
                delete socket;
                return;
            }
        }
        m_onSocket(socket);
        addPendingConnection(socket);
    }

private:
    std::optional<QSslConfiguration> m_tls;
    std::function<void(QTcpSocket*)> m_onSocket;
};

const char* kBytesProperty = "connectdesk.rest.bytes";
const char* kActivityProperty = "connectdesk.rest.lastActivity";

} // namespace

// Where herder threads drop finished answers; cut from the server before it dies so a late
// callback never touches a destroyed object (herder.h: callbacks run on herder threads).
struct RestServer::Mailbox {
    std::mutex mutex;
    RestServer* server = nullptr;

    void post(std::uint64_t id, HttpAnswer answer)
    {
        std::lock_guard lock(mutex);
        if (!server)
            return;
        RestServer* target = server;
        QMetaObject::invokeMethod(
            target, [target, id, answer = std::move(answer)] { target->complete(id, answer); },
            Qt::QueuedConnection);
    }
};

struct RestServer::Pending {
    QPointer<QTcpSocket> socket;
    std::unique_ptr<QHttpServerResponder> responder;
    QPointer<QTimer> timer;
    bool head = false;
    HeaderList extra;
};

std::string javaInstant(std::int64_t epochMs)
{
    const QDateTime time = QDateTime::fromMSecsSinceEpoch(epochMs, Qt::UTC);
    // Instant.toString drops a zero fraction and otherwise prints it in groups of three digits.
    const Qt::DateFormat format = epochMs % 1000 == 0 ? Qt::ISODate : Qt::ISODateWithMs;
    return time.toString(format).toStdString();
}

std::string timeoutMessage(const std::optional<WorkerStage>& stage)
{
    // HerderRequestHandler / ConnectorPluginsResource of Apache 3.7+ (StagedTimeoutException); no
    // trailing period, as a 4.x worker answers ("… which began at 2025-10-14T15:25:01.075Z").
    if (!stage)
        return "Request timed out";
    if (stage->completedMs)
        return "Request timed out. The last operation the worker completed was " + stage->description +
               ", which began at " + javaInstant(stage->startedMs) + " and completed at " +
               javaInstant(*stage->completedMs);
    return "Request timed out. The worker is currently " + stage->description + ", which began at " +
           javaInstant(stage->startedMs);
}

namespace {

// GET /connectdesk/metrics (a ConnectDesk extension; Apache exposes these over JMX only): the
// herder's MetricsReport as JSON, or with ?format=prometheus in the Prometheus text format under
// the names the JMX exporter conventionally gives them (kafka_connect_<group>_<metric>).
QJsonObject metricValuesJson(const runtime::MetricValues& values)
{
    QJsonObject out;
    for (const auto& [name, value] : values)
        out.insert(QString::fromStdString(name), value);
    return out;
}

QJsonObject metricsJson(const runtime::MetricsReport& report)
{
    QJsonArray connectors;
    for (const auto& c : report.connectors)
        connectors.append(
            QJsonObject{{QStringLiteral("name"), QString::fromStdString(c.name)},
                        {QStringLiteral("status"), QString::fromStdString(c.status)},
                        {QStringLiteral("connector-type"), QString::fromStdString(c.connectorType)},
                        {QStringLiteral("connector-class"), QString::fromStdString(c.connectorClass)},
                        {QStringLiteral("connector-version"), QString::fromStdString(c.connectorVersion)},
                        {QStringLiteral("connect-worker-metrics"), metricValuesJson(c.workerGroup)}});
    QJsonArray tasks;
    for (const auto& t : report.tasks) {
        QJsonObject groups;
        for (const auto& [group, values] : t.groups)
            groups.insert(QString::fromStdString(group), metricValuesJson(values));
        tasks.append(QJsonObject{{QStringLiteral("connector"), QString::fromStdString(t.id.connector)},
                                 {QStringLiteral("task"), t.id.task},
                                 {QStringLiteral("status"), QString::fromStdString(t.status)},
                                 {QStringLiteral("metrics"), groups}});
    }
    return QJsonObject{{QStringLiteral("connect-worker-metrics"), metricValuesJson(report.worker)},
                       {QStringLiteral("connectors"), connectors},
                       {QStringLiteral("tasks"), tasks}};
}

std::string prometheusName(const std::string& group, const std::string& metric)
{
    std::string name = "kafka_connect_" + group + "_" + metric;
    for (char& ch : name)
        if (!std::isalnum(static_cast<unsigned char>(ch)))
            ch = '_';
    return name;
}

std::string prometheusLabel(const std::string& value)
{
    std::string out;
    for (const char ch : value) {
        if (ch == '\\' || ch == '"')
            out += '\\';
        if (ch == '\n') {
            out += "\\n";
            continue;
        }
        out += ch;
    }
    return out;
}

QByteArray metricsPrometheus(const runtime::MetricsReport& report)
{
    // Lines grouped by metric name, one TYPE line each (the text format wants them together).
    std::map<std::string, std::vector<std::string>> series;
    const auto add = [&](const std::string& group, const std::string& metric, const std::string& labels,
                         double value) {
        std::ostringstream line;
        line.precision(17);
        line << prometheusName(group, metric) << labels << ' ' << value;
        series[prometheusName(group, metric)].push_back(line.str());
    };
    for (const auto& [metric, value] : report.worker)
        add("connect-worker-metrics", metric, {}, value);
    for (const auto& c : report.connectors)
        for (const auto& [metric, value] : c.workerGroup)
            add("connect-worker-metrics", metric, "{connector=\"" + prometheusLabel(c.name) + "\"}", value);
    for (const auto& t : report.tasks)
        for (const auto& [group, values] : t.groups)
            for (const auto& [metric, value] : values)
                add(group, metric,
                    "{connector=\"" + prometheusLabel(t.id.connector) + "\",task=\"" +
                        std::to_string(t.id.task) + "\"}",
                    value);
    std::string out;
    for (const auto& [name, lines] : series) {
        const bool counter = name.size() > 6 && name.compare(name.size() - 6, 6, "_total") == 0;
        out += "# TYPE " + name + (counter ? " counter\n" : " gauge\n");
        for (const auto& line : lines)
            out += line + '\n';
    }
    return QByteArray::fromStdString(out);
}

} // namespace

RestServerConfig RestServerConfig::fromWorkerProperties(const runtime::ConfigMap& props)
{
    RestServerConfig config;
    const auto get = [&props](const std::string& key) -> std::optional<std::string> {
        const auto it = props.find(key);
        return it == props.end() ? std::nullopt : std::optional<std::string>(it->second);
    };
    if (const auto listeners = get("listeners")) {
        config.listeners.clear();
        for (const QString& part :
             QString::fromStdString(*listeners).split(QLatin1Char(','), Qt::SkipEmptyParts))
            config.listeners.push_back(part.trimmed().toStdString());
    }
    if (const auto host = get("rest.advertised.host.name"))
        config.advertisedHostName = *host;
    if (const auto port = get("rest.advertised.port"))
        config.advertisedPort = QString::fromStdString(*port).toInt();
    if (const auto admin = get("admin.listeners"))
        config.adminEndpointsEnabled = !QString::fromStdString(*admin).trimmed().isEmpty();
    if (const auto file = get("connectdesk.rest.basic.auth.credentials.file"))
        config.basicAuthCredentialsFile = *file;
    if (const auto cert = get("connectdesk.rest.ssl.certificate.file"))
        config.tlsCertificateFile = *cert;
    if (const auto key = get("connectdesk.rest.ssl.key.file"))
        config.tlsPrivateKeyFile = *key;
    if (const auto bytes = get("connectdesk.rest.max.request.bytes"))
        config.maxRequestBodyBytes = QString::fromStdString(*bytes).toLongLong();
    if (const auto timeout = get("connectdesk.rest.request.timeout.ms"))
        config.requestTimeout = std::chrono::milliseconds(QString::fromStdString(*timeout).toLongLong());
    const auto list = [](const std::string& value) {
        std::vector<std::string> out;
        for (const QString& part : QString::fromStdString(value).split(QLatin1Char(','), Qt::SkipEmptyParts))
            if (!part.trimmed().isEmpty())
                out.push_back(part.trimmed().toStdString());
        return out;
    };
    if (const auto origins = get("access.control.allow.origin"))
        config.corsAllowedOrigins = list(*origins);
    if (const auto methods = get("access.control.allow.methods"); methods && !list(*methods).empty()) {
        config.corsAllowedMethods.clear();
        for (const std::string& m : list(*methods))
            config.corsAllowedMethods.push_back(QString::fromStdString(m).toUpper().toStdString());
    }
    if (const auto rules = get("response.http.headers.config")) {
        // Apache's WorkerConfig validation of each "[action] [header name]:[header value]" rule.
        for (const std::string& rule : list(*rules)) {
            const QString text = QString::fromStdString(rule).trimmed();
            const qsizetype space = text.indexOf(QRegularExpression(QStringLiteral("\\s")));
            if (space < 0)
                throw std::invalid_argument("Invalid format of header config '" + rule +
                                            "'. Expected: '[action] [header name]:[header value]'");
            const QString action = text.left(space);
            const QString header = text.mid(space + 1).trimmed();
            if (action != QLatin1String("set") && action != QLatin1String("add") &&
                action != QLatin1String("setDate") && action != QLatin1String("addDate"))
                throw std::invalid_argument("Invalid header config action: '" + action.toStdString() +
                                            "'. Expected one of [set, add, setDate, addDate]");
            const QStringList pair = header.split(QLatin1Char(':'));
            if (pair.size() != 2)
                throw std::invalid_argument("Invalid format of header name and header value pair '" +
                                            header.toStdString() +
                                            "'. Expected: '[header name]:[header value]'");
            const QString name = pair[0].trimmed();
            if (name.isEmpty() || name.contains(QRegularExpression(QStringLiteral("\\s"))))
                throw std::invalid_argument("Invalid header name '" + name.toStdString() +
                                            "'. The '[header name]' cannot contain whitespace");
            config.responseHeaderRules.push_back(
                {action.toStdString(), name.toLatin1(), pair[1].trimmed().toUtf8()});
        }
    }
    return config;
}

RestServer::RestServer(runtime::Herder& herder, RestServerConfig config, QObject* parent)
    : QAbstractHttpServer(parent), m_herder(herder), m_config(std::move(config)),
      m_mailbox(std::make_shared<Mailbox>())
{
    m_mailbox->server = this;
}

RestServer::~RestServer()
{
    std::lock_guard lock(m_mailbox->mutex);
    m_mailbox->server = nullptr;
}

bool RestServer::start(std::string& problem)
{
    if (!m_config.basicAuthCredentialsFile.empty()) {
        QFile file(QString::fromStdString(m_config.basicAuthCredentialsFile));
        if (!file.open(QIODevice::ReadOnly)) {
            problem = "cannot read the basic auth credentials file " + m_config.basicAuthCredentialsFile;
            return false;
        }
        // PropertyFileLoginModule's format: user=password lines, # comments.
        for (const QByteArray& rawLine : file.readAll().split('\n')) {
            const QByteArray line = rawLine.trimmed();
            const qsizetype eq = line.indexOf('=');
            if (line.isEmpty() || line.startsWith('#') || line.startsWith('!') || eq <= 0)
                continue;
            m_credentials.insert(line.left(eq).trimmed(), line.mid(eq + 1).trimmed());
        }
    }
    std::optional<QSslConfiguration> tls;
    std::vector<std::pair<ListenerSpec, std::string>> specs;
    for (const auto& text : m_config.listeners) {
        const auto spec = parseListener(text, problem);
        if (!spec)
            return false;
        specs.emplace_back(*spec, text);
        if (spec->https && !tls) {
            if (m_config.tlsCertificateFile.empty() || m_config.tlsPrivateKeyFile.empty()) {
                problem = "https listener '" + text + "' needs a certificate file and a key file";
                return false;
            }
            QFile certFile(QString::fromStdString(m_config.tlsCertificateFile));
            QFile keyFile(QString::fromStdString(m_config.tlsPrivateKeyFile));
            if (!certFile.open(QIODevice::ReadOnly) || !keyFile.open(QIODevice::ReadOnly)) {
                problem = "https listener '" + text + "' needs readable certificate and key files (" +
                          m_config.tlsCertificateFile + ", " + m_config.tlsPrivateKeyFile + ")";
                return false;
            }
            const auto chain = QSslCertificate::fromData(certFile.readAll(), QSsl::Pem);
            const QByteArray keyPem = keyFile.readAll();
            QSslKey key(keyPem, QSsl::Rsa, QSsl::Pem);
            if (key.isNull())
                key = QSslKey(keyPem, QSsl::Ec, QSsl::Pem);
            if (chain.isEmpty() || key.isNull()) {
                problem =
                    "https listener '" + text + "': the certificate or key file holds no usable PEM data";
                return false;
            }
            QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
            configuration.setLocalCertificateChain(chain);
            configuration.setPrivateKey(key);
            configuration.setPeerVerifyMode(QSslSocket::VerifyNone);
            tls = configuration;
        }
    }
    std::vector<ListenerServer*> servers;
    for (const auto& [spec, text] : specs) {
        auto* server = new ListenerServer(spec.https ? tls : std::nullopt,
                                          [this](QTcpSocket* socket) { guardSocket(socket); });
        const QHostAddress address = resolveHost(spec.host);
        if (address.isNull() || !server->listen(address, spec.port)) {
            problem = "cannot listen on '" + text + "': " +
                      (address.isNull() ? std::string("unknown host") : server->errorString().toStdString());
            delete server;
            for (auto* bound : servers)
                delete bound;
            return false;
        }
        servers.push_back(server);
    }
    for (auto* server : servers) {
        bind(server);
        m_ports.push_back(server->serverPort());
    }
    auto* sweeper = new QTimer(this);
    connect(sweeper, &QTimer::timeout, this, &RestServer::sweepIdleSockets);
    sweeper->start(std::clamp<qint64>(m_config.idleTimeout.count() / 4, 50, 1000));
    return true;
}

std::vector<quint16> RestServer::boundPorts() const
{
    return m_ports;
}

std::string RestServer::workerId() const
{
    std::string host = m_config.advertisedHostName;
    if (host.empty()) {
        const auto spec = m_config.listeners.empty() ? std::nullopt : [this] {
            std::string ignored;
            return parseListener(m_config.listeners.front(), ignored);
        }();
        host = spec && !spec->host.isEmpty() ? spec->host.toStdString()
                                             : QHostInfo::localHostName().toStdString();
    }
    int port = m_config.advertisedPort;
    if (port <= 0 && !m_ports.empty())
        port = m_ports.front();
    return host + ":" + std::to_string(port);
}

void RestServer::guardSocket(QTcpSocket* socket)
{
    // Connected before QAbstractHttpServer's own slot, so it sees each chunk first: an upload far
    // beyond the body limit is answered and cut off instead of being buffered whole.
    socket->setProperty(kActivityProperty, QDateTime::currentMSecsSinceEpoch());
    connect(socket, &QTcpSocket::readyRead, this, [this, socket] {
        socket->setProperty(kActivityProperty, QDateTime::currentMSecsSinceEpoch());
        const std::int64_t seen = socket->property(kBytesProperty).toLongLong() + socket->bytesAvailable();
        socket->setProperty(kBytesProperty, QVariant::fromValue<qint64>(seen));
        if (seen <= m_config.maxRequestBodyBytes + kHeaderAllowance)
            return;
        disconnect(socket, &QTcpSocket::readyRead, nullptr, nullptr);
        const QByteArray body = compact(QJsonObject{
            {QStringLiteral("error_code"), 413},
            {QStringLiteral("message"), QStringLiteral("Request entity too large: the limit is %1 bytes")
                                            .arg(m_config.maxRequestBodyBytes)}});
        socket->write("HTTP/1.1 413 Payload Too Large\r\nContent-Type: application/json\r\nContent-Length: " +
                      QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
        socket->flush();
        // Closing with unread upload bytes would make the kernel reset the connection and the
        // client lose the 413; so half-close, discard what still arrives, and drop it later.
        ::shutdown(static_cast<int>(socket->socketDescriptor()), SHUT_WR);
        connect(socket, &QTcpSocket::readyRead, socket, [socket] { socket->readAll(); });
        QTimer::singleShot(2000, socket, [socket] {
            socket->abort();
            socket->deleteLater();
        });
    });
}

void RestServer::sweepIdleSockets()
{
    // Qt HttpServer 6.4 leaves a connection open and silent after a request it cannot parse;
    // idle connections are closed here, as Jetty's idle timeout does (30 s by default).
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QSet<QTcpSocket*> busy;
    for (const auto& entry : m_pending)
        if (entry.second->socket)
            busy.insert(entry.second->socket.data());
    for (QTcpSocket* socket : findChildren<QTcpSocket*>()) {
        if (busy.contains(socket))
            continue;
        const qint64 last = socket->property(kActivityProperty).toLongLong();
        if (now - last < m_config.idleTimeout.count())
            continue;
        socket->abort();
        socket->deleteLater();
    }
}

std::uint64_t RestServer::defer(const QHttpServerRequest& request, QTcpSocket* socket, bool head,
                                std::chrono::milliseconds timeout, std::function<HttpAnswer()> onTimeout)
{
    const std::uint64_t id = m_nextId++;
    auto pending = std::make_unique<Pending>();
    pending->socket = socket;
    pending->responder = std::make_unique<QHttpServerResponder>(makeResponder(request, socket));
    pending->head = head;
    pending->extra = extraHeaders(request);
    // Whichever of the herder and the timer comes first answers; complete() ignores the other
    // and drops the timer, so answered requests hold no 90 s timers.
    pending->timer = new QTimer(this);
    pending->timer->setSingleShot(true);
    connect(pending->timer, &QTimer::timeout, this,
            [this, id, answer = std::move(onTimeout)] { complete(id, answer()); });
    pending->timer->start(timeout);
    m_pending.emplace(id, std::move(pending));
    return id;
}

void RestServer::complete(std::uint64_t id, const HttpAnswer& answer)
{
    const auto it = m_pending.find(id);
    if (it == m_pending.end())
        return;
    std::unique_ptr<Pending> pending = std::move(it->second);
    m_pending.erase(it);
    if (pending->timer)
        pending->timer->deleteLater();
    // The client may have gone while the herder worked; the responder then must not write.
    if (!pending->socket || pending->socket->state() != QAbstractSocket::ConnectedState)
        return;
    pending->socket->setProperty(kActivityProperty, QDateTime::currentMSecsSinceEpoch());
    writeAnswer(*pending->responder, answer, pending->head, pending->extra);
}

void RestServer::writeAnswer(QHttpServerResponder& responder, const HttpAnswer& answer, bool head,
                             const HeaderList& extra)
{
    responder.writeStatusLine(static_cast<QHttpServerResponder::StatusCode>(answer.status));
    // §8.2: 204 answers carry neither a body nor a Content-Type.
    if (!answer.body.isEmpty())
        responder.writeHeader("Content-Type", answer.contentType);
    for (const auto& [key, value] : answer.headers)
        responder.writeHeader(key, value);
    for (const auto& [key, value] : extra)
        responder.writeHeader(key, value);
    responder.writeHeader("Content-Length", QByteArray::number(answer.body.size()));
    // HEAD: the GET answer's headers without its body, as JAX-RS serves HEAD for GET resources.
    responder.writeBody(head ? QByteArray() : answer.body);
}

bool RestServer::authorised(const QHttpServerRequest& request) const
{
    if (m_config.basicAuthCredentialsFile.empty())
        return true;
    const QByteArray header = request.value("Authorization").trimmed();
    if (!header.startsWith("Basic ") && !header.startsWith("basic "))
        return false;
    const QByteArray decoded = QByteArray::fromBase64(header.mid(6).trimmed());
    const qsizetype colon = decoded.indexOf(':');
    if (colon < 0)
        return false;
    const auto it = m_credentials.constFind(decoded.left(colon));
    return it != m_credentials.constEnd() && it.value() == decoded.mid(colon + 1);
}

void RestServer::missingHandler(const QHttpServerRequest& request, QTcpSocket* socket)
{
    QHttpServerResponder responder = makeResponder(request, socket);
    writeAnswer(responder, jerseyError(404), false, extraHeaders(request));
}

bool RestServer::originAllowed(const QByteArray& origin) const
{
    for (const std::string& pattern : m_config.corsAllowedOrigins) {
        if (pattern == "*")
            return true;
        // Jetty's origin patterns: '*' matches any run of characters, the rest literally.
        QStringList parts = QString::fromStdString(pattern).split(QLatin1Char('*'));
        for (QString& part : parts)
            part = QRegularExpression::escape(part);
        const QRegularExpression re(QRegularExpression::anchoredPattern(parts.join(QStringLiteral(".*"))));
        if (re.match(QString::fromUtf8(origin)).hasMatch())
            return true;
    }
    return false;
}

RestServer::HeaderList RestServer::extraHeaders(const QHttpServerRequest& request) const
{
    HeaderList extra;
    for (const auto& rule : m_config.responseHeaderRules) {
        QByteArray value = rule.value;
        if (rule.action == "setDate" || rule.action == "addDate")
            value = QLocale::c()
                        .toString(QDateTime::currentDateTimeUtc().addMSecs(rule.value.toLongLong()),
                                  QStringLiteral("ddd, dd MMM yyyy hh:mm:ss"))
                        .toLatin1() +
                    " GMT";
        if (rule.action == "set" || rule.action == "setDate") {
            extra.erase(std::remove_if(extra.begin(), extra.end(),
                                       [&](const auto& h) {
                                           return h.first.compare(rule.name, Qt::CaseInsensitive) == 0;
                                       }),
                        extra.end());
        }
        extra.emplace_back(rule.name, value);
    }
    const QByteArray origin = request.value("Origin");
    if (!origin.isEmpty() && originAllowed(origin)) {
        // Jetty's CrossOriginFilter on an allowed origin (credentials allowed, its default).
        extra.emplace_back("Access-Control-Allow-Origin", origin);
        extra.emplace_back("Access-Control-Allow-Credentials", "true");
        const bool any = std::find(m_config.corsAllowedOrigins.begin(), m_config.corsAllowedOrigins.end(),
                                   "*") != m_config.corsAllowedOrigins.end();
        if (!any)
            extra.emplace_back("Vary", "Origin");
    }
    return extra;
}

bool RestServer::handleRequest(const QHttpServerRequest& request, QTcpSocket* socket)
{
    socket->setProperty(kBytesProperty, QVariant::fromValue<qint64>(0));
    socket->setProperty(kActivityProperty, QDateTime::currentMSecsSinceEpoch());
    route(request, socket);
    return true;
}

// Everything a resource needs from one request, copied: QAbstractHttpServer reuses the request
// object for the connection's next request while the herder is still working on this one.
class RestServer::Exchange {
public:
    Exchange(RestServer& server, const QHttpServerRequest& request, QTcpSocket* socket)
        : m_server(server), m_request(request), m_socket(socket), m_body(request.body()),
          m_query(request.query())
    {
    }

    const QByteArray& body() const { return m_body; }
    const QUrlQuery& query() const { return m_query; }

    void setHead(bool head) { m_head = head; }

    void now(const HttpAnswer& answer)
    {
        QHttpServerResponder responder = makeResponder(m_request, m_socket);
        m_server.writeAnswer(responder, answer, m_head, m_server.extraHeaders(m_request));
    }

    // A `java.util.Map` body (connector config, validate, logger level): bad JSON or values are
    // answered with Jackson's 500 message here, as Connect's mapper does, and nothing is returned.
    std::optional<runtime::ConfigMap> configBody(std::vector<std::string>& nullKeys)
    {
        BodyError bodyError;
        const auto value = parseBody(m_body, "java.util.Map.get(Object)", bodyError);
        auto config =
            value ? configFromJson(*value, nullKeys, bodyError) : std::optional<runtime::ConfigMap>();
        if (!config)
            now(error(500, bodyError.message));
        return config;
    }

    // A reply function that may be called once, from any thread.
    Reply later(std::chrono::milliseconds timeout, std::function<HttpAnswer()> onTimeout)
    {
        const std::uint64_t id = m_server.defer(m_request, m_socket, m_head, timeout, std::move(onTimeout));
        return
            [mailbox = m_server.m_mailbox, id](HttpAnswer answer) { mailbox->post(id, std::move(answer)); };
    }

    Reply later(std::chrono::milliseconds timeout, HttpAnswer onTimeout)
    {
        return later(timeout, [answer = std::move(onTimeout)] { return answer; });
    }

    // A herder-backed answer; on timeout Apache's 500 names the stage the worker is in (§2.4),
    // looked up when the timer fires, for the connector the request is about.
    Reply later(const std::string& stageConnector = {})
    {
        RestServer& server = m_server;
        return later(m_server.m_config.requestTimeout, [&server, stageConnector] {
            const auto stage = server.m_stageLookup ? server.m_stageLookup(stageConnector) : std::nullopt;
            return error(500, QString::fromStdString(timeoutMessage(stage)));
        });
    }

    QByteArray baseUrl() const
    {
        const bool https = qobject_cast<QSslSocket*>(m_socket) != nullptr;
        QByteArray host = m_request.value("Host");
        if (host.isEmpty())
            host = m_socket->localAddress().toString().toUtf8() + ':' +
                   QByteArray::number(m_socket->localPort());
        return (https ? "https://" : "http://") + host;
    }

private:
    RestServer& m_server;
    const QHttpServerRequest& m_request;
    QTcpSocket* m_socket;
    QByteArray m_body;
    QUrlQuery m_query;
    bool m_head = false;
};

void RestServer::route(const QHttpServerRequest& request, QTcpSocket* socket)
{
    Exchange ex(*this, request, socket);
    // §7.1: a CORS preflight of an allowed origin and method is answered before anything else
    // (Jetty's filter runs ahead of the auth filter and the resources).
    if (request.method() == QHttpServerRequest::Method::Options && !m_config.corsAllowedOrigins.empty()) {
        const QByteArray origin = request.value("Origin");
        const QByteArray wanted = request.value("Access-Control-Request-Method").trimmed().toUpper();
        const bool methodAllowed =
            std::find(m_config.corsAllowedMethods.begin(), m_config.corsAllowedMethods.end(),
                      wanted.toStdString()) != m_config.corsAllowedMethods.end();
        if (!origin.isEmpty() && !wanted.isEmpty() && originAllowed(origin) && methodAllowed) {
            QByteArray methods;
            for (const std::string& m : m_config.corsAllowedMethods)
                methods += (methods.isEmpty() ? "" : ",") + QByteArray::fromStdString(m);
            ex.now(
                HttpAnswer{200,
                           {},
                           {{"Access-Control-Allow-Methods", methods},
                            {"Access-Control-Allow-Headers", "X-Requested-With,Content-Type,Accept,Origin"},
                            {"Access-Control-Max-Age", "1800"}},
                           {}});
            return;
        }
    }
    if (!authorised(request)) {
        // §7.2: the basic-auth filter answers 401 with a plain body, not the JSON error shape.
        ex.now(HttpAnswer{401, "User cannot access the resource.", {}, "text/plain"});
        return;
    }
    if (ex.body().size() > m_config.maxRequestBodyBytes) {
        ex.now(error(413, QStringLiteral("Request entity too large: the limit is %1 bytes")
                              .arg(m_config.maxRequestBodyBytes)));
        return;
    }

    // Segments of the still-encoded path, each decoded on its own, so %2F stays inside a name.
    QByteArray path = request.url().path(QUrl::FullyEncoded).toUtf8();
    if (path.size() > 1 && path.endsWith('/'))
        path.chop(1);
    QList<QByteArray> raw = path.split('/');
    if (!raw.isEmpty() && raw.front().isEmpty())
        raw.removeFirst();
    if (raw.size() == 1 && raw.front().isEmpty())
        raw.clear();
    std::vector<std::string> seg;
    for (const QByteArray& part : raw)
        seg.push_back(decodeSegment(part));
    const std::size_t n = seg.size();
    // JAX-RS answers HEAD on every GET resource; everything below routes it as a GET.
    const bool head = request.method() == Method::Head;
    const Method method = head ? Method::Get : request.method();
    ex.setHead(head);
    const auto is = [&](std::size_t i, const char* literal) { return i < n && seg[i] == literal; };

    // One entry per resource path: the methods it serves and its handler. Matching the path
    // first and the method second gives Jersey's 404-before-405 order (§2.5).
    struct Match {
        std::vector<Method> methods;
        std::function<void()> handler;
        bool consumesJson = true; // RootResource declares no @Consumes
    };
    std::optional<Match> match;
    const std::string c = n > 1 ? seg[1] : std::string();

    // §2.2: {task} must be an integer, otherwise the path does not match at all.
    bool taskOk = false;
    const int task = n > 3 ? QString::fromStdString(seg[3]).toInt(&taskOk) : 0;

    if (n == 0) {
        match =
            Match{{Method::Get},
                  [&] {
                      ex.now(json(
                          200, QJsonObject{{QStringLiteral("version"), QString::fromStdString(version())},
                                           {QStringLiteral("commit"), QString::fromStdString(gitRevision())},
                                           {QStringLiteral("kafka_cluster_id"),
                                            QString::fromStdString(m_herder.kafkaClusterId())}}));
                  },
                  false};
    } else if (n == 1 && is(0, "health")) {
        match = Match{
            {Method::Get},
            [&] {
                // §4.2: 503 while starting; otherwise a round trip through the herder
                // within 10 s proves it can still take requests.
                if (!m_herder.ready()) {
                    ex.now(json(503, QJsonObject{{QStringLiteral("status"), QStringLiteral("starting")},
                                                 {QStringLiteral("message"),
                                                  QStringLiteral("Worker is still starting up.")}}));
                    return;
                }
                const Reply reply = ex.later(
                    m_config.healthTimeout,
                    json(500, QJsonObject{{QStringLiteral("status"), QStringLiteral("unhealthy")},
                                          {QStringLiteral("message"),
                                           QStringLiteral("Worker was unable to handle this request and "
                                                          "may be unable to handle other requests.")}}));
                m_herder.connectors(answerWith<std::vector<std::string>>(reply, [](auto&) {
                    return json(200, QJsonObject{{QStringLiteral("status"), QStringLiteral("healthy")},
                                                 {QStringLiteral("message"),
                                                  QStringLiteral("Worker has completed startup and is "
                                                                 "ready to handle requests.")}});
                }));
            },
            false};
    } else if (is(0, "connectors") && n == 1) {
        match = Match{
            {Method::Get, Method::Post}, [&] {
                if (method == Method::Get) {
                    const QStringList expand = ex.query().allQueryItemValues(QStringLiteral("expand"));
                    const bool wantStatus = expand.contains(QStringLiteral("status"));
                    const bool wantInfo = expand.contains(QStringLiteral("info"));
                    const bool expanded = !expand.isEmpty();
                    const Reply reply = ex.later(c);
                    runtime::Herder& herder = m_herder;
                    m_herder.connectors([reply, wantStatus, wantInfo, expanded,
                                         &herder](Result<std::vector<std::string>> names) {
                        if (!names.ok() || !names.value) {
                            reply(names.error ? error(*names.error) : error(500, QString()));
                            return;
                        }
                        if (!expanded) {
                            reply(json(200, toJson(*names.value)));
                            return;
                        }
                        // §4.3: fan out per connector; a connector whose status is not
                        // known yet is left out of the map.
                        struct Gather {
                            std::mutex mutex;
                            QJsonObject result;
                            std::map<std::string, QJsonObject> entries;
                            std::set<std::string> dropped;
                            int outstanding = 0;
                        };
                        auto gather = std::make_shared<Gather>();
                        const auto& list = *names.value;
                        gather->outstanding =
                            static_cast<int>(list.size()) * ((wantStatus ? 1 : 0) + (wantInfo ? 1 : 0));
                        if (gather->outstanding == 0) {
                            QJsonObject all;
                            for (const auto& name : list)
                                all.insert(QString::fromStdString(name), QJsonObject());
                            reply(json(200, all));
                            return;
                        }
                        const auto finishOne = [gather, reply] {
                            // Called with the mutex held.
                            if (--gather->outstanding > 0)
                                return;
                            QJsonObject all;
                            for (const auto& [name, entry] : gather->entries)
                                if (!gather->dropped.count(name))
                                    all.insert(QString::fromStdString(name), entry);
                            reply(json(200, all));
                        };
                        for (const auto& name : list) {
                            {
                                std::lock_guard lock(gather->mutex);
                                gather->entries[name];
                            }
                            if (wantStatus)
                                herder.connectorStatus(name, [gather, name, finishOne](auto result) {
                                    std::lock_guard lock(gather->mutex);
                                    if (result.ok() && result.value)
                                        gather->entries[name].insert(QStringLiteral("status"),
                                                                     toJson(*result.value));
                                    else
                                        gather->dropped.insert(name);
                                    finishOne();
                                });
                            if (wantInfo)
                                herder.connectorInfo(name, [gather, name, finishOne](auto result) {
                                    std::lock_guard lock(gather->mutex);
                                    if (result.ok() && result.value)
                                        gather->entries[name].insert(QStringLiteral("info"),
                                                                     toJson(*result.value));
                                    else
                                        gather->dropped.insert(name);
                                    finishOne();
                                });
                        }
                    });
                    return;
                }
                // POST: CreateConnectorRequest (§3.6, §4.4).
                BodyError bodyError;
                const auto value = parseBody(ex.body(),
                                             "org.apache.kafka.connect.runtime.rest.entities."
                                             "CreateConnectorRequest.name()",
                                             bodyError);
                if (!value) {
                    ex.now(error(500, bodyError.message));
                    return;
                }
                if (!value->isObject()) {
                    ex.now(error(500, QStringLiteral("Cannot deserialize value of type `org.apache.kafka."
                                                     "connect.runtime.rest.entities.CreateConnectorRequest` "
                                                     "from Array value")));
                    return;
                }
                const QJsonObject object = value->toObject();
                if (!checkKnownFields(
                        object,
                        {QStringLiteral("config"), QStringLiteral("name"), QStringLiteral("initial_state")},
                        "org.apache.kafka.connect.runtime.rest.entities.CreateConnectorRequest", bodyError)) {
                    ex.now(error(500, bodyError.message));
                    return;
                }
                const QJsonValue nameValue = object.value(QStringLiteral("name"));
                if (nameValue.isObject() || nameValue.isArray()) {
                    ex.now(error(500, QStringLiteral("Cannot deserialize value of type `java.lang.String` "
                                                     "from %1 value")
                                          .arg(nameValue.isObject() ? QStringLiteral("Object")
                                                                    : QStringLiteral("Array"))));
                    return;
                }
                const QJsonValue configValue = object.value(QStringLiteral("config"));
                if (configValue.isUndefined() || configValue.isNull()) {
                    ex.now(error(500, QStringLiteral("Cannot invoke \"java.util.Map.get(Object)\" because "
                                                     "\"config\" is null")));
                    return;
                }
                std::vector<std::string> nullKeys;
                auto config = configFromJson(configValue, nullKeys, bodyError);
                if (!config) {
                    ex.now(error(500, bodyError.message));
                    return;
                }
                bool stateOk = true;
                const auto initialState =
                    parseInitialState(object.value(QStringLiteral("initial_state")), stateOk);
                if (!stateOk) {
                    ex.now(error(
                        500,
                        QStringLiteral("Cannot construct instance of `org.apache.kafka.connect.runtime."
                                       "rest.entities.CreateConnectorRequest$InitialState`, problem: "
                                       "No enum constant org.apache.kafka.connect.runtime.rest."
                                       "entities.CreateConnectorRequest.InitialState.%1")
                            .arg(scalarToString(object.value(QStringLiteral("initial_state"))).toUpper())));
                    return;
                }
                const std::string name = nameValue.isUndefined() || nameValue.isNull()
                                             ? std::string()
                                             // String.trim: only U+0000–U+0020, not Unicode spaces.
                                             : sdk::javaTrim(scalarToString(nameValue).toStdString());
                if (const auto it = config->find("name"); it != config->end() && it->second != name) {
                    ex.now(error(400,
                                 QStringLiteral("Connector name configuration (%1) doesn't match "
                                                "connector name in the URL (%2)")
                                     .arg(QString::fromStdString(it->second), QString::fromStdString(name))));
                    return;
                }
                if (!nullKeys.empty()) {
                    // ConfigMap cannot carry null; Apache's validation rejects it (§4.5).
                    ex.now(error(400, invalidConfigMessage(std::vector<std::string>(
                                          nullKeys.size(),
                                          "Null value can not be supplied as the configuration value."))));
                    return;
                }
                (*config)["name"] = name;
                const QByteArray location =
                    ex.baseUrl() + "/connectors/" + QUrl::toPercentEncoding(QString::fromStdString(name));
                const Reply reply = ex.later(name);
                m_herder.putConnectorConfig(
                    name, *config, initialState, false,
                    answerWith<runtime::PutConfigOutcome>(reply, [location](auto& outcome) {
                        HttpAnswer answer = json(201, toJson(outcome.info));
                        answer.headers.emplace_back("Location", location);
                        return answer;
                    }));
            }};
    } else if (is(0, "connectors") && n == 2) {
        match =
            Match{{Method::Get, Method::Delete}, [&] {
                      const Reply reply = ex.later(c);
                      if (method == Method::Get)
                          m_herder.connectorInfo(c, answerWith<runtime::ConnectorInfo>(reply, [](auto& info) {
                                                     return json(200, toJson(info));
                                                 }));
                      else
                          m_herder.deleteConnector(
                              c, answerWith<runtime::Empty>(reply, [](auto&) { return empty(204); }));
                  }};
    } else if (is(0, "connectors") && n == 3 && is(2, "config")) {
        match = Match{
            {Method::Get, Method::Put, Method::Patch}, [&] {
                if (method == Method::Get) {
                    m_herder.connectorConfig(c, answerWith<ConfigMap>(ex.later(c), [](auto& config) {
                                                 return json(200, toJson(config));
                                             }));
                    return;
                }
                std::vector<std::string> nullKeys;
                const auto config = ex.configBody(nullKeys);
                if (!config)
                    return;
                if (method == Method::Put) {
                    if (const auto it = config->find("name"); it != config->end() && it->second != c) {
                        ex.now(error(
                            400, QStringLiteral("Connector name configuration (%1) doesn't match "
                                                "connector name in the URL (%2)")
                                     .arg(QString::fromStdString(it->second), QString::fromStdString(c))));
                        return;
                    }
                    if (!nullKeys.empty()) {
                        ex.now(
                            error(400, invalidConfigMessage(std::vector<std::string>(
                                           nullKeys.size(),
                                           "Null value can not be supplied as the configuration value."))));
                        return;
                    }
                    ConfigMap full = *config;
                    full["name"] = c;
                    const QByteArray location =
                        ex.baseUrl() + "/connectors/" + QUrl::toPercentEncoding(QString::fromStdString(c));
                    m_herder.putConnectorConfig(
                        c, full, std::nullopt, true,
                        answerWith<runtime::PutConfigOutcome>(ex.later(c), [location](auto& outcome) {
                            HttpAnswer answer = json(outcome.created ? 201 : 200, toJson(outcome.info));
                            if (outcome.created)
                                answer.headers.emplace_back("Location", location);
                            return answer;
                        }));
                    return;
                }
                // PATCH (§4.9): null removes a key. ConfigMap cannot say "remove", so
                // a patch with nulls is merged here and written as a full replacement.
                const Reply reply = ex.later(c);
                if (nullKeys.empty()) {
                    m_herder.patchConnectorConfig(c, *config,
                                                  answerWith<runtime::ConnectorInfo>(reply, [](auto& info) {
                                                      return json(200, toJson(info));
                                                  }));
                    return;
                }
                runtime::Herder& herder = m_herder;
                m_herder.connectorConfig(c, [reply, patch = *config, nullKeys, &herder,
                                             name = c](Result<ConfigMap> current) {
                    if (!current.ok() || !current.value) {
                        reply(current.error ? error(*current.error) : error(500, QString()));
                        return;
                    }
                    ConfigMap merged = *current.value;
                    for (const auto& key : nullKeys)
                        merged.erase(key);
                    for (const auto& [key, val] : patch)
                        merged[key] = val;
                    herder.putConnectorConfig(name, merged, std::nullopt, true,
                                              answerWith<runtime::PutConfigOutcome>(reply, [](auto& outcome) {
                                                  return json(200, toJson(outcome.info));
                                              }));
                });
            }};
    } else if (is(0, "connectors") && n == 3 && is(2, "status")) {
        match = Match{{Method::Get}, [&] {
                          m_herder.connectorStatus(
                              c, answerWith<runtime::ConnectorStateInfo>(
                                     ex.later(c), [](auto& status) { return json(200, toJson(status)); }));
                      }};
    } else if (is(0, "connectors") && n == 3 && is(2, "restart")) {
        match = Match{{Method::Post}, [&] {
                          const bool includeTasks = queryFlag(ex.query(), QStringLiteral("includeTasks"));
                          const bool onlyFailed = queryFlag(ex.query(), QStringLiteral("onlyFailed"));
                          m_herder.restartConnector(
                              c, includeTasks, onlyFailed,
                              answerWith<runtime::RestartOutcome>(
                                  ex.later(c), [includeTasks, onlyFailed](auto& outcome) {
                                      // §4.11: the legacy call is 204; with flags a 202 with the plan.
                                      if (!includeTasks && !onlyFailed)
                                          return empty(204);
                                      return outcome.status ? json(202, toJson(*outcome.status)) : empty(202);
                                  }));
                      }};
    } else if (is(0, "connectors") && n == 3 && (is(2, "pause") || is(2, "resume") || is(2, "stop"))) {
        match = Match{{Method::Put}, [&] {
                          const bool stop = is(2, "stop");
                          auto cb = answerWith<runtime::Empty>(
                              ex.later(c), [stop](auto&) { return empty(stop ? 204 : 202); });
                          if (is(2, "pause"))
                              m_herder.pauseConnector(c, std::move(cb));
                          else if (is(2, "resume"))
                              m_herder.resumeConnector(c, std::move(cb));
                          else
                              m_herder.stopConnector(c, std::move(cb));
                      }};
    } else if (is(0, "connectors") && n == 3 && is(2, "tasks")) {
        match = Match{
            {Method::Get, Method::Post}, [&] {
                if (method == Method::Post) {
                    // §2.3/§4.25: the internal endpoint exists but standalone refuses it.
                    ex.now(error(500, QStringLiteral("Kafka Connect in standalone mode does not support "
                                                     "externally setting task configurations.")));
                    return;
                }
                m_herder.taskConfigs(c,
                                     answerWith<std::vector<runtime::TaskInfo>>(ex.later(c), [](auto& tasks) {
                                         QJsonArray array;
                                         for (const auto& info : tasks)
                                             array.append(toJson(info));
                                         return json(200, array);
                                     }));
            }};
    } else if (is(0, "connectors") && n == 3 && is(2, "fence")) {
        match =
            Match{{Method::Put}, [&] {
                      ex.now(error(500, QStringLiteral("Kafka Connect in standalone mode does not support "
                                                       "exactly-once source connectors.")));
                  }};
    } else if (is(0, "connectors") && n == 5 && is(2, "tasks") && taskOk &&
               (is(4, "status") || is(4, "restart"))) {
        const bool status = is(4, "status");
        match = Match{
            {status ? Method::Get : Method::Post}, [&, status] {
                const runtime::TaskId id{c, task};
                if (status)
                    m_herder.taskStatus(id, answerWith<runtime::TaskStateEntry>(ex.later(c), [](auto& entry) {
                                            return json(200, toJson(entry));
                                        }));
                else
                    m_herder.restartTask(
                        id, answerWith<runtime::Empty>(ex.later(c), [](auto&) { return empty(204); }));
            }};
    } else if (is(0, "connectors") && n == 3 && is(2, "topics")) {
        match = Match{{Method::Get}, [&] {
                          const QString name = QString::fromStdString(c);
                          m_herder.activeTopics(
                              c, answerWith<std::vector<std::string>>(ex.later(c), [name](auto& topics) {
                                  return json(200, QJsonObject{{name, QJsonObject{{QStringLiteral("topics"),
                                                                                   toJson(topics)}}}});
                              }));
                      }};
    } else if (is(0, "connectors") && n == 4 && is(2, "topics") && is(3, "reset")) {
        match = Match{{Method::Put}, [&] {
                          m_herder.resetActiveTopics(
                              c, answerWith<runtime::Empty>(ex.later(c), [](auto&) { return empty(202); }));
                      }};
    } else if (is(0, "connectors") && n == 3 && is(2, "offsets")) {
        match = Match{
            {Method::Get, Method::Patch, Method::Delete}, [&] {
                const auto message = [](auto& text) {
                    return json(200, QJsonObject{{QStringLiteral("message"), QString::fromStdString(text)}});
                };
                if (method == Method::Get) {
                    m_herder.connectorOffsets(
                        c, answerWith<std::vector<runtime::ConnectorOffset>>(
                               ex.later(c), [](auto& offsets) { return json(200, offsetsToJson(offsets)); }));
                    return;
                }
                if (method == Method::Delete) {
                    m_herder.resetConnectorOffsets(c, answerWith<std::string>(ex.later(c), message));
                    return;
                }
                BodyError bodyError;
                const auto value = parseBody(
                    ex.body(), "org.apache.kafka.connect.runtime.rest.entities.ConnectorOffsets.offsets()",
                    bodyError);
                if (!value) {
                    ex.now(error(500, bodyError.message));
                    return;
                }
                if (!value->isObject() ||
                    !checkKnownFields(value->toObject(), {QStringLiteral("offsets")},
                                      "org.apache.kafka.connect.runtime.rest.entities.ConnectorOffsets",
                                      bodyError)) {
                    ex.now(error(500, bodyError.message.isEmpty()
                                          ? QStringLiteral("Cannot deserialize value of type `org.apache."
                                                           "kafka.connect.runtime.rest.entities."
                                                           "ConnectorOffsets` from Array value")
                                          : bodyError.message));
                    return;
                }
                const QJsonValue list = value->toObject().value(QStringLiteral("offsets"));
                if (!list.isUndefined() && !list.isNull() && !list.isArray()) {
                    ex.now(error(500, QStringLiteral("Cannot deserialize value of type `java.util.ArrayList"
                                                     "<org.apache.kafka.connect.runtime.rest.entities."
                                                     "ConnectorOffset>` from non-array value")));
                    return;
                }
                std::vector<runtime::ConnectorOffset> offsets;
                const QJsonArray entries = list.toArray();
                for (const auto& entry : entries) {
                    const QJsonObject object = entry.toObject();
                    if (!entry.isObject() ||
                        !checkKnownFields(object, {QStringLiteral("partition"), QStringLiteral("offset")},
                                          "org.apache.kafka.connect.runtime.rest.entities.ConnectorOffset",
                                          bodyError) ||
                        !(object.value(QStringLiteral("partition")).isObject() ||
                          object.value(QStringLiteral("partition")).isNull() ||
                          object.value(QStringLiteral("partition")).isUndefined()) ||
                        !(object.value(QStringLiteral("offset")).isObject() ||
                          object.value(QStringLiteral("offset")).isNull() ||
                          object.value(QStringLiteral("offset")).isUndefined())) {
                        ex.now(error(500, bodyError.message.isEmpty()
                                              ? QStringLiteral("Cannot deserialize value of type `java.util."
                                                               "Map<java.lang.String,java.lang.Object>` "
                                                               "from non-object value")
                                              : bodyError.message));
                        return;
                    }
                    const QJsonValue partition = object.value(QStringLiteral("partition"));
                    const QJsonValue offset = object.value(QStringLiteral("offset"));
                    offsets.push_back(runtime::ConnectorOffset{
                        partition.isObject() ? compact(partition.toObject()).toStdString() : "null",
                        offset.isObject() ? compact(offset.toObject()).toStdString() : "null"});
                }
                if (offsets.empty()) {
                    ex.now(error(400, QStringLiteral("Partitions / offsets need to be provided for an "
                                                     "alter offsets request")));
                    return;
                }
                m_herder.alterConnectorOffsets(c, offsets, answerWith<std::string>(ex.later(c), message));
            }};
    } else if (is(0, "connector-plugins") && n == 1) {
        match = Match{{Method::Get}, [&] {
                          // §4.21: connectorsOnly defaults to true; only "false" widens the list.
                          const QString flag = ex.query().queryItemValue(QStringLiteral("connectorsOnly"));
                          const bool connectorsOnly =
                              flag.isEmpty() || flag.compare(QLatin1String("true"), Qt::CaseInsensitive) == 0;
                          QJsonArray array;
                          for (const auto& plugin : m_herder.plugins(connectorsOnly))
                              array.append(toJson(plugin));
                          ex.now(json(200, array));
                      }};
    } else if (is(0, "connector-plugins") && n == 3 && is(2, "config")) {
        match = Match{{Method::Get}, [&] {
                          const auto result = m_herder.pluginConfig(seg[1]);
                          if (!result.ok() || !result.value) {
                              ex.now(result.error ? error(*result.error) : error(500, QString()));
                              return;
                          }
                          QJsonArray array;
                          for (const auto& key : *result.value)
                              array.append(toJson(key));
                          ex.now(json(200, array));
                      }};
    } else if (is(0, "connector-plugins") && n == 4 && is(2, "config") && is(3, "validate")) {
        match = Match{
            {Method::Put}, [&] {
                std::vector<std::string> nullKeys;
                const auto config = ex.configBody(nullKeys);
                if (!config)
                    return;
                const QString plugin = QString::fromStdString(seg[1]);
                if (const auto it = config->find("connector.class"); it != config->end()) {
                    const QString included = QString::fromStdString(it->second);
                    if (!normalizedPluginName(included).endsWith(normalizedPluginName(plugin))) {
                        ex.now(error(400, QStringLiteral("Included connector type %1 does not match request "
                                                         "type %2")
                                              .arg(included, plugin)));
                        return;
                    }
                } else {
                    // Apache 4.1 answers this one with a 500 whose message carries the wrapped
                    // exception's class (observed on the reference worker by tst_rest_conformance).
                    ex.now(error(500, QStringLiteral("org.apache.kafka.connect.runtime.rest.errors."
                                                     "BadRequestException: Connector config %1 contains no "
                                                     "connector type")
                                          .arg(javaMapString(*config))));
                    return;
                }
                const auto named = config->find("name");
                m_herder.validateConnectorConfig(
                    *config, answerWith<runtime::ConfigInfos>(
                                 ex.later(named == config->end() ? std::string() : named->second),
                                 [](auto& infos) { return json(200, toJson(infos)); }));
            }};
    } else if (n == 2 && is(0, "connectdesk") && is(1, "metrics")) {
        match = Match{
            {Method::Get}, [&] {
                const QString format = ex.query().queryItemValue(QStringLiteral("format"));
                if (!format.isEmpty() && format != QLatin1String("json") &&
                    format != QLatin1String("prometheus")) {
                    ex.now(error(
                        400,
                        QStringLiteral("Unknown metrics format %1: use json or prometheus.").arg(format)));
                    return;
                }
                const bool prometheus = format == QLatin1String("prometheus");
                m_herder.metrics(answerWith<runtime::MetricsReport>(ex.later(), [prometheus](auto& report) {
                    if (!prometheus)
                        return json(200, metricsJson(report));
                    return HttpAnswer{
                        200, metricsPrometheus(report), {}, "text/plain; version=0.0.4; charset=utf-8"};
                }));
            }};
    } else if (is(0, "admin") && is(1, "loggers") && (n == 2 || n == 3) && m_config.adminEndpointsEnabled) {
        const auto levelJson = [](const LoggerLevel& level) {
            return QJsonObject{{QStringLiteral("level"), QString::fromStdString(level.level)},
                               {QStringLiteral("last_modified"),
                                level.lastModified ? QJsonValue(static_cast<qint64>(*level.lastModified))
                                                   : QJsonValue(QJsonValue::Null)}};
        };
        if (n == 2) {
            match = Match{{Method::Get}, [&, levelJson] {
                              QJsonObject all;
                              for (const auto& [name, level] : m_loggers.loggers())
                                  all.insert(QString::fromStdString(name), levelJson(level));
                              ex.now(json(200, all));
                          }};
        } else {
            match = Match{
                {Method::Get, Method::Put}, [&, levelJson] {
                    const std::string name = seg[2];
                    if (method == Method::Get) {
                        const auto level = m_loggers.logger(name);
                        ex.now(level ? json(200, levelJson(*level))
                                     : error(404, QStringLiteral("Logger %1 not found.")
                                                      .arg(QString::fromStdString(name))));
                        return;
                    }
                    std::vector<std::string> nullKeys;
                    const auto body = ex.configBody(nullKeys);
                    if (!body)
                        return;
                    const auto it = body->find("level");
                    if (it == body->end()) {
                        ex.now(error(400, QStringLiteral("Desired 'level' parameter was not specified in "
                                                         "request.")));
                        return;
                    }
                    std::vector<std::string> changed;
                    if (!m_loggers.setLevel(name, it->second, changed)) {
                        // §2.5: an invalid level is a 404, not a 400.
                        ex.now(error(404, QStringLiteral("invalid log level '%1'.")
                                              .arg(QString::fromStdString(it->second))));
                        return;
                    }
                    const QString scope = ex.query().queryItemValue(QStringLiteral("scope"));
                    if (scope.compare(QLatin1String("cluster"), Qt::CaseInsensitive) == 0) {
                        ex.now(empty(204));
                        return;
                    }
                    ex.now(json(200, toJson(changed)));
                }};
        }
    }

    if (!match) {
        ex.now(jerseyError(404));
        return;
    }
    if (std::find(match->methods.begin(), match->methods.end(), method) == match->methods.end()) {
        ex.now(jerseyError(405));
        return;
    }
    const QByteArray contentType = request.value("Content-Type");
    if (match->consumesJson && !contentType.isEmpty() && !mediaTypeIsJson(contentType)) {
        ex.now(jerseyError(415));
        return;
    }
    if (!acceptsJson(request.value("Accept"))) {
        ex.now(jerseyError(406));
        return;
    }
    try {
        match->handler();
    } catch (const std::exception& failure) {
        // The catch-all mapper of §2.5: anything unexpected is a 500 with its message.
        spdlog::warn("REST request {} failed: {}", request.url().path().toStdString(), failure.what());
        ex.now(error(500, QString::fromUtf8(failure.what())));
    }
}

} // namespace connectdesk::rest
