#include "client/remote_cluster_client.h"

#include "client/rest_entities.h"

#include <QFile>
#include <QFuture>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

namespace connectdesk::client {

namespace {

// Bodies above this size are parsed on a pool thread so a 1,000-connector expand answer does not
// stall the GUI thread (docs/console.md has the figures).
constexpr qsizetype kOffThreadParseBytes = qsizetype{64} * 1024;

ClientError::Transport transportOf(QNetworkReply::NetworkError error)
{
    switch (error) {
    case QNetworkReply::ConnectionRefusedError:
        return ClientError::Transport::Refused;
    case QNetworkReply::HostNotFoundError:
        return ClientError::Transport::HostNotFound;
    // Qt reports an expired transfer timeout as OperationCanceledError; this client never aborts a
    // reply it still listens to.
    case QNetworkReply::TimeoutError:
    case QNetworkReply::OperationCanceledError:
        return ClientError::Transport::Timeout;
    case QNetworkReply::SslHandshakeFailedError:
        return ClientError::Transport::Tls;
    default:
        return ClientError::Transport::Other;
    }
}

QByteArray toJson(const QJsonObject& object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

// Adapts a body-only parser to the (status, body, error) shape used by sendParsed.
template <class F>
auto bodyOnly(F parse)
{
    return [parse](int, const QByteArray& body, QString* error) { return parse(body, error); };
}

} // namespace

struct RemoteClusterClient::TlsState {
    QSslConfiguration configuration;
};

RemoteClusterClient::RemoteClusterClient(RemoteEndpoint endpoint, QObject* parent)
    : ClusterClient(parent), m_endpoint(std::move(endpoint)), m_network(new QNetworkAccessManager(this))
{
    if (!m_endpoint.user.isEmpty()) {
        // Connect's basic-auth extension answers 401 without a WWW-Authenticate challenge (§7.2),
        // so the credentials must be sent up front.
        m_authorization =
            "Basic " + (m_endpoint.user + QLatin1Char(':') + m_endpoint.password).toUtf8().toBase64();
    }
    if (m_endpoint.baseUrl.scheme().compare(QLatin1String("https"), Qt::CaseInsensitive) == 0) {
        m_tls = std::make_unique<TlsState>();
        m_tls->configuration = QSslConfiguration::defaultConfiguration();
        QStringList problems;
        if (!m_endpoint.caCertificateFile.isEmpty()) {
            const auto cas = QSslCertificate::fromPath(m_endpoint.caCertificateFile, QSsl::Pem);
            if (cas.isEmpty())
                problems << tr("no PEM certificate could be read from %1").arg(m_endpoint.caCertificateFile);
            else
                m_tls->configuration.addCaCertificates(cas);
        }
        if (!m_endpoint.clientCertificateFile.isEmpty()) {
            const auto certs = QSslCertificate::fromPath(m_endpoint.clientCertificateFile, QSsl::Pem);
            QFile keyFile(m_endpoint.clientKeyFile.isEmpty() ? m_endpoint.clientCertificateFile
                                                             : m_endpoint.clientKeyFile);
            QSslKey key;
            if (keyFile.open(QIODevice::ReadOnly)) {
                const QByteArray pem = keyFile.readAll();
                for (QSsl::KeyAlgorithm algorithm : {QSsl::Rsa, QSsl::Ec, QSsl::Dsa}) {
                    key =
                        QSslKey(pem, algorithm, QSsl::Pem, QSsl::PrivateKey, m_endpoint.clientKeyPassphrase);
                    if (!key.isNull())
                        break;
                }
            }
            if (certs.isEmpty())
                problems
                    << tr("no PEM certificate could be read from %1").arg(m_endpoint.clientCertificateFile);
            else if (key.isNull())
                problems << tr("no private key could be read from %1").arg(keyFile.fileName());
            else {
                m_tls->configuration.setLocalCertificate(certs.first());
                m_tls->configuration.setPrivateKey(key);
            }
        }
        m_setupProblem = problems.join(QStringLiteral("; "));
    }
}

RemoteClusterClient::~RemoteClusterClient()
{
    // Replies die with the network manager; make sure none of them calls back into a half-destroyed
    // client.
    const auto replies = m_network->findChildren<QNetworkReply*>();
    for (QNetworkReply* reply : replies) {
        reply->disconnect(this);
        reply->abort();
    }
}

QString RemoteClusterClient::address() const
{
    return displayAddress(m_endpoint.baseUrl);
}

QString RemoteClusterClient::segment(const QString& name)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(name));
}

QUrl RemoteClusterClient::urlFor(const QString& path, const QUrlQuery& query) const
{
    QUrl url = m_endpoint.baseUrl;
    QString base = url.path(QUrl::FullyEncoded);
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    url.setPath(base + path, QUrl::TolerantMode);
    url.setQuery(query);
    return url;
}

void RemoteClusterClient::send(const Call& call, QObject* context, RawHandler handler, int attempt)
{
    const QUrl url = urlFor(call.path, call.query);
    QNetworkRequest request(url);
    // §2.2 / §8.1: JSON both ways, always.
    request.setRawHeader("Accept", "application/json");
    if (!call.body.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    if (!m_authorization.isEmpty())
        request.setRawHeader("Authorization", m_authorization);
    const int timeoutMs = call.write ? m_endpoint.writeTimeoutMs : m_endpoint.readTimeoutMs;
    request.setTransferTimeout(timeoutMs);
    if (m_tls)
        request.setSslConfiguration(m_tls->configuration);

    QNetworkReply* reply = m_network->sendCustomRequest(request, call.method, call.body);
    const QPointer<QObject> guard(context);
    const bool hasContext = context != nullptr;
    const bool errorBodyIsResult = call.errorBodyIsResult;
    connect(reply, &QNetworkReply::finished, this,
            [this, call, attempt, reply, guard, hasContext, handler = std::move(handler), url, timeoutMs,
             errorBodyIsResult] {
                reply->deleteLater();
                if (hasContext && !guard)
                    return;
                const QVariant statusAttribute = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
                const int status = statusAttribute.isValid() ? statusAttribute.toInt() : 0;
                const QByteArray body = reply->readAll();
                if (status == 0) {
                    const ClientError error = ClientError::fromTransport(
                        transportOf(reply->error()), reply->errorString(), url, timeoutMs);
                    handler(0, body, &error);
                    return;
                }
                bool success = status >= 200 && status < 300;
                if (!success && errorBodyIsResult && (status == 500 || status == 503)) {
                    // §4.2: health answers 503/500 with a WorkerStatus, not an error body.
                    success = QJsonDocument::fromJson(body).object().contains(QLatin1String("status"));
                }
                if (status == 409 && call.method == "GET" && attempt < m_endpoint.conflictRetries) {
                    QTimer::singleShot(250 << attempt, this,
                                       [this, call, guard, hasContext, handler, attempt] {
                                           if (!hasContext || guard)
                                               send(call, guard.data(), handler, attempt + 1);
                                       });
                    return;
                }
                if (success) {
                    handler(status, body, nullptr);
                } else {
                    const ClientError error = ClientError::fromHttp(status, body, url);
                    handler(status, body, &error);
                }
            });
}

template <class T, class Parse>
void RemoteClusterClient::sendParsed(const Call& call, QObject* context, Callback<T> done, Parse parse)
{
    const QUrl url = urlFor(call.path, call.query);
    QObject* continuationContext = context ? context : this;
    send(call, context,
         [done = std::move(done), parse, url, continuationContext](int status, const QByteArray& body,
                                                                   const ClientError* error) {
             if (error) {
                 done(Result<T>::failure(*error));
                 return;
             }
             auto work = [parse, status, body, url]() {
                 QString problem;
                 std::optional<T> value = parse(status, body, &problem);
                 if (!value)
                     return Result<T>::failure(ClientError::badResponse(problem, url));
                 return Result<T>::success(std::move(*value));
             };
             if (body.size() < kOffThreadParseBytes) {
                 done(work());
                 return;
             }
             QtConcurrent::run(work).then(continuationContext,
                                          [done](const Result<T>& result) { done(result); });
         });
}

void RemoteClusterClient::sendEmpty(const Call& call, QObject* context, Callback<Done> done)
{
    send(call, context, [done = std::move(done)](int, const QByteArray&, const ClientError* error) {
        done(error ? Result<Done>::failure(*error) : Result<Done>::success(Done{}));
    });
}

void RemoteClusterClient::serverInfo(QObject* context, Callback<ServerInfo> done)
{
    sendParsed(Call{"GET", QStringLiteral("/"), {}, {}, false, false}, context, std::move(done),
               bodyOnly(rest::parseServerInfo));
}

void RemoteClusterClient::health(QObject* context, Callback<WorkerHealth> done)
{
    sendParsed(Call{"GET", QStringLiteral("/health"), {}, {}, false, true}, context, std::move(done),
               rest::parseHealth);
}

void RemoteClusterClient::connectorNames(QObject* context, Callback<QStringList> done)
{
    sendParsed(Call{"GET", QStringLiteral("/connectors"), {}, {}, false, false}, context, std::move(done),
               bodyOnly(rest::parseConnectorNames));
}

void RemoteClusterClient::connectorsExpanded(QObject* context, Callback<QList<ConnectorOverview>> done)
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("expand"), QStringLiteral("status"));
    query.addQueryItem(QStringLiteral("expand"), QStringLiteral("info"));
    sendParsed(Call{"GET", QStringLiteral("/connectors"), query, {}, false, false}, context, std::move(done),
               bodyOnly(rest::parseExpandedConnectors));
}

void RemoteClusterClient::connectorInfo(const QString& name, QObject* context, Callback<ConnectorInfo> done)
{
    sendParsed(Call{"GET", QStringLiteral("/connectors/") + segment(name), {}, {}, false, false}, context,
               std::move(done), bodyOnly(rest::parseConnectorInfo));
}

void RemoteClusterClient::connectorConfig(const QString& name, QObject* context,
                                          Callback<ConnectorConfig> done)
{
    sendParsed(Call{"GET", QStringLiteral("/connectors/%1/config").arg(segment(name)), {}, {}, false, false},
               context, std::move(done), bodyOnly(rest::parseConnectorConfig));
}

void RemoteClusterClient::connectorStatus(const QString& name, QObject* context,
                                          Callback<ConnectorStatus> done)
{
    sendParsed(Call{"GET", QStringLiteral("/connectors/%1/status").arg(segment(name)), {}, {}, false, false},
               context, std::move(done), bodyOnly(rest::parseConnectorStatus));
}

void RemoteClusterClient::connectorTasks(const QString& name, QObject* context,
                                         Callback<QList<TaskInfo>> done)
{
    // §1 item 1: `GET …/tasks` works on every version; `tasks-config` is gone in 4.0.
    sendParsed(Call{"GET", QStringLiteral("/connectors/%1/tasks").arg(segment(name)), {}, {}, false, false},
               context, std::move(done), bodyOnly(rest::parseTasks));
}

void RemoteClusterClient::taskStatus(const QString& name, int task, QObject* context,
                                     Callback<TaskState> done)
{
    sendParsed(Call{"GET",
                    QStringLiteral("/connectors/%1/tasks/%2/status").arg(segment(name)).arg(task),
                    {},
                    {},
                    false,
                    false},
               context, std::move(done), bodyOnly(rest::parseTaskState));
}

void RemoteClusterClient::connectorTopics(const QString& name, QObject* context, Callback<QStringList> done)
{
    sendParsed(Call{"GET", QStringLiteral("/connectors/%1/topics").arg(segment(name)), {}, {}, false, false},
               context, std::move(done), [name](int, const QByteArray& body, QString* error) {
                   return rest::parseTopics(name, body, error);
               });
}

void RemoteClusterClient::resetConnectorTopics(const QString& name, QObject* context, Callback<Done> done)
{
    sendEmpty(
        Call{"PUT", QStringLiteral("/connectors/%1/topics/reset").arg(segment(name)), {}, {}, true, false},
        context, std::move(done));
}

void RemoteClusterClient::connectorOffsets(const QString& name, QObject* context,
                                           Callback<ConnectorOffsets> done)
{
    sendParsed(Call{"GET", QStringLiteral("/connectors/%1/offsets").arg(segment(name)), {}, {}, false, false},
               context, std::move(done), bodyOnly(rest::parseOffsets));
}

void RemoteClusterClient::createConnector(const QString& name, const ConnectorConfig& config,
                                          InitialState initialState, QObject* context,
                                          Callback<ConnectorInfo> done)
{
    // §3.6: send only documented fields; `initial_state` only when asked for (3.7+).
    QJsonObject body{{QLatin1String("name"), name}, {QLatin1String("config"), rest::configToJson(config)}};
    switch (initialState) {
    case InitialState::Default:
        break;
    case InitialState::Running:
        body.insert(QLatin1String("initial_state"), QStringLiteral("RUNNING"));
        break;
    case InitialState::Paused:
        body.insert(QLatin1String("initial_state"), QStringLiteral("PAUSED"));
        break;
    case InitialState::Stopped:
        body.insert(QLatin1String("initial_state"), QStringLiteral("STOPPED"));
        break;
    }
    sendParsed(Call{"POST", QStringLiteral("/connectors"), {}, toJson(body), true, false}, context,
               std::move(done), bodyOnly(rest::parseConnectorInfo));
}

void RemoteClusterClient::putConnectorConfig(const QString& name, const ConnectorConfig& config,
                                             QObject* context, Callback<ConnectorInfo> done)
{
    sendParsed(Call{"PUT",
                    QStringLiteral("/connectors/%1/config").arg(segment(name)),
                    {},
                    toJson(rest::configToJson(config)),
                    true,
                    false},
               context, std::move(done), bodyOnly(rest::parseConnectorInfo));
}

void RemoteClusterClient::patchConnectorConfig(const QString& name,
                                               const QMap<QString, std::optional<QString>>& patch,
                                               QObject* context, Callback<ConnectorInfo> done)
{
    QJsonObject body;
    for (auto it = patch.begin(); it != patch.end(); ++it)
        body.insert(it.key(), it.value() ? QJsonValue(*it.value()) : QJsonValue(QJsonValue::Null));
    sendParsed(Call{"PATCH",
                    QStringLiteral("/connectors/%1/config").arg(segment(name)),
                    {},
                    toJson(body),
                    true,
                    false},
               context, std::move(done), bodyOnly(rest::parseConnectorInfo));
}

void RemoteClusterClient::restartConnector(const QString& name, RestartOptions options, QObject* context,
                                           Callback<RestartResult> done)
{
    QUrlQuery query;
    if (options.includeTasks)
        query.addQueryItem(QStringLiteral("includeTasks"), QStringLiteral("true"));
    if (options.onlyFailed)
        query.addQueryItem(QStringLiteral("onlyFailed"), QStringLiteral("true"));
    // §4.11: 204 without a body for the plain call, 202 with the restart plan otherwise.
    sendParsed(
        Call{"POST", QStringLiteral("/connectors/%1/restart").arg(segment(name)), query, {}, true, false},
        context, std::move(done),
        [](int status, const QByteArray& body, QString* error) -> std::optional<RestartResult> {
            if (status == 204 || body.trimmed().isEmpty())
                return RestartResult{};
            auto plan = rest::parseConnectorStatus(body, error);
            if (!plan)
                return std::nullopt;
            return RestartResult{std::move(plan)};
        });
}

void RemoteClusterClient::restartTask(const QString& name, int task, QObject* context, Callback<Done> done)
{
    sendEmpty(Call{"POST",
                   QStringLiteral("/connectors/%1/tasks/%2/restart").arg(segment(name)).arg(task),
                   {},
                   {},
                   true,
                   false},
              context, std::move(done));
}

void RemoteClusterClient::pauseConnector(const QString& name, QObject* context, Callback<Done> done)
{
    sendEmpty(Call{"PUT", QStringLiteral("/connectors/%1/pause").arg(segment(name)), {}, {}, true, false},
              context, std::move(done));
}

void RemoteClusterClient::resumeConnector(const QString& name, QObject* context, Callback<Done> done)
{
    sendEmpty(Call{"PUT", QStringLiteral("/connectors/%1/resume").arg(segment(name)), {}, {}, true, false},
              context, std::move(done));
}

void RemoteClusterClient::stopConnector(const QString& name, QObject* context, Callback<Done> done)
{
    sendEmpty(Call{"PUT", QStringLiteral("/connectors/%1/stop").arg(segment(name)), {}, {}, true, false},
              context, std::move(done));
}

void RemoteClusterClient::deleteConnector(const QString& name, QObject* context, Callback<Done> done)
{
    sendEmpty(Call{"DELETE", QStringLiteral("/connectors/") + segment(name), {}, {}, true, false}, context,
              std::move(done));
}

void RemoteClusterClient::alterOffsets(const QString& name, const ConnectorOffsets& offsets, QObject* context,
                                       Callback<QString> done)
{
    sendParsed(Call{"PATCH",
                    QStringLiteral("/connectors/%1/offsets").arg(segment(name)),
                    {},
                    toJson(rest::offsetsToJson(offsets)),
                    true,
                    false},
               context, std::move(done), bodyOnly(rest::parseMessage));
}

void RemoteClusterClient::resetOffsets(const QString& name, QObject* context, Callback<QString> done)
{
    sendParsed(
        Call{"DELETE", QStringLiteral("/connectors/%1/offsets").arg(segment(name)), {}, {}, true, false},
        context, std::move(done), bodyOnly(rest::parseMessage));
}

void RemoteClusterClient::connectorPlugins(bool connectorsOnly, QObject* context,
                                           Callback<QList<PluginInfo>> done)
{
    QUrlQuery query;
    // §4.21: the default is true; say false explicitly to get every plugin kind.
    if (!connectorsOnly)
        query.addQueryItem(QStringLiteral("connectorsOnly"), QStringLiteral("false"));
    sendParsed(Call{"GET", QStringLiteral("/connector-plugins"), query, {}, false, false}, context,
               std::move(done), bodyOnly(rest::parsePlugins));
}

void RemoteClusterClient::pluginConfig(const QString& plugin, QObject* context,
                                       Callback<QList<ConfigKeyInfo>> done)
{
    sendParsed(
        Call{
            "GET", QStringLiteral("/connector-plugins/%1/config").arg(segment(plugin)), {}, {}, false, false},
        context, std::move(done), bodyOnly(rest::parseConfigKeys));
}

void RemoteClusterClient::validateConfig(const QString& plugin, const ConnectorConfig& config,
                                         QObject* context, Callback<ConfigInfos> done)
{
    // §4.23: the body must carry connector.class; the path is only a consistency check.
    ConnectorConfig body = config;
    if (!body.contains(QStringLiteral("connector.class")))
        body.insert(QStringLiteral("connector.class"), plugin);
    sendParsed(Call{"PUT",
                    QStringLiteral("/connector-plugins/%1/config/validate").arg(segment(plugin)),
                    {},
                    toJson(rest::configToJson(body)),
                    true,
                    false},
               context, std::move(done), bodyOnly(rest::parseConfigInfos));
}

void RemoteClusterClient::loggers(QObject* context, Callback<QMap<QString, LoggerLevel>> done)
{
    sendParsed(Call{"GET", QStringLiteral("/admin/loggers"), {}, {}, false, false}, context, std::move(done),
               bodyOnly(rest::parseLoggers));
}

void RemoteClusterClient::logger(const QString& name, QObject* context, Callback<LoggerLevel> done)
{
    sendParsed(Call{"GET", QStringLiteral("/admin/loggers/") + segment(name), {}, {}, false, false}, context,
               std::move(done), bodyOnly(rest::parseLoggerLevel));
}

void RemoteClusterClient::setLoggerLevel(const QString& name, const QString& level, LoggerScope scope,
                                         QObject* context, Callback<QStringList> done)
{
    QUrlQuery query;
    if (scope == LoggerScope::Cluster)
        query.addQueryItem(QStringLiteral("scope"), QStringLiteral("cluster"));
    const QByteArray body = toJson(QJsonObject{{QLatin1String("level"), level}});
    // §4.24: worker scope answers 200 with the affected names, cluster scope 204 without a body.
    sendParsed(Call{"PUT", QStringLiteral("/admin/loggers/") + segment(name), query, body, true, false},
               context, std::move(done),
               [](int status, const QByteArray& payload, QString* error) -> std::optional<QStringList> {
                   if (status == 204 || payload.trimmed().isEmpty())
                       return QStringList{};
                   return rest::parseStringArray(payload, error);
               });
}

} // namespace connectdesk::client
