// The connector table merges refreshes row by row: selection, current row and filters survive;
// rows appear, disappear and change without a model reset (hand-written expand answers in data/).
#include "client/rest_entities.h"
#include "connector_detail_widget.h"
#include "connector_filter_proxy.h"
#include "connector_table_model.h"

#include <QFile>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using namespace connectdesk;
using namespace connectdesk::ui;

namespace {

QList<client::ConnectorOverview> load(const QString& name)
{
    QFile file(qEnvironmentVariable("CONNECTDESK_TEST_DATA") + QLatin1Char('/') + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot open %s", qPrintable(file.fileName()));
    QString error;
    auto list = client::rest::parseExpandedConnectors(file.readAll(), &error);
    if (!list)
        qFatal("bad test data %s: %s", qPrintable(name), qPrintable(error));
    return *list;
}

QStringList names(const QAbstractItemModel& model)
{
    QStringList out;
    for (int row = 0; row < model.rowCount(); ++row)
        out << model.index(row, 0).data(ConnectorTableModel::NameRole).toString();
    return out;
}

} // namespace

class TestConnectorTableModel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void firstLoadInsertsSortedRows();
    void mergeKeepsSelectionWithoutReset();
    void mergeOfSameAnswerChangesNothing();
    void filters_data();
    void filters();
    void counts();
    void secretsAreMasked_data();
    void secretsAreMasked();
};

void TestConnectorTableModel::firstLoadInsertsSortedRows()
{
    ConnectorTableModel model;
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QCOMPARE(model.merge(load(QStringLiteral("expand_before.json"))), 4);
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(names(model), (QStringList{QStringLiteral("alpha-sink"), QStringLiteral("beta-source"),
                                        QStringLiteral("delta-source"), QStringLiteral("gamma-sink")}));
    QCOMPARE(model.index(3, ConnectorTableModel::TasksColumn).data().toString(),
             QStringLiteral("0/1 running, 1 failed"));
    QCOMPARE(model.index(0, ConnectorTableModel::TasksColumn).data().toString(),
             QStringLiteral("2/2 running"));
    QCOMPARE(model.index(2, ConnectorTableModel::StateColumn).data().toString(), QStringLiteral("Paused"));
    QCOMPARE(model.index(0, ConnectorTableModel::ClassColumn).data().toString(),
             QStringLiteral("FileStreamSinkConnector"));
    QCOMPARE(model.index(0, ConnectorTableModel::WorkerColumn).data().toString(),
             QStringLiteral("10.0.0.5:8083"));
}

void TestConnectorTableModel::mergeKeepsSelectionWithoutReset()
{
    ConnectorTableModel model;
    ConnectorFilterProxy proxy;
    proxy.setSourceModel(&model);
    QTableView view;
    view.setModel(&proxy);
    view.setSortingEnabled(true);
    view.sortByColumn(ConnectorTableModel::NameColumn, Qt::AscendingOrder);
    view.setSelectionBehavior(QAbstractItemView::SelectRows);
    view.resize(600, 80); // small: only a few rows visible, so scrolling matters
    model.merge(load(QStringLiteral("expand_before.json")));

    // Select gamma-sink (last row) and scroll to it.
    const QModelIndex gamma = proxy.mapFromSource(model.index(model.rowOf(QStringLiteral("gamma-sink")), 0));
    view.selectionModel()->select(gamma, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    view.setCurrentIndex(gamma);
    view.scrollTo(gamma);

    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    // alpha-sink removed; charlie-source and zulu-sink new; delta-source changed PAUSED → RUNNING.
    QCOMPARE(model.merge(load(QStringLiteral("expand_after.json"))), 4);
    QCOMPARE(reset.size(), 0);
    QCOMPARE(removed.size(), 1);
    QCOMPARE(inserted.size(), 2);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.first().at(0).toModelIndex().row(), model.rowOf(QStringLiteral("delta-source")));

    QCOMPARE(names(model), (QStringList{QStringLiteral("beta-source"), QStringLiteral("charlie-source"),
                                        QStringLiteral("delta-source"), QStringLiteral("gamma-sink"),
                                        QStringLiteral("zulu-sink")}));
    const QModelIndexList selected = view.selectionModel()->selectedRows();
    QCOMPARE(selected.size(), 1);
    QCOMPARE(selected.first().data(ConnectorTableModel::NameRole).toString(), QStringLiteral("gamma-sink"));
    QCOMPARE(view.currentIndex().data(ConnectorTableModel::NameRole).toString(),
             QStringLiteral("gamma-sink"));
    QCOMPARE(model.index(model.rowOf(QStringLiteral("delta-source")), ConnectorTableModel::StateColumn)
                 .data()
                 .toString(),
             QStringLiteral("Running"));
}

void TestConnectorTableModel::mergeOfSameAnswerChangesNothing()
{
    ConnectorTableModel model;
    model.merge(load(QStringLiteral("expand_before.json")));
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QCOMPARE(model.merge(load(QStringLiteral("expand_before.json"))), 0);
    QCOMPARE(changed.size(), 0);
    QCOMPARE(inserted.size(), 0);
    QCOMPARE(model.merge({}), 4);
    QCOMPARE(model.rowCount(), 0);
}

void TestConnectorTableModel::filters_data()
{
    QTest::addColumn<QString>("state");
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("none") << QString() << QString() << QString()
                          << QStringList{QStringLiteral("alpha-sink"), QStringLiteral("beta-source"),
                                         QStringLiteral("delta-source"), QStringLiteral("gamma-sink")};
    QTest::newRow("paused") << QStringLiteral("PAUSED") << QString() << QString()
                            << QStringList{QStringLiteral("delta-source")};
    QTest::newRow("any failure") << ConnectorFilterProxy::anyFailure() << QString() << QString()
                                 << QStringList{QStringLiteral("gamma-sink")};
    QTest::newRow("sinks") << QString() << QStringLiteral("sink") << QString()
                           << QStringList{QStringLiteral("alpha-sink"), QStringLiteral("gamma-sink")};
    QTest::newRow("text in class") << QString() << QString() << QStringLiteral("jdbc")
                                   << QStringList{QStringLiteral("delta-source")};
    QTest::newRow("text and type") << QStringLiteral("RUNNING") << QStringLiteral("source")
                                   << QStringLiteral("FILESTREAM")
                                   << QStringList{QStringLiteral("beta-source")};
}

void TestConnectorTableModel::filters()
{
    QFETCH(QString, state);
    QFETCH(QString, type);
    QFETCH(QString, text);
    QFETCH(QStringList, expected);
    ConnectorTableModel model;
    ConnectorFilterProxy proxy;
    proxy.setSourceModel(&model);
    proxy.sort(ConnectorTableModel::NameColumn);
    proxy.setStateFilter(state);
    proxy.setTypeFilter(type);
    proxy.setTextFilter(text);
    model.merge(load(QStringLiteral("expand_before.json")));
    QCOMPARE(names(proxy), expected);
}

void TestConnectorTableModel::counts()
{
    ConnectorTableModel model;
    model.merge(load(QStringLiteral("expand_before.json")));
    const ClusterCounts counts = model.counts();
    QCOMPARE(counts.connectors, 4);
    QCOMPARE(counts.tasks, 5);
    QCOMPARE(counts.connectorsByState.value(QStringLiteral("RUNNING")), 3);
    QCOMPARE(counts.connectorsByState.value(QStringLiteral("PAUSED")), 1);
    QCOMPARE(counts.tasksByState.value(QStringLiteral("FAILED")), 1);
    QCOMPARE(counts.tasksByState.value(QStringLiteral("RUNNING")), 3);
    QCOMPARE(model.connectorsWithFailures(), QStringList{QStringLiteral("gamma-sink")});
}

void TestConnectorTableModel::secretsAreMasked_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("secret");
    QTest::newRow("password") << QStringLiteral("connection.password") << QStringLiteral("hunter2") << true;
    QTest::newRow("jaas") << QStringLiteral("producer.override.sasl.jaas.config") << QStringLiteral("x")
                          << true;
    QTest::newRow("secret key") << QStringLiteral("aws.secret.access.key") << QStringLiteral("x") << true;
    QTest::newRow("reference") << QStringLiteral("connection.password")
                               << QStringLiteral("${file:/etc/secrets.properties:pw}") << false;
    QTest::newRow("user") << QStringLiteral("connection.user") << QStringLiteral("app") << false;
    QTest::newRow("key converter") << QStringLiteral("key.converter") << QStringLiteral("x") << false;
}

void TestConnectorTableModel::secretsAreMasked()
{
    QFETCH(QString, key);
    QFETCH(QString, value);
    QFETCH(bool, secret);
    QCOMPARE(isSecretConfig(key, value), secret);
}

QTEST_MAIN(TestConnectorTableModel)
#include "test_connector_table_model.moc"
