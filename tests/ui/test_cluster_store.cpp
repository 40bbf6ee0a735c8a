// Remote clusters survive a restart through QSettings, passwords never land in the settings
// file, and a cluster that cannot be reached says so in words on its page.
#include "client/remote_cluster_client.h"
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

QTEST_MAIN(TestClusterStore)
#include "test_cluster_store.moc"
