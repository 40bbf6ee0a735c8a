// ClusterClient over HTTP(S) with QNetworkAccessManager: a remote Connect cluster, or the
// embedded worker's REST server on loopback.
#pragma once

#include "client/cluster_client.h"

#include <QByteArray>
#include <QUrl>
#include <QUrlQuery>

class QNetworkAccessManager;
class QNetworkReply;

namespace connectdesk::client {

struct RemoteEndpoint {
    QUrl baseUrl; // e.g. http://connect-1:8083 (§8.1 default port 8083)
    QString user; // Basic auth (§7.2) when not empty
    QString password;
    QString caCertificateFile;     // PEM; added to the system CAs
    QString clientCertificateFile; // PEM client certificate for ssl.client.auth
    QString clientKeyFile;         // PEM private key of that certificate
    QByteArray clientKeyPassphrase;
    int readTimeoutMs = 30'000;
    // §2.4: the worker itself waits up to 90 s on herder-backed writes; wait longer than that.
    int writeTimeoutMs = 100'000;
    // §8.1: reads answered 409 (rebalance in progress, §2.3) are retried this many times with a
    // doubling back-off from 250 ms; writes are never repeated behind the user's back.
    int conflictRetries = 3;
};

class RemoteClusterClient final : public ClusterClient {
    Q_OBJECT
public:
    explicit RemoteClusterClient(RemoteEndpoint endpoint, QObject* parent = nullptr);
    ~RemoteClusterClient() override;

    QString address() const override;
    const RemoteEndpoint& endpoint() const { return m_endpoint; }
    // Problems found loading certificate files (empty when fine); calls still go out without them.
    QString setupProblem() const { return m_setupProblem; }

    void serverInfo(QObject* context, Callback<ServerInfo> done) override;
    void health(QObject* context, Callback<WorkerHealth> done) override;
    void connectorNames(QObject* context, Callback<QStringList> done) override;
    void connectorsExpanded(QObject* context, Callback<QList<ConnectorOverview>> done) override;
    void connectorInfo(const QString& name, QObject* context, Callback<ConnectorInfo> done) override;
    void connectorConfig(const QString& name, QObject* context, Callback<ConnectorConfig> done) override;
    void connectorStatus(const QString& name, QObject* context, Callback<ConnectorStatus> done) override;
    void connectorTasks(const QString& name, QObject* context, Callback<QList<TaskInfo>> done) override;
    void taskStatus(const QString& name, int task, QObject* context, Callback<TaskState> done) override;
    void connectorTopics(const QString& name, QObject* context, Callback<QStringList> done) override;
    void resetConnectorTopics(const QString& name, QObject* context, Callback<Done> done) override;
    void connectorOffsets(const QString& name, QObject* context, Callback<ConnectorOffsets> done) override;
    void createConnector(const QString& name, const ConnectorConfig& config, InitialState initialState,
                         QObject* context, Callback<ConnectorInfo> done) override;
    void putConnectorConfig(const QString& name, const ConnectorConfig& config, QObject* context,
                            Callback<ConnectorInfo> done) override;
    void patchConnectorConfig(const QString& name, const QMap<QString, std::optional<QString>>& patch,
                              QObject* context, Callback<ConnectorInfo> done) override;
    void restartConnector(const QString& name, RestartOptions options, QObject* context,
                          Callback<RestartResult> done) override;
    void restartTask(const QString& name, int task, QObject* context, Callback<Done> done) override;
    void pauseConnector(const QString& name, QObject* context, Callback<Done> done) override;
    void resumeConnector(const QString& name, QObject* context, Callback<Done> done) override;
    void stopConnector(const QString& name, QObject* context, Callback<Done> done) override;
    void deleteConnector(const QString& name, QObject* context, Callback<Done> done) override;
    void alterOffsets(const QString& name, const ConnectorOffsets& offsets, QObject* context,
                      Callback<QString> done) override;
    void resetOffsets(const QString& name, QObject* context, Callback<QString> done) override;
    void connectorPlugins(bool connectorsOnly, QObject* context, Callback<QList<PluginInfo>> done) override;
    void pluginConfig(const QString& plugin, QObject* context, Callback<QList<ConfigKeyInfo>> done) override;
    void validateConfig(const QString& plugin, const ConnectorConfig& config, QObject* context,
                        Callback<ConfigInfos> done) override;
    void loggers(QObject* context, Callback<QMap<QString, LoggerLevel>> done) override;
    void logger(const QString& name, QObject* context, Callback<LoggerLevel> done) override;
    void setLoggerLevel(const QString& name, const QString& level, LoggerScope scope, QObject* context,
                        Callback<QStringList> done) override;

private:
    struct Call {
        QByteArray method;
        QString path; // already percent-encoded, starting with '/'
        QUrlQuery query;
        QByteArray body;                // sent with Content-Type: application/json when not empty
        bool write = false;             // picks the long timeout
        bool errorBodyIsResult = false; // health: 503/500 still carry the answer
    };
    // Parses a 2xx body (or any body when errorBodyIsResult) on the calling thread or, when large,
    // on a pool thread; `done` always runs on the caller's thread.
    using RawHandler = std::function<void(int status, const QByteArray& body, const ClientError* error)>;
    void send(const Call& call, QObject* context, RawHandler handler, int attempt = 0);
    template <class T, class Parse>
    void sendParsed(const Call& call, QObject* context, Callback<T> done, Parse parse);
    void sendEmpty(const Call& call, QObject* context, Callback<Done> done);

    QUrl urlFor(const QString& path, const QUrlQuery& query) const;
    static QString segment(const QString& name);

    RemoteEndpoint m_endpoint;
    QNetworkAccessManager* m_network = nullptr;
    QByteArray m_authorization;
    QString m_setupProblem;
    bool m_useTls = false;
    struct TlsState;
    std::unique_ptr<TlsState> m_tls;
};

} // namespace connectdesk::client
