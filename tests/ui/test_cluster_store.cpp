// Remote clusters survive a restart through QSettings, passwords never land in the settings
// file, and a cluster that cannot be reached says so in words on its page.
#include "client/remote_cluster_client.h"
#include "cluster_dialog.h"
#include "cluster_store.h"
#include "cluster_view.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace connectdesk;
using namespace connectdesk::ui;

class TestClusterStore : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void profilesRoundTrip();
    void passwordNeverInSettings();
    void unreachableClusterIsExplained();
    void secretPropertyNames_data();
    void secretPropertyNames();
    void kafkaSettingsRoundTrip();
    void dialogKeepsSecretsApart();
};

void TestClusterStore::profilesRoundTrip()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("s.ini"));
    QString idA;
    QString idB;
    {
        ClusterStore store(std::make_unique<QSettings>(file, QSettings::IniFormat));
        ClusterProfile a;
        a.name = QStringLiteral("prod");
        a.url = QStringLiteral("https://connect.prod:8443");
        a.user = QStringLiteral("ops");
        a.caCertificateFile = QStringLiteral("/etc/ca.pem");
        a.refreshSeconds = 10;
        idA = store.save(a);
        ClusterProfile b;
        b.name = QStringLiteral("dev");
        b.url = QStringLiteral("http://localhost:8083");
        idB = store.save(b);
        QVERIFY(idA != idB);
        b.id = idB;
        b.name = QStringLiteral("dev (renamed)");
        QCOMPARE(store.save(b), idB);
    }
    ClusterStore reloaded(std::make_unique<QSettings>(file, QSettings::IniFormat));
    QCOMPARE(reloaded.profiles().size(), 2);
    QCOMPARE(reloaded.profiles()[0].id, idA);
    QCOMPARE(reloaded.profiles()[0].user, QStringLiteral("ops"));
    QCOMPARE(reloaded.profiles()[0].caCertificateFile, QStringLiteral("/etc/ca.pem"));
    QCOMPARE(reloaded.profiles()[0].refreshSeconds, 10);
    QCOMPARE(reloaded.profiles()[1].name, QStringLiteral("dev (renamed)"));
    const client::RemoteEndpoint endpoint = reloaded.profiles()[0].endpoint(QStringLiteral("pw"));
    QCOMPARE(endpoint.baseUrl, QUrl(QStringLiteral("https://connect.prod:8443")));
    QCOMPARE(endpoint.password, QStringLiteral("pw"));
    reloaded.remove(idA);
    QCOMPARE(reloaded.profiles().size(), 1);
    ClusterStore again(std::make_unique<QSettings>(file, QSettings::IniFormat));
    QCOMPARE(again.profiles().size(), 1);
    QCOMPARE(again.profiles()[0].id, idB);
}

void TestClusterStore::passwordNeverInSettings()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("s.ini"));
    ClusterStore store(std::make_unique<QSettings>(file, QSettings::IniFormat));
    ClusterProfile p;
    p.url = QStringLiteral("http://h:8083");
    p.user = QStringLiteral("u");
    const QString id = store.save(p);
    store.writePassword(id, QStringLiteral("s3cr3t-value"));
    // With or without a system keychain, the password is readable for this session.
    std::optional<QString> read;
    store.readPassword(id, this, [&](const QString& pw) { read = pw; });
    QTRY_VERIFY_WITH_TIMEOUT(read.has_value(), 30'000);
    QCOMPARE(*read, QStringLiteral("s3cr3t-value"));
    QFile settings(file);
    QVERIFY(settings.open(QIODevice::ReadOnly));
    QVERIFY(!settings.readAll().contains("s3cr3t-value"));
}

void TestClusterStore::unreachableClusterIsExplained()
{
    client::RemoteEndpoint endpoint;
    endpoint.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:1"));
    client::RemoteClusterClient client(endpoint);
    ClusterView view(&client, QStringLiteral("nowhere"), 60);
    QTRY_COMPARE_WITH_TIMEOUT(
        view.resultText(),
        QStringLiteral("Cannot reach the Connect worker at http://127.0.0.1:1: the connection was "
                       "refused. Is the worker running and is the address right?"),
        10'000);
    QCOMPARE(view.model()->rowCount(), 0);
    QVERIFY(!view.action(ClusterView::Action::RestartAllFailed)->isEnabled());
}

void TestClusterStore::secretPropertyNames_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<bool>("secret");
    QTest::newRow("sasl.password") << QStringLiteral("sasl.password") << true;
    QTest::newRow("ssl.key.password") << QStringLiteral("ssl.key.password") << true;
    QTest::newRow("sasl.oauthbearer.client.secret")
        << QStringLiteral("sasl.oauthbearer.client.secret") << true;
    QTest::newRow("sasl.username") << QStringLiteral("sasl.username") << false;
    QTest::newRow("security.protocol") << QStringLiteral("security.protocol") << false;
    QTest::newRow("ssl.ca.location") << QStringLiteral("ssl.ca.location") << false;
}

void TestClusterStore::secretPropertyNames()
{
    QFETCH(QString, key);
    QFETCH(bool, secret);
    QCOMPARE(ClusterProfile::isSecretProperty(key), secret);
}

void TestClusterStore::kafkaSettingsRoundTrip()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("s.ini"));
    QString id;
    {
        ClusterStore store(std::make_unique<QSettings>(file, QSettings::IniFormat));
        ClusterProfile p;
        p.url = QStringLiteral("http://h:8083");
        p.kafkaBootstrap = QStringLiteral("b1:9092,b2:9092");
        p.kafkaProperties = {{QStringLiteral("security.protocol"), QStringLiteral("SASL_SSL")},
                             {QStringLiteral("sasl.username"), QStringLiteral("alice")},
                             // A secret put in the profile by mistake never reaches the file.
                             {QStringLiteral("sasl.password"), QStringLiteral("leak-me-not")}};
        p.statusTopic = QStringLiteral("c1-status");
        id = store.save(p);
        store.writeKafkaSecrets(id, {{QStringLiteral("sasl.password"), QStringLiteral("k4fk4-pw")}});
        std::optional<QMap<QString, QString>> secrets;
        store.readKafkaSecrets(id, this, [&](const QMap<QString, QString>& s) { secrets = s; });
        QTRY_VERIFY_WITH_TIMEOUT(secrets.has_value(), 30'000);
        QCOMPARE(secrets->value(QStringLiteral("sasl.password")), QStringLiteral("k4fk4-pw"));
    }
    ClusterStore reloaded(std::make_unique<QSettings>(file, QSettings::IniFormat));
    QCOMPARE(reloaded.profiles().size(), 1);
    const ClusterProfile& p = reloaded.profiles().first();
    QCOMPARE(p.kafkaBootstrap, QStringLiteral("b1:9092,b2:9092"));
    QCOMPARE(p.kafkaProperties.size(), 2);
    QCOMPARE(p.kafkaProperties.value(QStringLiteral("sasl.username")), QStringLiteral("alice"));
    QCOMPARE(p.statusTopic, QStringLiteral("c1-status"));
    QCOMPARE(p.configTopic, QStringLiteral("connect-configs"));
    QCOMPARE(p.offsetsTopic, QStringLiteral("connect-offsets"));
    const auto config = p.kafkaConfig({{QStringLiteral("sasl.password"), QStringLiteral("pw")}});
    const std::map<std::string, std::string> expected{{"bootstrap.servers", "b1:9092,b2:9092"},
                                                      {"sasl.password", "pw"},
                                                      {"sasl.username", "alice"},
                                                      {"security.protocol", "SASL_SSL"}};
    QVERIFY(config == expected);
    QFile settings(file);
    QVERIFY(settings.open(QIODevice::ReadOnly));
    const QByteArray text = settings.readAll();
    QVERIFY(!text.contains("leak-me-not"));
    QVERIFY(!text.contains("k4fk4-pw"));
    QVERIFY(text.contains("security.protocol=SASL_SSL"));
}

void TestClusterStore::dialogKeepsSecretsApart()
{
    ClusterDialog dialog;
    ClusterProfile p;
    p.url = QStringLiteral("http://h:8083");
    p.kafkaBootstrap = QStringLiteral("b:9092");
    p.kafkaProperties = {{QStringLiteral("sasl.mechanism"), QStringLiteral("PLAIN")}};
    p.offsetsTopic = QStringLiteral("my-offsets");
    dialog.setProfile(p, QString());
    dialog.setKafkaSecrets({{QStringLiteral("sasl.password"), QStringLiteral("pw")}});
    const ClusterProfile out = dialog.profile();
    QCOMPARE(out.kafkaBootstrap, QStringLiteral("b:9092"));
    QCOMPARE(out.kafkaProperties,
             (QMap<QString, QString>{{QStringLiteral("sasl.mechanism"), QStringLiteral("PLAIN")}}));
    QCOMPARE(out.offsetsTopic, QStringLiteral("my-offsets"));
    QCOMPARE(out.statusTopic, QStringLiteral("connect-status"));
    QCOMPARE(dialog.kafkaSecrets(),
             (QMap<QString, QString>{{QStringLiteral("sasl.password"), QStringLiteral("pw")}}));
}

QTEST_MAIN(TestClusterStore)
#include "test_cluster_store.moc"
