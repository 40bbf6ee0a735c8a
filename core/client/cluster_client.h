// The one asynchronous interface through which the console talks to a Kafka Connect cluster
// (remote, or the embedded worker over its loopback REST server): every endpoint of
// spec/connect-rest-api.md §4 with typed results.
//
// Every call returns at once and later invokes `done` exactly once, on the thread the call was
// made from, unless `context` has been destroyed by then (the call is then dropped silently).
// Nothing ever blocks the caller's thread.
#pragma once

#include "client/client_error.h"
#include "client/cluster_types.h"

#include <QObject>
#include <QPointer>

#include <functional>
#include <optional>

namespace connectdesk::client {

// Either a value or an error.
template <class T>
struct Result {
    std::optional<T> value;
    ClientError error;

    bool ok() const { return value.has_value(); }
    static Result success(T v)
    {
        Result r;
        r.value = std::move(v);
        return r;
    }
    static Result failure(const ClientError& e)
    {
        Result r;
        r.error = e;
        return r;
    }
};

template <class T>
using Callback = std::function<void(const Result<T>&)>;

class ClusterClient : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;
    ~ClusterClient() override = default;

    // Where the calls go, for display ("http://host:8083").
    virtual QString address() const = 0;

    // §4.1, §4.2
    virtual void serverInfo(QObject* context, Callback<ServerInfo> done) = 0;
    virtual void health(QObject* context, Callback<WorkerHealth> done) = 0;

    // §4.3: the names alone, or everything in one round trip (expand=status&expand=info), sorted by
    // name. Large answers are parsed off the caller's thread.
    virtual void connectorNames(QObject* context, Callback<QStringList> done) = 0;
    virtual void connectorsExpanded(QObject* context, Callback<QList<ConnectorOverview>> done) = 0;

    // §4.6, §4.7, §4.10, §4.15, §4.17, §4.19, §4.20
    virtual void connectorInfo(const QString& name, QObject* context, Callback<ConnectorInfo> done) = 0;
    virtual void connectorConfig(const QString& name, QObject* context, Callback<ConnectorConfig> done) = 0;
    virtual void connectorStatus(const QString& name, QObject* context, Callback<ConnectorStatus> done) = 0;
    virtual void connectorTasks(const QString& name, QObject* context, Callback<QList<TaskInfo>> done) = 0;
    virtual void taskStatus(const QString& name, int task, QObject* context, Callback<TaskState> done) = 0;
    virtual void connectorTopics(const QString& name, QObject* context, Callback<QStringList> done) = 0;
    virtual void resetConnectorTopics(const QString& name, QObject* context, Callback<Done> done) = 0;
    virtual void connectorOffsets(const QString& name, QObject* context, Callback<ConnectorOffsets> done) = 0;

    // §4.4 (initial_state 3.7+), §4.8 (bool: true when created), §4.9 (3.8+)
    virtual void createConnector(const QString& name, const ConnectorConfig& config,
                                 InitialState initialState, QObject* context,
                                 Callback<ConnectorInfo> done) = 0;
    virtual void putConnectorConfig(const QString& name, const ConnectorConfig& config, QObject* context,
                                    Callback<ConnectorInfo> done) = 0;
    // Values set to nullopt remove the key (§4.9).
    virtual void patchConnectorConfig(const QString& name, const QMap<QString, std::optional<QString>>& patch,
                                      QObject* context, Callback<ConnectorInfo> done) = 0;

    // §4.11–§4.14, §4.18
    virtual void restartConnector(const QString& name, RestartOptions options, QObject* context,
                                  Callback<RestartResult> done) = 0;
    virtual void restartTask(const QString& name, int task, QObject* context, Callback<Done> done) = 0;
    virtual void pauseConnector(const QString& name, QObject* context, Callback<Done> done) = 0;
    virtual void resumeConnector(const QString& name, QObject* context, Callback<Done> done) = 0;
    virtual void stopConnector(const QString& name, QObject* context, Callback<Done> done) = 0;
    virtual void deleteConnector(const QString& name, QObject* context, Callback<Done> done) = 0;

    // §4.20 (3.6+): the answer is Connect's Message sentence.
    virtual void alterOffsets(const QString& name, const ConnectorOffsets& offsets, QObject* context,
                              Callback<QString> done) = 0;
    virtual void resetOffsets(const QString& name, QObject* context, Callback<QString> done) = 0;

    // §4.21–§4.23
    virtual void connectorPlugins(bool connectorsOnly, QObject* context,
                                  Callback<QList<PluginInfo>> done) = 0;
    virtual void pluginConfig(const QString& plugin, QObject* context,
                              Callback<QList<ConfigKeyInfo>> done) = 0;
    virtual void validateConfig(const QString& plugin, const ConnectorConfig& config, QObject* context,
                                Callback<ConfigInfos> done) = 0;

    // §4.24: PUT answers the affected logger names (worker scope) or nothing (cluster scope).
    virtual void loggers(QObject* context, Callback<QMap<QString, LoggerLevel>> done) = 0;
    virtual void logger(const QString& name, QObject* context, Callback<LoggerLevel> done) = 0;
    virtual void setLoggerLevel(const QString& name, const QString& level, LoggerScope scope,
                                QObject* context, Callback<QStringList> done) = 0;
};

} // namespace connectdesk::client
