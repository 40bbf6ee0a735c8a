// The console against the real Apache Kafka Connect of the harness: add the cluster, see a
// connector appear, see a task fail, restart it with one click; screenshots of the main views
// are saved into the build dir.
#include "client/remote_cluster_client.h"
#include "cluster_dialog.h"
#include "cluster_view.h"
#include "connector_detail_widget.h"
#include "harness_env.h"
#include "main_window.h"
#include "ui_test_support.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUuid>

using namespace connectdesk;
using namespace connectdesk::ui;
using connectdesk::testing::await;
using connectdesk::testing::saveShot;

namespace {

constexpr int kWaitMs = 60'000;

} // namespace

class TestConsoleConnect : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void embeddedWorkerIsFirst();
    void testConnectionInDialog();
    void addClusterAndSeeConnector();
    void failedTaskRestartsWithOneClick();
    void deleteAsksFirst();
    void switchingClientsDropsTheOldAnswer();

private:
    QString create(const QString& name, const client::ConnectorConfig& config);
    QString m_url;
    QString m_prefix;
    QTemporaryDir m_dir;
    std::unique_ptr<client::RemoteClusterClient> m_client; // the test's own hands on the cluster
    std::unique_ptr<MainWindow> m_window;
};

void TestConsoleConnect::initTestCase()
{
    m_url = testing::harnessValue(QStringLiteral("CONNECT_URL"));
    QVERIFY2(!m_url.isEmpty(), "CONNECT_URL missing from the harness env (fixture connect_ref not running?)");
    QVERIFY(m_dir.isValid());
    m_prefix =
        QStringLiteral("cd-ui-") + QUuid::createUuid().toString(QUuid::Id128).left(6) + QLatin1Char('-');
    client::RemoteEndpoint endpoint;
    endpoint.baseUrl = QUrl(m_url);
    m_client = std::make_unique<client::RemoteClusterClient>(endpoint);

    MainWindowOptions options;
    options.settingsFile = m_dir.filePath(QStringLiteral("settings.ini"));
    options.embeddedUnavailableReason = QStringLiteral("The embedded worker is not running in this test.");
    m_window = std::make_unique<MainWindow>(options);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestConsoleConnect::cleanupTestCase()
{
    if (!m_client)
        return;
    for (const QString& suffix : {QStringLiteral("source"), QStringLiteral("sink"), QStringLiteral("sink2"),
                                  QStringLiteral("doomed"), QStringLiteral("switch")})
        (void)await<client::Done>(
            [&](auto done) { m_client->deleteConnector(m_prefix + suffix, this, done); });
}

// A view switched to another client while the first one's refresh is in flight: that answer does
// not fill the new client's page, and the new client's own refresh is not dropped because of it.
void TestConsoleConnect::switchingClientsDropsTheOldAnswer()
{
    const QString name = m_prefix + QStringLiteral("switch");
    QCOMPARE(create(name, {{QStringLiteral("connector.class"), QStringLiteral("FileStreamSink")},
                           {QStringLiteral("file"), m_dir.filePath(QStringLiteral("switch.txt"))},
                           {QStringLiteral("topics"), name + QStringLiteral("-t")}}),
             QString());
    client::RemoteEndpoint nobody; // nothing listens there: its refresh fails at once
    nobody.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:1"));
    client::RemoteClusterClient deadClient(nobody);
    ClusterView view(m_client.get(), QStringLiteral("Switch"), 0); // refreshes the live cluster now
    QVERIFY(view.refreshInFlight());
    QSignalSpy refreshed(&view, &ClusterView::refreshed);
    view.setClient(&deadClient);
    QTRY_VERIFY_WITH_TIMEOUT(refreshed.count() >= 1, kWaitMs);
    QCOMPARE(refreshed.first().at(0).toBool(), false); // the dead client's answer, not the live one's
    QTest::qWait(300); // the live cluster's answer, had it been kept, is in by now
    QCOMPARE(view.model()->rowCount(), 0);
    view.setClient(m_client.get());
    QTRY_VERIFY_WITH_TIMEOUT(view.model()->rowOf(name) >= 0, kWaitMs);
}

QString TestConsoleConnect::create(const QString& name, const client::ConnectorConfig& config)
{
    const auto r = await<client::ConnectorInfo>([&](auto done) {
        m_client->createConnector(name, config, client::InitialState::Default, this, done);
    });
    if (!r)
        return QStringLiteral("no answer");
    return r->ok() ? QString() : r->error.sentence;
}

void TestConsoleConnect::embeddedWorkerIsFirst()
{
    const QModelIndex first = m_window->clusterList()->model()->index(0, 0);
    QCOMPARE(first.data().toString(), QStringLiteral("Embedded worker (sandbox: in-memory, not durable)"));
    QCOMPARE(m_window->currentClusterId(), MainWindow::embeddedId());
    QVERIFY(m_window->currentView()->overviewText().contains(QLatin1String("not running in this test")));
}

void TestConsoleConnect::testConnectionInDialog()
{
    ClusterDialog dialog;
    ClusterProfile profile;
    profile.url = m_url;
    dialog.setProfile(profile, QString());
    QSignalSpy finished(&dialog, &ClusterDialog::testFinished);
    dialog.findChild<QPushButton*>(QStringLiteral("testButton"))->click();
    QVERIFY(finished.wait(kWaitMs));
    QCOMPARE(finished.first().at(0).toBool(), true);
    QVERIFY2(dialog.testResult().startsWith(QLatin1String("Connected: Kafka Connect ")),
             qPrintable(dialog.testResult()));

    profile.url = QStringLiteral("http://127.0.0.1:1");
    dialog.setProfile(profile, QString());
    finished.clear();
    dialog.findChild<QPushButton*>(QStringLiteral("testButton"))->click();
    QVERIFY(finished.wait(10'000));
    QCOMPARE(finished.first().at(0).toBool(), false);
    QVERIFY2(dialog.testResult().contains(QLatin1String("connection was refused")),
             qPrintable(dialog.testResult()));
}

void TestConsoleConnect::addClusterAndSeeConnector()
{
    ClusterProfile profile;
    profile.name = QStringLiteral("Harness Connect");
    profile.url = m_url;
    profile.refreshSeconds = 1;
    const QString id = m_window->addCluster(profile, QString());
    QCOMPARE(m_window->currentClusterId(), id);
    QCOMPARE(m_window->clusterList()->model()->rowCount(), 2);
    QCOMPARE(m_window->clusterList()->model()->index(1, 0).data().toString(),
             QStringLiteral("Harness Connect"));
    // Saved with QSettings: a second store on the same file sees it.
    QSettings settings(m_dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
    QCOMPARE(settings.value(QStringLiteral("clusters/1/url")).toString(), m_url);
    QVERIFY(!settings.allKeys().join(QLatin1Char(' ')).contains(QLatin1String("password")));

    ClusterView* view = m_window->currentView();
    QVERIFY(view);
    QTRY_VERIFY_WITH_TIMEOUT(view->overviewText().contains(QLatin1String("Kafka Connect 4.")), kWaitMs);

    const QString input = m_dir.filePath(QStringLiteral("lines.txt"));
    {
        QFile file(input);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("hello\nworld\n");
    }
    const QString name = m_prefix + QStringLiteral("source");
    QCOMPARE(create(name, {{QStringLiteral("connector.class"), QStringLiteral("FileStreamSource")},
                           {QStringLiteral("file"), input},
                           {QStringLiteral("topic"), name + QStringLiteral("-t")}}),
             QString());
    // Appears by auto-refresh, without a click.
    QTRY_VERIFY_WITH_TIMEOUT(view->model()->rowOf(name) >= 0, kWaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(
        view->model()->index(view->model()->rowOf(name), ConnectorTableModel::StateColumn).data().toString(),
        QStringLiteral("Running"), kWaitMs);
    QVERIFY(view->selectConnector(name));
    QCOMPARE(view->detail()->connectorName(), name);
    QTRY_VERIFY_WITH_TIMEOUT(
        view->detail()->findChild<QTableWidget*>(QStringLiteral("taskTable"))->rowCount() == 1, kWaitMs);
    saveShot(m_window.get(), QStringLiteral("console-connector-running"));

    // Topics come from the worker's topic tracking once records flowed (§4.19); the tab fetches
    // them each time it is shown.
    auto* tabs = view->detail()->tabs();
    auto* topics = view->detail()->findChild<QListWidget*>(QStringLiteral("topicList"));
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            tabs->setCurrentIndex(0);
            tabs->setCurrentWidget(topics);
            return !topics->findItems(name + QStringLiteral("-t"), Qt::MatchExactly).isEmpty();
        }(),
        kWaitMs);
    tabs->setCurrentIndex(4); // offsets: JSON, or the sentence for none yet
    QTRY_VERIFY_WITH_TIMEOUT(
        !view->detail()->findChild<QPlainTextEdit*>(QStringLiteral("offsetsView"))->toPlainText().isEmpty(),
        kWaitMs);
    tabs->setCurrentIndex(0);
}

void TestConsoleConnect::failedTaskRestartsWithOneClick()
{
    ClusterView* view = m_window->currentView();
    QVERIFY(view && view->client());
    // FileStreamSinkTask.start fails when the output file's directory does not exist.
    const QString missingDir = m_dir.filePath(QStringLiteral("not-yet"));
    const QString name = m_prefix + QStringLiteral("sink");
    QCOMPARE(create(name, {{QStringLiteral("connector.class"), QStringLiteral("FileStreamSink")},
                           {QStringLiteral("file"), missingDir + QStringLiteral("/out.txt")},
                           {QStringLiteral("topics"), name + QStringLiteral("-t")}}),
             QString());
    QTRY_VERIFY_WITH_TIMEOUT(view->model()->rowOf(name) >= 0 &&
                                 view->model()
                                         ->index(view->model()->rowOf(name), 0)
                                         .data(ConnectorTableModel::FailedTasksRole)
                                         .toInt() == 1,
                             kWaitMs);
    QVERIFY(view->selectConnector(name));
    // The failed task is preselected and its trace shown.
    QCOMPARE(view->detail()->selectedTask(), std::optional<int>(0));
    QVERIFY2(view->detail()->traceText().contains(QLatin1String("out.txt")),
             qPrintable(view->detail()->traceText()));
    QVERIFY(view->action(ClusterView::Action::RestartAllFailed)->isEnabled());
    view->detail()->tabs()->setCurrentIndex(2); // trace
    saveShot(m_window.get(), QStringLiteral("console-task-failed-trace"));
    view->detail()->findChild<QPushButton*>(QStringLiteral("copyTrace"))->click();
    QCOMPARE(QApplication::clipboard()->text(), view->detail()->traceText());
    view->detail()->tabs()->setCurrentIndex(1); // config
    saveShot(view->detail(), QStringLiteral("console-detail-config"));
    view->detail()->tabs()->setCurrentIndex(0);

    // A second connector failing the same way, to be brought back by "Restart all failed".
    const QString other = m_prefix + QStringLiteral("sink2");
    QCOMPARE(create(other, {{QStringLiteral("connector.class"), QStringLiteral("FileStreamSink")},
                            {QStringLiteral("file"), missingDir + QStringLiteral("/out2.txt")},
                            {QStringLiteral("topics"), other + QStringLiteral("-t")}}),
             QString());
    QTRY_VERIFY_WITH_TIMEOUT(view->model()->connectorsWithFailures().contains(other), kWaitMs);

    // Fix the cause, then one click on "Restart failed tasks".
    QVERIFY(QDir().mkpath(missingDir));
    QAction* restart = view->action(ClusterView::Action::RestartFailedTasks);
    QVERIFY(restart->isEnabled());
    QSignalSpy finished(view, &ClusterView::actionFinished);
    restart->trigger();
    QVERIFY(view->pendingActions() == 1 || !finished.isEmpty());
    QVERIFY(finished.wait(kWaitMs) || !finished.isEmpty());
    QCOMPARE(finished.first().at(0).toBool(), true);
    QCOMPARE(view->resultText(), QStringLiteral("%1: 1 failed task(s) restarting.").arg(name));
    QTRY_COMPARE_WITH_TIMEOUT(
        view->model()->index(view->model()->rowOf(name), ConnectorTableModel::TasksColumn).data().toString(),
        QStringLiteral("1/1 running"), kWaitMs);
    QVERIFY(view->detail()->traceText().isEmpty());
    QVERIFY(QFile::exists(missingDir + QStringLiteral("/out.txt")));
    saveShot(m_window.get(), QStringLiteral("console-task-restarted"));

    QTRY_VERIFY_WITH_TIMEOUT(view->action(ClusterView::Action::RestartAllFailed)->isEnabled(), kWaitMs);
    finished.clear();
    view->action(ClusterView::Action::RestartAllFailed)->trigger();
    QVERIFY(finished.wait(kWaitMs));
    QCOMPARE(view->resultText(), QStringLiteral("Restart requested for the failed parts of 1 connector(s)."));
    QTRY_VERIFY_WITH_TIMEOUT(view->model()->connectorsWithFailures().isEmpty(), kWaitMs);
    QVERIFY(QFile::exists(missingDir + QStringLiteral("/out2.txt")));
}

void TestConsoleConnect::deleteAsksFirst()
{
    ClusterView* view = m_window->currentView();
    const QString name = m_prefix + QStringLiteral("doomed");
    const QString input = m_dir.filePath(QStringLiteral("doomed.txt"));
    QFile(input).open(QIODevice::WriteOnly);
    QCOMPARE(create(name, {{QStringLiteral("connector.class"), QStringLiteral("FileStreamSource")},
                           {QStringLiteral("file"), input},
                           {QStringLiteral("topic"), name + QStringLiteral("-t")}}),
             QString());
    QTRY_VERIFY_WITH_TIMEOUT(view->model()->rowOf(name) >= 0, kWaitMs);
    QVERIFY(view->selectConnector(name));

    // Cancel first: nothing happens.
    int asked = 0;
    auto answer = [&asked](const QString& button) {
        QTimer::singleShot(0, [button, &asked] {
            ++asked;
            auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
            QVERIFY(box);
            QVERIFY(box->text().contains(QLatin1String("cannot be undone")));
            for (QAbstractButton* b : box->buttons())
                if (b->text() == button)
                    b->click();
        });
    };
    // The Delete key on the table asks first; Cancel changes nothing.
    QCOMPARE(view->action(ClusterView::Action::Delete)->shortcut(), QKeySequence(QKeySequence::Delete));
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    view->table()->setFocus();
    answer(QStringLiteral("Cancel"));
    QTest::keyClick(view->table(), Qt::Key_Delete);
    QCOMPARE(asked, 1);
    QCOMPARE(view->pendingActions(), 0);
    QVERIFY(view->resultText() != QStringLiteral("%1 deleted.").arg(name));

    answer(QStringLiteral("Delete"));
    QSignalSpy finished(view, &ClusterView::actionFinished);
    view->action(ClusterView::Action::Delete)->trigger();
    QVERIFY(finished.wait(kWaitMs));
    QCOMPARE(view->resultText(), QStringLiteral("%1 deleted.").arg(name));
    QTRY_VERIFY_WITH_TIMEOUT(view->model()->rowOf(name) < 0, kWaitMs);
    const auto gone =
        await<client::ConnectorInfo>([&](auto done) { m_client->connectorInfo(name, this, done); });
    QVERIFY(gone && !gone->ok());
    QCOMPARE(gone->error.httpStatus, 404);
}

QTEST_MAIN(TestConsoleConnect)
#include "test_console_connect.moc"
