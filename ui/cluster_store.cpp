#include "cluster_store.h"

#include <qt6keychain/keychain.h>

#include <QPointer>

namespace connectdesk::ui {

namespace {

const QString kService = QStringLiteral("ConnectDesk");

QString keychainKey(const QString& id)
{
    return QStringLiteral("cluster/") + id;
}

} // namespace

client::RemoteEndpoint ClusterProfile::endpoint(const QString& password) const
{
    client::RemoteEndpoint endpoint;
    endpoint.baseUrl = QUrl::fromUserInput(url);
    endpoint.user = user;
    endpoint.password = password;
    endpoint.caCertificateFile = caCertificateFile;
    endpoint.clientCertificateFile = clientCertificateFile;
    endpoint.clientKeyFile = clientKeyFile;
    return endpoint;
}

ClusterStore::ClusterStore(std::unique_ptr<QSettings> settings, QObject* parent)
    : QObject(parent), m_settings(settings ? std::move(settings) : std::make_unique<QSettings>())
{
    load();
}

ClusterStore::~ClusterStore() = default;

void ClusterStore::load()
{
    m_profiles.clear();
    const int count = m_settings->beginReadArray(QStringLiteral("clusters"));
    for (int i = 0; i < count; ++i) {
        m_settings->setArrayIndex(i);
        ClusterProfile p;
        p.id = m_settings->value(QStringLiteral("id")).toString();
        p.name = m_settings->value(QStringLiteral("name")).toString();
        p.url = m_settings->value(QStringLiteral("url")).toString();
        p.user = m_settings->value(QStringLiteral("user")).toString();
        p.caCertificateFile = m_settings->value(QStringLiteral("caCertificateFile")).toString();
        p.clientCertificateFile = m_settings->value(QStringLiteral("clientCertificateFile")).toString();
        p.clientKeyFile = m_settings->value(QStringLiteral("clientKeyFile")).toString();
        p.refreshSeconds = m_settings->value(QStringLiteral("refreshSeconds"), 5).toInt();
        if (!p.id.isEmpty() && !p.url.isEmpty())
            m_profiles.append(p);
    }
    m_settings->endArray();
}

void ClusterStore::store()
{
    m_settings->remove(QStringLiteral("clusters"));
    m_settings->beginWriteArray(QStringLiteral("clusters"), static_cast<int>(m_profiles.size()));
    for (int i = 0; i < m_profiles.size(); ++i) {
        const ClusterProfile& p = m_profiles[i];
        m_settings->setArrayIndex(i);
        m_settings->setValue(QStringLiteral("id"), p.id);
        m_settings->setValue(QStringLiteral("name"), p.name);
        m_settings->setValue(QStringLiteral("url"), p.url);
        m_settings->setValue(QStringLiteral("user"), p.user);
        m_settings->setValue(QStringLiteral("caCertificateFile"), p.caCertificateFile);
        m_settings->setValue(QStringLiteral("clientCertificateFile"), p.clientCertificateFile);
        m_settings->setValue(QStringLiteral("clientKeyFile"), p.clientKeyFile);
        m_settings->setValue(QStringLiteral("refreshSeconds"), p.refreshSeconds);
    }
    m_settings->endArray();
    m_settings->sync();
    Q_EMIT profilesChanged();
}

QString ClusterStore::save(ClusterProfile profile)
{
    if (profile.id.isEmpty())
        profile.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    auto it = std::find_if(m_profiles.begin(), m_profiles.end(),
                           [&](const ClusterProfile& p) { return p.id == profile.id; });
    if (it != m_profiles.end())
        *it = profile;
    else
        m_profiles.append(profile);
    store();
    return profile.id;
}

void ClusterStore::remove(const QString& id)
{
    m_profiles.removeIf([&](const ClusterProfile& p) { return p.id == id; });
    m_sessionPasswords.remove(id);
    auto* job = new QKeychain::DeletePasswordJob(kService, this);
    job->setKey(keychainKey(id));
    job->start();
    store();
}

void ClusterStore::readPassword(const QString& id, QObject* context, std::function<void(const QString&)> done)
{
    if (m_sessionPasswords.contains(id)) {
        done(m_sessionPasswords.value(id));
        return;
    }
    auto* job = new QKeychain::ReadPasswordJob(kService, this);
    job->setKey(keychainKey(id));
    const QPointer<QObject> guard(context);
    connect(job, &QKeychain::Job::finished, this, [this, job, guard, done = std::move(done)] {
        if (job->error() != QKeychain::NoError && job->error() != QKeychain::EntryNotFound &&
            m_keychainProblem.isEmpty()) {
            m_keychainProblem = job->errorString();
            Q_EMIT keychainUnavailable(m_keychainProblem);
        }
        if (guard)
            done(job->error() == QKeychain::NoError ? job->textData() : QString());
    });
    job->start();
}

void ClusterStore::writePassword(const QString& id, const QString& password)
{
    // Kept for the session in any case, so a missing keychain does not break the connection.
    m_sessionPasswords.insert(id, password);
    auto* job = new QKeychain::WritePasswordJob(kService, this);
    job->setKey(keychainKey(id));
    job->setTextData(password);
    connect(job, &QKeychain::Job::finished, this, [this, job] {
        if (job->error() != QKeychain::NoError) {
            m_keychainProblem = job->errorString();
            Q_EMIT keychainUnavailable(
                tr("The password could not be saved in the system keychain (%1); it is kept until "
                   "ConnectDesk exits.")
                    .arg(m_keychainProblem));
        }
    });
    job->start();
}

} // namespace connectdesk::ui
