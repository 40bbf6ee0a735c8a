// The create form generated from the plugin's definitions validates live against the real Apache
// Kafka Connect, creates the connector, and the reconfigure dialog shows the diff before applying.
#include "client/remote_cluster_client.h"
#include "cluster_view.h"
#include "connector_editor_dialog.h"
#include "harness_env.h"
#include "ui_test_support.h"

#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace connectdesk;
using namespace connectdesk::ui;
using connectdesk::testing::saveShot;

namespace {

constexpr int kWaitMs = 60'000;
const QString kSource = QStringLiteral("org.apache.kafka.connect.file.FileStreamSourceConnector");
const QString kSink = QStringLiteral("org.apache.kafka.connect.file.FileStreamSinkConnector");

} // namespace

class TestConnectorEditor : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void diffLines();
    void createWithLiveValidation();
    void reconfigureShowsDiff();
    void pasteImportAndJsonTab();

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

    // Read back; right after a reconfigure Apache's distributed herder may answer 409 (rebalance)
    // for longer than the client's own retries on a loaded machine, so ask until it answers.
    std::optional<client::Result<client::ConnectorConfig>> config;
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            config.reset();
            m_client->connectorConfig(m_name, this, [&](const auto& r) { config = r; });
            return QTest::qWaitFor([&] { return config.has_value(); }, kWaitMs) && config->ok();
        }(),
        kWaitMs);
    QVERIFY2(config->ok(), qPrintable(config->error.sentence));
    QCOMPARE(config->value->value(QStringLiteral("topic")), m_name + QStringLiteral("-b"));
    QCOMPARE(config->value->value(QStringLiteral("batch.size")), QStringLiteral("500"));
    QCOMPARE(config->value->value(QStringLiteral("file")), m_dir.filePath(QStringLiteral("in.txt")));
}

void TestConnectorEditor::pasteImportAndJsonTab()
{
    ConnectorEditorDialog dialog(m_client.get());
    dialog.resize(900, 700);
    dialog.show();
    dialog.startCreate(kSource);
    QTRY_VERIFY_WITH_TIMEOUT(dialog.formReady(), kWaitMs);
    auto* plugins = dialog.findChild<QComboBox*>(QStringLiteral("pluginCombo"));
    QCOMPARE(plugins->currentData().toString(), kSource);
    QSignalSpy imported(&dialog, &ConnectorEditorDialog::imported);

    // The curl command of the Apache Kafka quickstart, pasted as is (only name, file and topic ours):
    // the plugin switches to the sink and the form is filled, then checked by the worker.
    const QString sinkName = m_name + QStringLiteral("-pasted");
    const QString sinkFile = m_dir.filePath(QStringLiteral("pasted.sink.txt"));
    const QString curl =
        QStringLiteral(
            "curl -X POST -H \"Content-Type: application/json\" --data '{\"name\": \"%1\", \"config\": "
            "{\"connector.class\":\"FileStreamSinkConnector\", \"tasks.max\":\"1\", \"file\":\"%2\", "
            "\"topics\":\"connect-test\" }}' http://localhost:8083/connectors")
            .arg(sinkName, sinkFile);
    dialog.importText(curl, QStringLiteral("pasted text"));
    QTRY_COMPARE_WITH_TIMEOUT(imported.count(), 1, kWaitMs);
    QVERIFY2(imported.at(0).at(0).toBool(), qPrintable(imported.at(0).at(1).toString()));
    QCOMPARE(plugins->currentData().toString(), kSink);
    QCOMPARE(dialog.currentConfig().value(QStringLiteral("name")), sinkName);
    QCOMPARE(dialog.value(QStringLiteral("file")), sinkFile);
    QCOMPARE(dialog.value(QStringLiteral("topics")), QStringLiteral("connect-test"));
    QTRY_VERIFY_WITH_TIMEOUT(dialog.errorCount() == 0 && dialog.primaryButton()->isEnabled(), kWaitMs);

    // The JSON tab shows the same request; a typing error there is reported and blocks Create.
    dialog.tabs()->setCurrentIndex(1);
    QVERIFY2(dialog.jsonText().contains(QStringLiteral("\"topics\": \"connect-test\"")),
             qPrintable(dialog.jsonText()));
    QVERIFY(dialog.jsonText().contains(QStringLiteral("\"name\": \"%1\"").arg(sinkName)));
    QString edited = dialog.jsonText();
    edited.replace(QStringLiteral("\"topics\": \"connect-test\""),
                   QStringLiteral("\"topics\" \"connect-test\""));
    dialog.setJsonText(edited);
    QTRY_COMPARE_WITH_TIMEOUT(imported.count(), 2, kWaitMs);
    QCOMPARE(imported.at(1).at(0).toBool(), false);
    QVERIFY2(dialog.jsonProblem().startsWith(QStringLiteral("JSON: invalid JSON at line ")),
             qPrintable(dialog.jsonProblem()));
    QVERIFY(!dialog.primaryButton()->isEnabled());
    saveShot(&dialog, QStringLiteral("editor-json-error"));
    // The worker accepting the form meanwhile does not enable Create while the JSON is broken, and
    // going back to the JSON tab shows the text as it was typed.
    QSignalSpy validated(&dialog, &ConnectorEditorDialog::validated);
    dialog.tabs()->setCurrentIndex(0);
    dialog.setValue(QStringLiteral("tasks.max"), QStringLiteral("2"));
    QTRY_VERIFY_WITH_TIMEOUT(validated.count() > 0 && validated.last().at(0).toInt() == 0, kWaitMs);
    QVERIFY(!dialog.primaryButton()->isEnabled());
    QVERIFY2(dialog.statusText().contains(QStringLiteral("JSON tab")), qPrintable(dialog.statusText()));
    dialog.tabs()->setCurrentIndex(1);
    QCOMPARE(dialog.jsonText(), edited);
    QVERIFY(!dialog.jsonProblem().isEmpty());
    // Fixed, with another topic: the form follows.
    edited.replace(QStringLiteral("\"topics\" \"connect-test\""),
                   QStringLiteral("\"topics\": \"%1-json\"").arg(m_name));
    dialog.setJsonText(edited);
    QTRY_COMPARE_WITH_TIMEOUT(imported.count(), 3, kWaitMs);
    QVERIFY2(imported.at(2).at(0).toBool(), qPrintable(imported.at(2).at(1).toString()));
    QVERIFY(dialog.jsonProblem().isEmpty());
    QCOMPARE(dialog.value(QStringLiteral("topics")), m_name + QStringLiteral("-json"));
    QTRY_VERIFY_WITH_TIMEOUT(dialog.errorCount() == 0 && dialog.primaryButton()->isEnabled(), kWaitMs);

    // A .properties file as shipped with Apache Kafka: back to the source, keys it lacks cleared.
    const QString props = m_dir.filePath(QStringLiteral("connect-file-source.properties"));
    {
        QFile f(props);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("name=local-file-source\nconnector.class=FileStreamSource\ntasks.max=1\nfile=test.txt\n"
                "topic=connect-test\n");
    }
    // Imported from the form tab while the JSON tab is broken again: the import replaces the JSON.
    dialog.setJsonText(QStringLiteral("{\"name\": "));
    QTRY_COMPARE_WITH_TIMEOUT(imported.count(), 4, kWaitMs);
    QCOMPARE(imported.at(3).at(0).toBool(), false);
    dialog.tabs()->setCurrentIndex(0);
    dialog.importFile(props);
    QTRY_COMPARE_WITH_TIMEOUT(imported.count(), 5, kWaitMs);
    QVERIFY2(imported.at(4).at(0).toBool(), qPrintable(imported.at(4).at(1).toString()));
    QCOMPARE(plugins->currentData().toString(), kSource);
    QCOMPARE(dialog.value(QStringLiteral("topic")), QStringLiteral("connect-test"));
    QCOMPARE(dialog.value(QStringLiteral("file")), QStringLiteral("test.txt"));
    QVERIFY(!dialog.currentConfig().contains(QStringLiteral("topics")));
    QCOMPARE(dialog.currentConfig().value(QStringLiteral("name")), QStringLiteral("local-file-source"));
    QTRY_VERIFY_WITH_TIMEOUT(dialog.errorCount() == 0 && dialog.primaryButton()->isEnabled(), kWaitMs);
    QVERIFY(dialog.jsonProblem().isEmpty());
    dialog.tabs()->setCurrentIndex(1);
    QVERIFY2(dialog.jsonText().contains(QStringLiteral("\"name\": \"local-file-source\"")),
             qPrintable(dialog.jsonText()));
    dialog.tabs()->setCurrentIndex(0);

    // Something that is not a connector: a clear error, the form untouched.
    dialog.importFile(m_dir.filePath(QStringLiteral("missing.json")));
    QTRY_COMPARE_WITH_TIMEOUT(imported.count(), 6, kWaitMs);
    QCOMPARE(imported.at(5).at(0).toBool(), false);
    QVERIFY2(imported.at(5).at(1).toString().startsWith(QStringLiteral("Cannot read ")),
             qPrintable(imported.at(5).at(1).toString()));
    QCOMPARE(dialog.value(QStringLiteral("topic")), QStringLiteral("connect-test"));
}

QTEST_MAIN(TestConnectorEditor)
#include "test_connector_editor.moc"
