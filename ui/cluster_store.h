// The remote clusters the user has added, kept with QSettings; their passwords go to the system
// keychain (QtKeychain) and never to the settings file or the log.
#pragma once

#include "client/remote_cluster_client.h"

#include <QObject>
#include <QSettings>
#include <QString>
#include <QUuid>

#include <functional>

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

    client::RemoteEndpoint endpoint(const QString& password) const;
};

class ClusterStore : public QObject {
    Q_OBJECT
public:
    // `settings` may be injected (tests use an INI file in a temp dir).
    explicit ClusterStore(std::unique_ptr<QSettings> settings = {}, QObject* parent = nullptr);
    ~ClusterStore() override;

    const QList<ClusterProfile>& profiles() const { return m_profiles; }
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

Q_SIGNALS:
    void profilesChanged();
    void keychainUnavailable(const QString& reason);

private:
    void load();
    void store();

    std::unique_ptr<QSettings> m_settings;
    QList<ClusterProfile> m_profiles;
    QHash<QString, QString> m_sessionPasswords;
    QString m_keychainProblem;
};

} // namespace connectdesk::ui
