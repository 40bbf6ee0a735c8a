// The console's operator tools against real workers: the embedded worker started in-process by the
// window (EmbeddedWorkerController) on the harness broker, promoting a connector from it to the
// real Apache Kafka Connect (with a validation error first), the offsets dialog (stop, alter,
// reset) and the logger levels dialog on the reference worker.
#include "cluster_view.h"
#include "harness_env.h"
#include "loggers_dialog.h"
#include "main_window.h"
#include "offsets_dialog.h"
#include "promote_dialog.h"
#include "ui_test_support.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace connectdesk;
using namespace connectdesk::ui;
using connectdesk::testing::await;
using connectdesk::testing::saveShot;

namespace {

constexpr int kWaitMs = 60'000;

} // namespace

class TestConsoleOperations : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void embeddedWorkerStartsInProcess();
    void promoteValidatesOnTargetFirst();
    void offsetsStopAlterReset();
    void loggerLevelChangesOnTheWorker();
    void embeddedWorkerStopsAndRestarts();

private:
    QString connectorState(client::ClusterClient* client, const QString& name);
    QString m_prefix;
    QTemporaryDir m_dir;
    std::unique_ptr<client::RemoteClusterClient> m_reference; // the test's own hands on Apache Connect
    std::unique_ptr<client::RemoteClusterClient> m_embedded;  // and on the embedded worker
    std::unique_ptr<MainWindow> m_window;
    QString m_referenceId;
};

void TestConsoleOperations::initTestCase()
{
    const QString url = testing::harnessValue(QStringLiteral("CONNECT_URL"));
    const QString bootstrap = testing::harnessValue(QStringLiteral("KAFKA_BOOTSTRAP"));
    QVERIFY2(!url.isEmpty() && !bootstrap.isEmpty(), "harness env incomplete (fixtures not running?)");
    QVERIFY(m_dir.isValid());
    m_prefix =
        QStringLiteral("cd-ops-") + QUuid::createUuid().toString(QUuid::Id128).left(6) + QLatin1Char('-');
    client::RemoteEndpoint endpoint;
    endpoint.baseUrl = QUrl(url);
    m_reference = std::make_unique<client::RemoteClusterClient>(endpoint);

    MainWindowOptions options;
    options.settingsFile = m_dir.filePath(QStringLiteral("settings.ini"));
    options.startEmbedded = true;
    options.embeddedProperties = runtime::ConfigMap{
        {"bootstrap.servers", bootstrap.toStdString()},
        {"key.converter", "org.apache.kafka.connect.storage.StringConverter"},
        {"value.converter", "org.apache.kafka.connect.storage.StringConverter"},
        {"offset.storage.file.filename", m_dir.filePath(QStringLiteral("embedded.offsets")).toStdString()},
        {"offset.flush.interval.ms", "500"},
        {"listeners", "http://127.0.0.1:0"}};
    m_window = std::make_unique<MainWindow>(options);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));

    ClusterProfile profile;
    profile.name = QStringLiteral("Reference Apache Connect");
    profile.url = url;
    m_referenceId = m_window->addCluster(profile, QString());
    QVERIFY(!m_referenceId.isEmpty());
}

void TestConsoleOperations::cleanupTestCase()
{
    for (auto* c : {m_reference.get(), m_embedded.get()}) {
        if (!c)
            continue;
        for (const QString& suffix :
             {QStringLiteral("promoted"), QStringLiteral("local"), QStringLiteral("offsets")})
            (void)await<client::Done>([&](auto done) { c->deleteConnector(m_prefix + suffix, this, done); });
    }
    m_window.reset();
}

QString TestConsoleOperations::connectorState(client::ClusterClient* client, const QString& name)
{
    const auto r =
        await<client::ConnectorStatus>([&](auto done) { client->connectorStatus(name, this, done); });
    return r && r->ok() ? r->value->connector.state : QString();
}

void TestConsoleOperations::embeddedWorkerStartsInProcess()
{
    EmbeddedWorkerController* controller = m_window->embeddedController();
    QVERIFY(controller);
    QTRY_COMPARE_WITH_TIMEOUT(controller->state(), EmbeddedWorkerController::State::Running, kWaitMs);
    QVERIFY2(controller->problem().isEmpty(), qPrintable(controller->problem()));
    QVERIFY(controller->url().isValid());
    // Loopback only (the worker advertises it as localhost).
    const QString host = controller->url().host();
    QVERIFY2(host == QLatin1String("localhost") || host == QLatin1String("127.0.0.1"), qPrintable(host));
    // The in-process herder is handed to the window for metrics.
    QVERIFY(m_window->embeddedHerder() != nullptr);
    client::RemoteEndpoint endpoint;
    endpoint.baseUrl = controller->url();
    m_embedded = std::make_unique<client::RemoteClusterClient>(endpoint);
    const auto info = await<client::ServerInfo>([&](auto done) { m_embedded->serverInfo(this, done); });
    QVERIFY(info && info->ok());
    // The sidebar says so, and the embedded page talks to it.
    QTRY_VERIFY_WITH_TIMEOUT(m_window->findChild<QPushButton*>(QStringLiteral("embeddedStop"))->isEnabled(),
                             5000);
    QVERIFY(!m_window->findChild<QPushButton*>(QStringLiteral("embeddedStart"))->isEnabled());
}

void TestConsoleOperations::promoteValidatesOnTargetFirst()
{
    QVERIFY(m_embedded);
    const QString name = m_prefix + QStringLiteral("local");
    const QString target = m_prefix + QStringLiteral("promoted");
    const QString file = m_dir.filePath(QStringLiteral("promote-in.txt"));
    const client::ConnectorConfig config{
        {QStringLiteral("connector.class"), QStringLiteral("FileStreamSource")},
        {QStringLiteral("file"), file},
        {QStringLiteral("topic"), m_prefix + QStringLiteral("promote-topic")},
        {QStringLiteral("tasks.max"), QStringLiteral("1")}};
    const auto created = await<client::ConnectorInfo>([&](auto done) {
        m_embedded->createConnector(name, config, client::InitialState::Default, this, done);
    });
    QVERIFY(created && created->ok());
    // The worker id carries the port the loopback listener got, not the configured 0.
    const auto status =
        await<client::ConnectorStatus>([&](auto done) { m_embedded->connectorStatus(name, this, done); });
    QVERIFY(status && status->ok());
    QCOMPARE(status->value->connector.workerId,
             QStringLiteral("127.0.0.1:%1").arg(m_window->embeddedController()->url().port()));

    PromoteDialog* dialog = m_window->openPromote(MainWindow::embeddedId(), name, created->value->config);
    QVERIFY(dialog);
    dialog->setTarget(m_referenceId);
    QCOMPARE(dialog->targetId(), m_referenceId);
    dialog->setNewName(target);
    // First a value the target refuses: it says so at the field and creates nothing.
    dialog->setValue(QStringLiteral("batch.size"), QStringLiteral("many"));
    QSignalSpy validated(dialog, &PromoteDialog::validated);
    QSignalSpy promoted(dialog, &PromoteDialog::promoted);
    dialog->promote();
    QTRY_COMPARE_WITH_TIMEOUT(validated.count(), 1, kWaitMs);
    QVERIFY(validated.at(0).at(0).toInt() > 0);
    QVERIFY2(!dialog->errorFor(QStringLiteral("batch.size")).isEmpty(), "no error at batch.size");
    QCOMPARE(promoted.count(), 1);
    QCOMPARE(promoted.at(0).at(0).toBool(), false);
    QCOMPARE(connectorState(m_reference.get(), target), QString());
    saveShot(dialog, QStringLiteral("console-promote-rejected"));

    // Fixed: now it is created there with the same settings.
    dialog->setValue(QStringLiteral("batch.size"), QStringLiteral("500"));
    dialog->promote();
    QTRY_COMPARE_WITH_TIMEOUT(promoted.count(), 2, kWaitMs);
    QVERIFY2(promoted.at(1).at(0).toBool(), qPrintable(dialog->resultText()));
    // The promoted connector's config as the target has it (empty when it cannot be read).
    const auto remoteConfig = [&] {
        const auto r = await<client::ConnectorConfig>(
            [&](auto done) { m_reference->connectorConfig(target, this, done); });
        return r && r->ok() ? *r->value : client::ConnectorConfig{};
    };
    const client::ConnectorConfig promotedConfig = remoteConfig();
    QCOMPARE(promotedConfig.value(QStringLiteral("file")), file);
    QCOMPARE(promotedConfig.value(QStringLiteral("batch.size")), QStringLiteral("500"));
    QCOMPARE(promotedConfig.value(QStringLiteral("name")), target);

    // Again under the same name: the target has it, so overwriting is offered. A value edited after
    // that was not checked by the target: Overwrite refuses it and replaces nothing.
    QSignalSpy conflict(dialog, &PromoteDialog::conflict);
    dialog->setValue(QStringLiteral("batch.size"), QStringLiteral("600"));
    dialog->promote();
    QTRY_COMPARE_WITH_TIMEOUT(conflict.count(), 1, kWaitMs);
    dialog->setValue(QStringLiteral("batch.size"), QStringLiteral("700"));
    dialog->overwrite();
    QCOMPARE(promoted.count(), 3);
    QCOMPARE(promoted.at(2).at(0).toBool(), false);
    QVERIFY2(dialog->resultText().contains(QLatin1String("changed since")), qPrintable(dialog->resultText()));
    QCOMPARE(remoteConfig().value(QStringLiteral("batch.size")), QStringLiteral("500"));
    // Checked again, then overwritten with exactly that.
    dialog->promote();
    QTRY_COMPARE_WITH_TIMEOUT(conflict.count(), 2, kWaitMs);
    dialog->overwrite();
    QTRY_COMPARE_WITH_TIMEOUT(promoted.count(), 4, kWaitMs);
    QVERIFY2(promoted.at(3).at(0).toBool(), qPrintable(dialog->resultText()));
    QCOMPARE(remoteConfig().value(QStringLiteral("batch.size")), QStringLiteral("700"));
    dialog->close();
}

void TestConsoleOperations::offsetsStopAlterReset()
{
    // A FileStreamSource on the reference worker reads 3 lines: its offset is {"position": <bytes>}.
    const QString name = m_prefix + QStringLiteral("offsets");
    const QString file = m_dir.filePath(QStringLiteral("offsets-in.txt"));
    {
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("one\ntwo\nthree\n");
    }
    const client::ConnectorConfig config{
        {QStringLiteral("connector.class"), QStringLiteral("FileStreamSource")},
        {QStringLiteral("file"), file},
        {QStringLiteral("topic"), m_prefix + QStringLiteral("offsets-topic")}};
    const auto created = await<client::ConnectorInfo>([&](auto done) {
        m_reference->createConnector(name, config, client::InitialState::Default, this, done);
    });
    QVERIFY(created && created->ok());
    // Wait for the committed offset (reference worker flushes every second).
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            const auto r = await<client::ConnectorOffsets>(
                [&](auto done) { m_reference->connectorOffsets(name, this, done); });
            return r && r->ok() && !r->value->isEmpty() && r->value->first().offset &&
                   r->value->first().offset->value(QLatin1String("position")).toInt() == 14;
        }(),
        kWaitMs);

    OffsetsDialog dialog(m_reference.get(), name);
    QSignalSpy settled(&dialog, &OffsetsDialog::settled);
    QSignalSpy changed(&dialog, &OffsetsDialog::changed);
    dialog.show();
    QTRY_VERIFY_WITH_TIMEOUT(settled.count() >= 1, kWaitMs);
    QCOMPARE(dialog.connectorState(), QStringLiteral("RUNNING"));
    QCOMPARE(dialog.rowCount(), 1);
    QCOMPARE(
        QJsonDocument::fromJson(dialog.partitionText(0).toUtf8()).object().value(QLatin1String("filename")),
        QJsonValue(file));
    QCOMPARE(dialog.offsetText(0), QStringLiteral("{\"position\":14}"));
    // Running: only Stop is offered.
    QVERIFY(dialog.findChild<QPushButton*>(QStringLiteral("offsetsStop"))->isEnabled());
    QVERIFY(!dialog.findChild<QPushButton*>(QStringLiteral("offsetsApply"))->isEnabled());
    QVERIFY(!dialog.findChild<QPushButton*>(QStringLiteral("offsetsReset"))->isEnabled());

    // Stop: the worker stops the connector after answering; the dialog reads its status until it
    // says STOPPED and only then offers to alter (settled once, after that reload).
    settled.clear();
    dialog.findChild<QPushButton*>(QStringLiteral("offsetsStop"))->click();
    QTRY_COMPARE_WITH_TIMEOUT(changed.count(), 1, kWaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(settled.count() >= 1, kWaitMs);
    QCOMPARE(settled.count(), 1);
    QCOMPARE(dialog.connectorState(), QStringLiteral("STOPPED"));
    QCOMPARE(connectorState(m_reference.get(), name), QStringLiteral("STOPPED"));
    QVERIFY(dialog.findChild<QPushButton*>(QStringLiteral("offsetsApply"))->isEnabled());
    QVERIFY(!dialog.findChild<QPushButton*>(QStringLiteral("offsetsStop"))->isEnabled());

    // Bad JSON is caught at the row and nothing is sent.
    dialog.setOffsetText(0, QStringLiteral("{\"position\": 4"));
    settled.clear();
    dialog.applyChanges();
    QCOMPARE(settled.count(), 1);
    QVERIFY2(dialog.messageText().startsWith(QLatin1String("Row 1:")), qPrintable(dialog.messageText()));
    QCOMPARE(changed.count(), 1);

    // Alter: back to after the first line.
    dialog.setOffsetText(0, QStringLiteral("{\"position\": 4}"));
    dialog.applyChanges();
    QTRY_COMPARE_WITH_TIMEOUT(changed.count(), 2, kWaitMs);
    QVERIFY2(changed.at(1).at(0).toString().contains(QLatin1String("altered successfully")),
             qPrintable(changed.at(1).at(0).toString()));
    QTRY_COMPARE_WITH_TIMEOUT(dialog.offsetText(0), QStringLiteral("{\"position\":4}"), kWaitMs);
    saveShot(&dialog, QStringLiteral("console-offsets-altered"));

    // Reset: nothing stored afterwards.
    dialog.resetAll();
    QTRY_COMPARE_WITH_TIMEOUT(changed.count(), 3, kWaitMs);
    QVERIFY2(changed.at(2).at(0).toString().contains(QLatin1String("reset successfully")),
             qPrintable(changed.at(2).at(0).toString()));
    QTRY_COMPARE_WITH_TIMEOUT(dialog.rowCount(), 0, kWaitMs);
}

void TestConsoleOperations::loggerLevelChangesOnTheWorker()
{
    LoggersDialog dialog(m_reference.get(), QStringLiteral("reference"));
    QSignalSpy settled(&dialog, &LoggersDialog::settled);
    dialog.show();
    QTRY_VERIFY_WITH_TIMEOUT(settled.count() >= 1, kWaitMs);
    QVERIFY2(dialog.loggerNames().contains(QStringLiteral("root")),
             qPrintable(dialog.loggerNames().join(u',')));
    const QString logger = QStringLiteral("org.apache.kafka.connect.runtime.WorkerSourceTask");
    settled.clear();
    dialog.setLevel(logger, QStringLiteral("DEBUG"));
    QTRY_VERIFY_WITH_TIMEOUT(settled.count() >= 1, kWaitMs);
    QVERIFY2(dialog.messageText().startsWith(logger + QStringLiteral(" set to DEBUG")),
             qPrintable(dialog.messageText()));
    QTRY_COMPARE_WITH_TIMEOUT(dialog.levelOf(logger), QStringLiteral("DEBUG"), kWaitMs);
    const auto level =
        await<client::LoggerLevel>([&](auto done) { m_reference->logger(logger, this, done); });
    QVERIFY(level && level->ok());
    QCOMPARE(level->value->level, QStringLiteral("DEBUG"));
    // Put it back for the other tests sharing this worker.
    settled.clear();
    dialog.setLevel(logger, QStringLiteral("INFO"));
    QTRY_COMPARE_WITH_TIMEOUT(dialog.levelOf(logger), QStringLiteral("INFO"), kWaitMs);

    // Whole cluster: the workers apply it after the request returned; the dialog reads the levels
    // until the new one shows, and only then settles.
    const QString other = QStringLiteral("org.apache.kafka.connect.runtime.WorkerSinkTask");
    auto* cluster = dialog.findChild<QCheckBox*>(QStringLiteral("clusterScope"));
    QVERIFY(cluster);
    cluster->setChecked(true);
    QTRY_VERIFY_WITH_TIMEOUT(settled.count() >= 1, kWaitMs); // the INFO above
    settled.clear();
    dialog.setLevel(other, QStringLiteral("TRACE"));
    QTRY_VERIFY_WITH_TIMEOUT(settled.count() >= 1, kWaitMs);
    QCOMPARE(settled.count(), 1);
    QCOMPARE(dialog.levelOf(other), QStringLiteral("TRACE"));
    settled.clear();
    dialog.setLevel(other, QStringLiteral("INFO"));
    QTRY_VERIFY_WITH_TIMEOUT(settled.count() >= 1, kWaitMs);
    QCOMPARE(dialog.levelOf(other), QStringLiteral("INFO"));
}

void TestConsoleOperations::embeddedWorkerStopsAndRestarts()
{
    QVERIFY(m_embedded);
    EmbeddedWorkerController* controller = m_window->embeddedController();
    m_window->stopEmbeddedWorker();
    QTRY_COMPARE_WITH_TIMEOUT(controller->state(), EmbeddedWorkerController::State::Stopped, kWaitMs);
    QVERIFY(m_window->embeddedHerder() == nullptr);
    // Its REST server is gone.
    const auto gone = await<client::ServerInfo>([&](auto done) { m_embedded->serverInfo(this, done); });
    QVERIFY(gone && !gone->ok());
    // Started again, it finds the connector it persisted.
    m_window->startEmbeddedWorker();
    QTRY_COMPARE_WITH_TIMEOUT(controller->state(), EmbeddedWorkerController::State::Running, kWaitMs);
    client::RemoteEndpoint endpoint;
    endpoint.baseUrl = controller->url();
    m_embedded = std::make_unique<client::RemoteClusterClient>(endpoint);
    QTRY_COMPARE_WITH_TIMEOUT(connectorState(m_embedded.get(), m_prefix + QStringLiteral("local")),
                              QStringLiteral("RUNNING"), kWaitMs);
}

QTEST_MAIN(TestConsoleOperations)
#include "test_console_operations.moc"
