#include "cluster_store.h"

#include <qt6keychain/keychain.h>

#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>

namespace connectdesk::ui {

namespace {

const QString kService = QStringLiteral("ConnectDesk");

QString keychainKey(const QString& id)
{
    return QStringLiteral("cluster/") + id;
}

QString kafkaKeychainKey(const QString& id)
{
    return QStringLiteral("cluster/") + id + QStringLiteral("/kafka");
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

std::map<std::string, std::string> ClusterProfile::kafkaConfig(const QMap<QString, QString>& secrets) const
{
    std::map<std::string, std::string> config;
    for (auto it = kafkaProperties.begin(); it != kafkaProperties.end(); ++it)
        config[it.key().toStdString()] = it.value().toStdString();
    for (auto it = secrets.begin(); it != secrets.end(); ++it)
        config[it.key().toStdString()] = it.value().toStdString();
    if (!kafkaBootstrap.trimmed().isEmpty())
        config["bootstrap.servers"] = kafkaBootstrap.trimmed().toStdString();
    return config;
}

bool ClusterProfile::isSecretProperty(const QString& key)
{
    return key.contains(QLatin1String("password"), Qt::CaseInsensitive) ||
           key.contains(QLatin1String("secret"), Qt::CaseInsensitive);
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
        p.kafkaBootstrap = m_settings->value(QStringLiteral("kafkaBootstrap")).toString();
        // "key=value" lines: readable in the INI file, unlike a serialized QVariantMap.
        for (const QString& line : m_settings->value(QStringLiteral("kafkaProperties")).toStringList()) {
            const qsizetype eq = line.indexOf(QLatin1Char('='));
            if (eq > 0 && !ClusterProfile::isSecretProperty(line.left(eq)))
                p.kafkaProperties.insert(line.left(eq), line.mid(eq + 1));
        }
        p.statusTopic = m_settings->value(QStringLiteral("statusTopic"), p.statusTopic).toString();
        p.configTopic = m_settings->value(QStringLiteral("configTopic"), p.configTopic).toString();
        p.offsetsTopic = m_settings->value(QStringLiteral("offsetsTopic"), p.offsetsTopic).toString();
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
        m_settings->setValue(QStringLiteral("kafkaBootstrap"), p.kafkaBootstrap);
        QStringList properties;
        for (auto it = p.kafkaProperties.begin(); it != p.kafkaProperties.end(); ++it)
            if (!ClusterProfile::isSecretProperty(it.key())) // secrets belong in the keychain only
                properties << it.key() + QLatin1Char('=') + it.value();
        m_settings->setValue(QStringLiteral("kafkaProperties"), properties);
        m_settings->setValue(QStringLiteral("statusTopic"), p.statusTopic);
        m_settings->setValue(QStringLiteral("configTopic"), p.configTopic);
        m_settings->setValue(QStringLiteral("offsetsTopic"), p.offsetsTopic);
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
    for (const QString& key : {keychainKey(id), kafkaKeychainKey(id)}) {
        m_sessionPasswords.remove(key);
        auto* job = new QKeychain::DeletePasswordJob(kService, this);
        job->setKey(key);
        job->start();
    }
    store();
}

void ClusterStore::readEntry(const QString& key, QObject* context, std::function<void(const QString&)> done)
{
    if (m_sessionPasswords.contains(key)) {
        done(m_sessionPasswords.value(key));
        return;
    }
    auto* job = new QKeychain::ReadPasswordJob(kService, this);
    job->setKey(key);
    const QPointer<QObject> guard(context);
    connect(job, &QKeychain::Job::finished, this, [this, job, guard, done = std::move(done)] {
        if (job->error() != QKeychain::NoError && job->error() != QKeychain::EntryNotFound &&
            m_keychainProblem.isEmpty()) {
            m_keychainProblem = job->errorString();
            // QtKeychain's own text can be as bare as "Unknown error": say what it means here.
            Q_EMIT keychainUnavailable(
                tr("The system keychain could not be read (%1); saved passwords are not "
                   "available, passwords entered now are kept until ConnectDesk exits.")
                    .arg(m_keychainProblem));
        }
        if (guard)
            done(job->error() == QKeychain::NoError ? job->textData() : QString());
    });
    job->start();
}

void ClusterStore::writeEntry(const QString& key, const QString& value, const QString& what)
{
    // Kept for the session in any case, so a missing keychain does not break the connection.
    m_sessionPasswords.insert(key, value);
    auto* job = new QKeychain::WritePasswordJob(kService, this);
    job->setKey(key);
    job->setTextData(value);
    connect(job, &QKeychain::Job::finished, this, [this, job, what] {
        if (job->error() != QKeychain::NoError) {
            m_keychainProblem = job->errorString();
            Q_EMIT keychainUnavailable(
                tr("The %1 could not be saved in the system keychain (%2); it is kept until "
                   "ConnectDesk exits.")
                    .arg(what, m_keychainProblem));
        }
    });
    job->start();
}

void ClusterStore::readPassword(const QString& id, QObject* context, std::function<void(const QString&)> done)
{
    readEntry(keychainKey(id), context, std::move(done));
}

void ClusterStore::writePassword(const QString& id, const QString& password)
{
    writeEntry(keychainKey(id), password, tr("password"));
}

void ClusterStore::readKafkaSecrets(const QString& id, QObject* context,
                                    std::function<void(const QMap<QString, QString>&)> done)
{
    readEntry(kafkaKeychainKey(id), context, [done = std::move(done)](const QString& text) {
        QMap<QString, QString> secrets;
        const QJsonObject object = QJsonDocument::fromJson(text.toUtf8()).object();
        for (auto it = object.begin(); it != object.end(); ++it)
            secrets.insert(it.key(), it.value().toString());
        done(secrets);
    });
}

void ClusterStore::writeKafkaSecrets(const QString& id, const QMap<QString, QString>& secrets)
{
    QJsonObject object;
    for (auto it = secrets.begin(); it != secrets.end(); ++it)
        object.insert(it.key(), it.value());
    writeEntry(kafkaKeychainKey(id), QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact)),
               tr("Kafka secrets"));
}

} // namespace connectdesk::ui
