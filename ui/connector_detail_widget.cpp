#include "connector_detail_widget.h"

#include "observe/observability_controller.h"
#include "state_style.h"

#include <QApplication>
#include <QClipboard>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

namespace connectdesk::ui {

bool isSecretConfig(const QString& key, const QString& value)
{
    if (value.startsWith(QLatin1String("${")) && value.endsWith(QLatin1Char('}')))
        return false;
    const QString k = key.toLower();
    static const QLatin1String endings[] = {QLatin1String("password"),    QLatin1String("secret"),
                                            QLatin1String("token"),       QLatin1String("jaas.config"),
                                            QLatin1String("credentials"), QLatin1String("api.key"),
                                            QLatin1String("apikey"),      QLatin1String("private.key"),
                                            QLatin1String("secret.key"),  QLatin1String("access.key")};
    for (const QLatin1String& ending : endings)
        if (k.endsWith(ending))
            return true;
    return k.contains(QLatin1String("password")) || k.contains(QLatin1String("secret"));
}

ConnectorDetailWidget::ConnectorDetailWidget(QWidget* parent) : QWidget(parent)
{
    m_header = new QLabel(this);
    m_header->setObjectName(QStringLiteral("detailHeader"));
    m_header->setTextFormat(Qt::RichText);
    m_header->setWordWrap(true);
    m_header->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_tabs = new QTabWidget(this);

    m_tasks = new QTableWidget(0, 3, this);
    m_tasks->setObjectName(QStringLiteral("taskTable"));
    m_tasks->setHorizontalHeaderLabels({tr("Task"), tr("State"), tr("Worker")});
    m_tasks->horizontalHeader()->setStretchLastSection(true);
    m_tasks->verticalHeader()->hide();
    m_tasks->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_tasks->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tasks->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_tabs->addTab(m_tasks, tr("&Tasks"));
    connect(m_tasks, &QTableWidget::itemSelectionChanged, this, [this] {
        showTrace();
        Q_EMIT taskSelectionChanged();
    });

    m_config = new QTableWidget(0, 2, this);
    m_config->setObjectName(QStringLiteral("configTable"));
    m_config->setHorizontalHeaderLabels({tr("Key"), tr("Value")});
    m_config->horizontalHeader()->setStretchLastSection(true);
    m_config->verticalHeader()->hide();
    m_config->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_tabs->addTab(m_config, tr("&Config"));

    auto* tracePage = new QWidget(this);
    auto* traceLayout = new QVBoxLayout(tracePage);
    auto* traceBar = new QHBoxLayout;
    m_traceTitle = new QLabel(tracePage);
    auto* copy = new QPushButton(tr("Cop&y trace"), tracePage);
    copy->setObjectName(QStringLiteral("copyTrace"));
    traceBar->addWidget(m_traceTitle, 1);
    traceBar->addWidget(copy);
    m_trace = new QPlainTextEdit(tracePage);
    m_trace->setObjectName(QStringLiteral("traceView"));
    m_trace->setReadOnly(true);
    m_trace->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_trace->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    traceLayout->addLayout(traceBar);
    traceLayout->addWidget(m_trace);
    m_tabs->addTab(tracePage, tr("T&race"));
    connect(copy, &QPushButton::clicked, this,
            [this] { QApplication::clipboard()->setText(m_trace->toPlainText()); });

    m_topics = new QListWidget(this);
    m_topics->setObjectName(QStringLiteral("topicList"));
    m_tabs->addTab(m_topics, tr("T&opics"));

    m_offsets = new QPlainTextEdit(this);
    m_offsets->setObjectName(QStringLiteral("offsetsView"));
    m_offsets->setReadOnly(true);
    m_offsets->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_tabs->addTab(m_offsets, tr("O&ffsets"));

    // Topics and offsets are not in the expand answer; fetch them when their tab is looked at.
    connect(m_tabs, &QTabWidget::currentChanged, this, [this](int index) {
        QWidget* page = m_tabs->widget(index);
        if (page == m_topics || page == m_offsets)
            fetchExtras();
    });

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_header);
    layout->addWidget(m_tabs, 1);
    clear();
}

void ConnectorDetailWidget::setClient(client::ClusterClient* client)
{
    m_client = client;
}

void ConnectorDetailWidget::clear()
{
    m_name.clear();
    m_current = {};
    m_header->setText(tr("<i>Select a connector to see its tasks, configuration and failures.</i>"));
    m_tasks->setRowCount(0);
    m_config->setRowCount(0);
    m_trace->clear();
    m_traceTitle->clear();
    m_topics->clear();
    m_offsets->clear();
    removeObserveTabs();
}

void ConnectorDetailWidget::setObservability(observe::ObservabilityController* controller,
                                             const QString& clusterId)
{
    m_observe = controller;
    m_clusterId = clusterId;
    if (!controller)
        return;
    connect(controller, &observe::ObservabilityController::clusterChanged, this, [this](const QString& id) {
        if (id == m_clusterId && !m_name.isEmpty())
            rebuildObserveTabs();
    });
}

void ConnectorDetailWidget::removeObserveTabs()
{
    for (const QPointer<QWidget>& w : std::as_const(m_observeTabs))
        delete w.data(); // deleting a tab stops what it reads
    m_observeTabs.clear();
}

void ConnectorDetailWidget::rebuildObserveTabs()
{
    const int current = m_tabs->currentIndex();
    const QWidget* first = m_observeTabs.isEmpty() ? nullptr : m_observeTabs.constFirst().data();
    const bool onObserveTab = first != nullptr && current >= m_tabs->indexOf(first);
    removeObserveTabs();
    observe::ObservabilityController* controller = m_observe.data();
    if (controller == nullptr || m_name.isEmpty())
        return;
    const QString type =
        m_current.status ? m_current.status->type : (m_current.info ? m_current.info->type : QString());
    for (const auto& [title, widget] : controller->connectorTabs(m_clusterId, m_name, type, m_tabs)) {
        m_tabs->addTab(widget, title);
        m_observeTabs.append(widget);
    }
    if (onObserveTab && current < m_tabs->count())
        m_tabs->setCurrentIndex(current);
}

void ConnectorDetailWidget::showConnector(const client::ConnectorOverview& connector, bool refetch)
{
    const bool changedName = connector.name != m_name;
    const std::optional<int> keptTask = changedName ? std::nullopt : selectedTask();
    m_name = connector.name;
    m_current = connector;

    const QString state = connector.status ? connector.status->connector.state : QString();
    const QString type =
        connector.status ? connector.status->type : (connector.info ? connector.info->type : QString());
    const QString cls =
        connector.info ? connector.info->config.value(QStringLiteral("connector.class")) : QString();
    m_header->setText(
        QStringLiteral("<b style='font-size:large'>%1</b> &nbsp; <span style='color:%2'>%3</span>"
                       "<br>%4 · %5 · %6")
            .arg(connector.name.toHtmlEscaped(), stateColor(state).name(), stateLabel(state),
                 type.toHtmlEscaped(), cls.toHtmlEscaped(),
                 connector.status ? tr("worker %1").arg(connector.status->connector.workerId.toHtmlEscaped())
                                  : QString()));

    // Tasks: rebuilt in place; the selected task stays selected across refreshes.
    const QList<client::TaskState> tasks =
        connector.status ? connector.status->tasks : QList<client::TaskState>{};
    const QSignalBlocker blocker(m_tasks);
    m_tasks->setRowCount(static_cast<int>(tasks.size()));
    for (int i = 0; i < tasks.size(); ++i) {
        const client::TaskState& t = tasks[i];
        auto* id = new QTableWidgetItem(QString::number(t.id));
        id->setData(Qt::UserRole, t.id);
        auto* st = new QTableWidgetItem(stateIcon(t.state), stateLabel(t.state));
        st->setForeground(stateColor(t.state));
        if (!t.trace.isEmpty())
            st->setToolTip(t.trace.section(QLatin1Char('\n'), 0, 0));
        m_tasks->setItem(i, 0, id);
        m_tasks->setItem(i, 1, st);
        m_tasks->setItem(i, 2, new QTableWidgetItem(t.workerId));
        if (keptTask && *keptTask == t.id)
            m_tasks->selectRow(i);
    }
    if (m_tasks->selectedItems().isEmpty()) {
        // Select the first failed task so its trace is one click away.
        for (int i = 0; i < tasks.size(); ++i)
            if (tasks[i].state == QLatin1String("FAILED")) {
                m_tasks->selectRow(i);
                break;
            }
    }

    const client::ConnectorConfig config =
        connector.info ? connector.info->config : client::ConnectorConfig{};
    m_config->setRowCount(static_cast<int>(config.size()));
    int row = 0;
    for (auto it = config.begin(); it != config.end(); ++it, ++row) {
        m_config->setItem(row, 0, new QTableWidgetItem(it.key()));
        const bool secret = isSecretConfig(it.key(), it.value());
        auto* value = new QTableWidgetItem(secret ? QStringLiteral("••••••••") : it.value());
        if (secret)
            value->setToolTip(tr("Hidden: this looks like a password or secret."));
        m_config->setItem(row, 1, value);
    }
    m_config->resizeColumnToContents(0);
    showTrace();
    Q_EMIT taskSelectionChanged();
    if (changedName || refetch)
        fetchExtras();
    if (changedName)
        rebuildObserveTabs();
}

std::optional<int> ConnectorDetailWidget::selectedTask() const
{
    const auto rows = m_tasks->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return std::nullopt;
    const QTableWidgetItem* item = m_tasks->item(rows.first().row(), 0);
    return item ? std::optional<int>(item->data(Qt::UserRole).toInt()) : std::nullopt;
}

QString ConnectorDetailWidget::traceText() const
{
    return m_trace->toPlainText();
}

void ConnectorDetailWidget::showTrace()
{
    QString title;
    QString trace;
    if (const auto task = selectedTask(); task && m_current.status) {
        for (const client::TaskState& t : m_current.status->tasks)
            if (t.id == *task) {
                title = tr("Task %1 — %2").arg(t.id).arg(stateLabel(t.state));
                trace = t.trace;
            }
    }
    if (trace.isEmpty() && m_current.status && !m_current.status->connector.trace.isEmpty()) {
        title = tr("Connector — %1").arg(stateLabel(m_current.status->connector.state));
        trace = m_current.status->connector.trace;
    }
    m_traceTitle->setText(trace.isEmpty() ? tr("No failure trace.") : title);
    if (m_trace->toPlainText() != trace)
        m_trace->setPlainText(trace);
}

void ConnectorDetailWidget::fetchExtras()
{
    if (!m_client || m_name.isEmpty()) {
        m_topics->clear();
        m_offsets->clear();
        return;
    }
    const QString name = m_name;
    m_client->connectorTopics(name, this, [this, name](const client::Result<QStringList>& result) {
        if (name != m_name)
            return;
        m_topics->clear();
        if (result.ok())
            m_topics->addItems(*result.value);
        else
            m_topics->addItem(result.error.sentence);
    });
    m_client->connectorOffsets(
        name, this, [this, name](const client::Result<client::ConnectorOffsets>& result) {
            if (name != m_name)
                return;
            if (!result.ok()) {
                m_offsets->setPlainText(result.error.sentence);
                return;
            }
            QJsonArray array;
            for (const client::ConnectorOffset& o : *result.value)
                array.append(
                    QJsonObject{{QStringLiteral("partition"), o.partition},
                                {QStringLiteral("offset"), o.offset ? QJsonValue(*o.offset) : QJsonValue()}});
            m_offsets->setPlainText(
                array.isEmpty() ? tr("No offsets committed yet.")
                                : QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Indented)));
        });
}

} // namespace connectdesk::ui
