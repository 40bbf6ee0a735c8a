// The remote clusters the user has added, kept with QSettings; their passwords (REST and secret
// Kafka client properties) go to the system keychain (QtKeychain), never to the settings file or
// the log.
#pragma once

#include "client/remote_cluster_client.h"

#include <QMap>
#include <QObject>
#include <QSettings>
#include <QString>
#include <QUuid>

#include <functional>
#include <map>
#include <string>

namespace connectdesk::ui {

struct ClusterProfile {
    QString id; // stable key for settings and keychain
    QString name;
    QString url;
    QString user;
    QString caCertificateFile;
    QString clientCertificateFile;
    QString clientKeyFile;
    int refreshSeconds = 5;
    // The Kafka cluster behind the Connect cluster (optional): for readers of its internal topics
    // and data topics. Properties use librdkafka names (security.protocol, sasl.mechanism,
    // sasl.username, ssl.ca.location, ...). Secret ones (isSecretProperty) are not kept here but in
    // the keychain: ClusterStore::readKafkaSecrets.
    QString kafkaBootstrap;
    QMap<QString, QString> kafkaProperties;
    // Names of the worker's internal topics (status.storage.topic etc. of the Connect cluster).
    QString statusTopic = QStringLiteral("connect-status");
    QString configTopic = QStringLiteral("connect-configs");
    QString offsetsTopic = QStringLiteral("connect-offsets");

    client::RemoteEndpoint endpoint(const QString& password) const;
    // The librdkafka configuration: bootstrap.servers, the properties, then `secrets` over them.
    std::map<std::string, std::string> kafkaConfig(const QMap<QString, QString>& secrets = {}) const;
    // True for property names whose values are secrets (contain "password" or "secret").
    static bool isSecretProperty(const QString& key);
};

class ClusterStore : public QObject {
    Q_OBJECT
public:
    // `settings` may be injected (tests use an INI file in a temp dir).
    explicit ClusterStore(std::unique_ptr<QSettings> settings = {}, QObject* parent = nullptr);
    ~ClusterStore() override;

    const QList<ClusterProfile>& profiles() const { return m_profiles; }
    // The settings file itself, for other console settings (the embedded worker's).
    QSettings& settings() { return *m_settings; }
    // Adds (id empty → new id) or replaces by id, then saves.
    QString save(ClusterProfile profile);
    void remove(const QString& id);

    // Passwords are read asynchronously from the keychain; `done` gets an empty string when none
    // is stored or no keychain is available. Passwords written while no keychain is available are
    // kept in memory for this session only.
    void readPassword(const QString& id, QObject* context, std::function<void(const QString&)> done);
    void writePassword(const QString& id, const QString& password);
    // Why the keychain could not be used, empty when it works (shown once in the status bar).
    QString keychainProblem() const { return m_keychainProblem; }

    // The secret Kafka client properties of a cluster, kept together as one keychain entry (same
    // fallback as passwords). `done` gets an empty map when none are stored.
    void readKafkaSecrets(const QString& id, QObject* context,
                          std::function<void(const QMap<QString, QString>&)> done);
    void writeKafkaSecrets(const QString& id, const QMap<QString, QString>& secrets);

Q_SIGNALS:
    void profilesChanged();
    void keychainUnavailable(const QString& reason);

private:
    void load();
    void store();
    void readEntry(const QString& key, QObject* context, std::function<void(const QString&)> done);
    void writeEntry(const QString& key, const QString& value, const QString& what);

    std::unique_ptr<QSettings> m_settings;
    QList<ClusterProfile> m_profiles;
    QHash<QString, QString> m_sessionPasswords;
    QString m_keychainProblem;
};

} // namespace connectdesk::ui
