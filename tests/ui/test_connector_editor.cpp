// The create form generated from the plugin's definitions validates live against the real Apache
// Kafka Connect, creates the connector, and the reconfigure dialog shows the diff before applying.
#include "client/remote_cluster_client.h"
#include "cluster_view.h"
#include "connector_editor_dialog.h"
#include "harness_env.h"

#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace connectdesk;
using namespace connectdesk::ui;

namespace {

constexpr int kWaitMs = 60'000;
const QString kSource = QStringLiteral("org.apache.kafka.connect.file.FileStreamSourceConnector");

void saveShot(QWidget* widget, const QString& name)
{
    QDir().mkpath(QStringLiteral(CONNECTDESK_SCREENSHOT_DIR));
    QVERIFY(
        widget->grab().save(QStringLiteral(CONNECTDESK_SCREENSHOT_DIR "/") + name + QStringLiteral(".png")));
}

} // namespace

class TestConnectorEditor : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void diffLines();
    void createWithLiveValidation();
    void reconfigureShowsDiff();

private:
    QTemporaryDir m_dir;
    QString m_name;
    std::unique_ptr<client::RemoteClusterClient> m_client;
    std::unique_ptr<ClusterView> m_view;
};

void TestConnectorEditor::initTestCase()
{
    const QString url = testing::harnessValue(QStringLiteral("CONNECT_URL"));
    QVERIFY2(!url.isEmpty(), "CONNECT_URL missing from the harness env (fixture connect_ref not running?)");
    client::RemoteEndpoint endpoint;
    endpoint.baseUrl = QUrl(url);
    m_client = std::make_unique<client::RemoteClusterClient>(endpoint);
    m_view = std::make_unique<ClusterView>(m_client.get(), QStringLiteral("Harness"), 1);
    m_view->resize(1200, 760);
    m_view->show();
    m_name = QStringLiteral("cd-editor-") + QUuid::createUuid().toString(QUuid::Id128).left(6);
}

void TestConnectorEditor::cleanupTestCase()
{
    bool done = false;
    m_client->deleteConnector(m_name, this, [&](const auto&) { done = true; });
    QTRY_VERIFY_WITH_TIMEOUT(done, kWaitMs);
    m_view.reset();
}

void TestConnectorEditor::diffLines()
{
    const client::ConnectorConfig before{{QStringLiteral("a"), QStringLiteral("1")},
                                         {QStringLiteral("b"), QStringLiteral("2")},
                                         {QStringLiteral("db.password"), QStringLiteral("old")}};
    const client::ConnectorConfig after{{QStringLiteral("a"), QStringLiteral("1")},
                                        {QStringLiteral("c"), QStringLiteral("3")},
                                        {QStringLiteral("db.password"), QStringLiteral("new")}};
    QCOMPARE(configDiff(before, after),
             (QStringList{QStringLiteral("+ c = 3"), QStringLiteral("~ db.password: •••••••• → ••••••••"),
                          QStringLiteral("- b (was 2)")}));
    QVERIFY(configDiff(before, before).isEmpty());
}

void TestConnectorEditor::createWithLiveValidation()
{
    QTRY_VERIFY_WITH_TIMEOUT(m_view->action(ClusterView::Action::NewConnector)->isEnabled(), kWaitMs);
    m_view->action(ClusterView::Action::NewConnector)->trigger();
    auto* dialog = m_view->findChild<ConnectorEditorDialog*>();
    QVERIFY(dialog);
    auto* plugins = dialog->findChild<QComboBox*>(QStringLiteral("pluginCombo"));
    QTRY_VERIFY_WITH_TIMEOUT(plugins->findData(kSource) >= 0, kWaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(dialog->formReady(), kWaitMs);
    QSignalSpy built(dialog, &ConnectorEditorDialog::formBuilt);
    plugins->setCurrentIndex(plugins->findData(kSource));
    Q_EMIT plugins->activated(plugins->currentIndex());
    QVERIFY(built.wait(kWaitMs));
    // The form has the plugin's own keys and the framework's.
    QVERIFY(dialog->findChild<QWidget*>(QStringLiteral("topic")));
    QVERIFY(dialog->findChild<QWidget*>(QStringLiteral("tasks.max")));
    // An empty form is checked at once: `topic` has no default.
    QTRY_VERIFY_WITH_TIMEOUT(dialog->errorCount() > 0, kWaitMs);
    QVERIFY(!dialog->primaryButton()->isEnabled());

    const QString input = m_dir.filePath(QStringLiteral("in.txt"));
    QFile(input).open(QIODevice::WriteOnly);
    dialog->setConnectorName(m_name);
    dialog->setValue(QStringLiteral("file"), input);
    dialog->setValue(QStringLiteral("topic"), m_name + QStringLiteral("-a"));
    dialog->setValue(QStringLiteral("tasks.max"), QStringLiteral("0"));
    // Errors come back from the worker as the user types, next to the field.
    QTRY_COMPARE_WITH_TIMEOUT(
        dialog->errorFor(QStringLiteral("tasks.max")),
        QStringLiteral("Invalid value 0 for configuration tasks.max: Value must be at least 1"), kWaitMs);
    QCOMPARE(dialog->errorCount(), 1);
    QVERIFY(!dialog->primaryButton()->isEnabled());
    saveShot(dialog, QStringLiteral("editor-live-validation"));

    dialog->setValue(QStringLiteral("tasks.max"), QStringLiteral("1"));
    QTRY_VERIFY_WITH_TIMEOUT(dialog->errorCount() == 0 && dialog->primaryButton()->isEnabled(), kWaitMs);
    QSignalSpy applied(dialog, &ConnectorEditorDialog::applied);
    dialog->primaryButton()->click();
    QVERIFY(applied.wait(kWaitMs));
    QCOMPARE(applied.first().at(0).toBool(), true);
    QTRY_VERIFY_WITH_TIMEOUT(m_view->model()->rowOf(m_name) >= 0, kWaitMs);
    QCOMPARE(m_view->resultText(), QStringLiteral("%1 created.").arg(m_name));
}

void TestConnectorEditor::reconfigureShowsDiff()
{
    QTRY_VERIFY_WITH_TIMEOUT(m_view->selectConnector(m_name), kWaitMs);
    QVERIFY(m_view->action(ClusterView::Action::Reconfigure)->isEnabled());
    m_view->action(ClusterView::Action::Reconfigure)->trigger();
    auto* dialog = m_view->findChild<ConnectorEditorDialog*>();
    QVERIFY(dialog && dialog->isReconfigure());
    QTRY_VERIFY_WITH_TIMEOUT(dialog->formReady(), kWaitMs);
    QCOMPARE(dialog->value(QStringLiteral("topic")), m_name + QStringLiteral("-a"));
    QTRY_VERIFY_WITH_TIMEOUT(dialog->errorCount() == 0, kWaitMs);

    // Nothing changed yet: the review says so.
    dialog->primaryButton()->click();
    QCOMPARE(dialog->statusText(), QStringLiteral("Nothing to change."));

    dialog->setValue(QStringLiteral("topic"), m_name + QStringLiteral("-b"));
    dialog->setValue(QStringLiteral("batch.size"), QStringLiteral("500"));
    QTRY_VERIFY_WITH_TIMEOUT(dialog->errorCount() == 0 && dialog->primaryButton()->isEnabled(), kWaitMs);
    dialog->primaryButton()->click();
    QCOMPARE(dialog->diffText(), QStringLiteral("+ batch.size = 500\n~ topic: %1-a → %1-b").arg(m_name));
    saveShot(dialog, QStringLiteral("editor-reconfigure-diff"));
    QSignalSpy applied(dialog, &ConnectorEditorDialog::applied);
    dialog->primaryButton()->click();
    QVERIFY(applied.wait(kWaitMs));
    QCOMPARE(applied.first().at(0).toBool(), true);

    std::optional<client::Result<client::ConnectorConfig>> config;
    m_client->connectorConfig(m_name, this, [&](const auto& r) { config = r; });
    QTRY_VERIFY_WITH_TIMEOUT(config.has_value(), kWaitMs);
    QVERIFY(config->ok());
    QCOMPARE(config->value->value(QStringLiteral("topic")), m_name + QStringLiteral("-b"));
    QCOMPARE(config->value->value(QStringLiteral("batch.size")), QStringLiteral("500"));
    QCOMPARE(config->value->value(QStringLiteral("file")), m_dir.filePath(QStringLiteral("in.txt")));
}

QTEST_MAIN(TestConnectorEditor)
#include "test_connector_editor.moc"
