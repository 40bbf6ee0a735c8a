#include "cluster_view.h"

#include "connector_detail_widget.h"
#include "connector_editor_dialog.h"
#include "loggers_dialog.h"
#include "offsets_dialog.h"
#include "state_style.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QScopeGuard>
#include <QSpinBox>
#include <QSplitter>
#include <QTableView>
#include <QThreadPool>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

#include <memory>

namespace connectdesk::ui {

namespace {

QString countsLine(const QMap<QString, int>& byState)
{
    QStringList parts;
    // Fixed order so the eye finds the same state in the same place on every refresh.
    static const QStringList order = {QStringLiteral("RUNNING"),    QStringLiteral("FAILED"),
                                      QStringLiteral("PAUSED"),     QStringLiteral("STOPPED"),
                                      QStringLiteral("RESTARTING"), QStringLiteral("UNASSIGNED")};
    for (const QString& state : order)
        if (byState.value(state) > 0)
            parts << QStringLiteral("<span style='color:%1'>%2 %3</span>")
                         .arg(stateColor(state).name())
                         .arg(byState.value(state))
                         .arg(state.toLower());
    for (auto it = byState.begin(); it != byState.end(); ++it)
        if (!order.contains(it.key()) && it.value() > 0)
            parts << QStringLiteral("%1 %2").arg(it.value()).arg(it.key().toLower().toHtmlEscaped());
    return parts.join(QStringLiteral(", "));
}

} // namespace

ClusterView::ClusterView(client::ClusterClient* client, const QString& title, int refreshSeconds,
                         QWidget* parent)
    : QWidget(parent), m_title(title)
{
    m_model = new ConnectorTableModel(this);
    m_proxy = new ConnectorFilterProxy(this);
    m_proxy->setSourceModel(m_model);

    m_overview = new QLabel(this);
    m_overview->setObjectName(QStringLiteral("overviewLabel"));
    m_overview->setTextFormat(Qt::RichText);
    m_overview->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_counts = new QLabel(this);
    m_counts->setObjectName(QStringLiteral("countsLabel"));
    m_counts->setTextFormat(Qt::RichText);

    m_toolbar = new QToolBar(this);
    m_toolbar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    buildActions();

    m_autoRefresh = new QCheckBox(tr("&Auto-refresh every"), this);
    m_interval = new QSpinBox(this);
    m_interval->setRange(1, 3600);
    m_interval->setSuffix(tr(" s"));
    m_timer = new QTimer(this);
    // A tick while a refresh is in flight is dropped: on a slow cluster ticks must not pile up.
    connect(m_timer, &QTimer::timeout, this, [this] {
        if (!m_refreshing)
            refresh();
    });
    connect(m_autoRefresh, &QCheckBox::toggled, this,
            [this](bool on) { setAutoRefresh(on, m_interval->value()); });
    connect(m_interval, &QSpinBox::valueChanged, this,
            [this](int s) { setAutoRefresh(m_autoRefresh->isChecked(), s); });

    m_stateFilter = new QComboBox(this);
    m_stateFilter->setObjectName(QStringLiteral("stateFilter"));
    m_stateFilter->addItem(tr("All states"), QString());
    m_stateFilter->addItem(stateIcon(QStringLiteral("FAILED")), tr("Any failure"),
                           ConnectorFilterProxy::anyFailure());
    for (const char* state : {"RUNNING", "FAILED", "PAUSED", "STOPPED", "RESTARTING", "UNASSIGNED"})
        m_stateFilter->addItem(stateIcon(QLatin1String(state)), stateLabel(QLatin1String(state)),
                               QLatin1String(state));
    m_typeFilter = new QComboBox(this);
    m_typeFilter->setObjectName(QStringLiteral("typeFilter"));
    m_typeFilter->addItem(tr("All types"), QString());
    m_typeFilter->addItem(tr("Source"), QStringLiteral("source"));
    m_typeFilter->addItem(tr("Sink"), QStringLiteral("sink"));
    m_textFilter = new QLineEdit(this);
    m_textFilter->setObjectName(QStringLiteral("textFilter"));
    m_textFilter->setPlaceholderText(tr("Filter by name or class (Ctrl+F)"));
    m_textFilter->setClearButtonEnabled(true);
    auto* focusFilter = new QAction(this);
    focusFilter->setShortcut(QKeySequence::Find);
    connect(focusFilter, &QAction::triggered, m_textFilter, [this] { m_textFilter->setFocus(); });
    addAction(focusFilter);
    connect(m_stateFilter, &QComboBox::currentIndexChanged, this,
            [this] { m_proxy->setStateFilter(m_stateFilter->currentData().toString()); });
    connect(m_typeFilter, &QComboBox::currentIndexChanged, this,
            [this] { m_proxy->setTypeFilter(m_typeFilter->currentData().toString()); });
    connect(m_textFilter, &QLineEdit::textChanged, m_proxy, &ConnectorFilterProxy::setTextFilter);

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("connectorTable"));
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(ConnectorTableModel::NameColumn, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->resizeSection(ConnectorTableModel::NameColumn, 220);
    m_table->horizontalHeader()->resizeSection(ConnectorTableModel::TasksColumn, 190);
    m_table->horizontalHeader()->resizeSection(ConnectorTableModel::ClassColumn, 220);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_table, &QTableView::customContextMenuRequested, this, [this](const QPoint& pos) {
        QMenu menu(this);
        for (Action id : {Action::RestartConnector, Action::RestartFailedTasks, Action::Pause, Action::Resume,
                          Action::Stop})
            menu.addAction(m_actions.value(id));
        menu.addAction(m_actions.value(Action::Reconfigure));
        menu.addAction(m_actions.value(Action::Offsets));
        menu.addAction(m_actions.value(Action::Promote));
        menu.addSeparator();
        menu.addAction(m_actions.value(Action::Delete));
        menu.addSeparator();
        menu.addAction(m_actions.value(Action::RestartAllFailed));
        menu.addAction(m_actions.value(Action::NewConnector));
        menu.addAction(m_actions.value(Action::Refresh));
        menu.addAction(m_actions.value(Action::Loggers));
        menu.exec(m_table->viewport()->mapToGlobal(pos));
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &ClusterView::onSelectionChanged);

    m_detail = new ConnectorDetailWidget(this);
    connect(m_detail, &ConnectorDetailWidget::taskSelectionChanged, this, &ClusterView::updateActions);

    m_result = new QLabel(this);
    m_result->setObjectName(QStringLiteral("resultLabel"));
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_busy = new QProgressBar(this);
    m_busy->setRange(0, 0);
    m_busy->setMaximumWidth(120);
    m_busy->setMaximumHeight(12);
    m_busy->setTextVisible(false);
    m_busy->hide();

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_overview);
    layout->addWidget(m_counts);
    layout->addWidget(m_toolbar);
    auto* filters = new QHBoxLayout;
    filters->addWidget(m_stateFilter);
    filters->addWidget(m_typeFilter);
    filters->addWidget(m_textFilter, 1);
    filters->addWidget(m_autoRefresh);
    filters->addWidget(m_interval);
    layout->addLayout(filters);
    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_table);
    split->addWidget(m_detail);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    layout->addWidget(split, 1);
    auto* resultRow = new QHBoxLayout;
    resultRow->addWidget(m_busy);
    resultRow->addWidget(m_result, 1);
    layout->addLayout(resultRow);

    m_interval->setValue(refreshSeconds);
    m_autoRefresh->setChecked(true);
    setClient(client);
}

void ClusterView::buildActions()
{
    auto add = [this](Action id, const QString& text, const QKeySequence& shortcut, const QString& tip,
                      auto slot) {
        auto* action = new QAction(text, this);
        action->setShortcut(shortcut);
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        action->setToolTip(QStringLiteral("%1 (%2)").arg(tip, shortcut.toString(QKeySequence::NativeText)));
        connect(action, &QAction::triggered, this, slot);
        addAction(action);
        m_actions.insert(id, action);
        return action;
    };
    m_toolbar->addAction(
        add(Action::Refresh, tr("Refresh"), QKeySequence::Refresh, tr("Refresh now"), [this] { refresh(); }));
    m_toolbar->addSeparator();
    m_toolbar->addAction(
        add(Action::RestartConnector, tr("Restart"), QKeySequence(tr("Ctrl+R")),
            tr("Restart the connector and all its tasks"), [this] {
                const QString name = selectedConnector();
                if (name.isEmpty() || !m_client)
                    return;
                ++m_pending;
                m_busy->show();
                m_result->setText(tr("Restarting %1 and its tasks…").arg(name));
                m_client->restartConnector(
                    name, client::RestartOptions{true, false}, this,
                    [this, name](const client::Result<client::RestartResult>& r) {
                        --m_pending;
                        showResult(r.ok(), r.ok() ? tr("Restart of %1 and its tasks requested.").arg(name)
                                                  : r.error.sentence);
                        refresh();
                    });
            }));
    m_toolbar->addAction(add(Action::RestartTask, tr("Restart task"), QKeySequence(tr("Ctrl+T")),
                             tr("Restart the task selected in the detail"), [this] {
                                 const QString name = selectedConnector();
                                 const auto task = m_detail->selectedTask();
                                 if (name.isEmpty() || !task)
                                     return;
                                 const int t = *task;
                                 runDone(tr("Restarting task %1 of %2…").arg(t).arg(name),
                                         tr("Task %1 of %2 restarted.").arg(t).arg(name),
                                         [this, name, t](QObject* ctx, client::Callback<client::Done> done) {
                                             m_client->restartTask(name, t, ctx, std::move(done));
                                         });
                             }));
    m_toolbar->addAction(add(
        Action::RestartFailedTasks, tr("Restart failed tasks"), QKeySequence(tr("Ctrl+Shift+R")),
        tr("Restart only the failed tasks (and the connector if it failed)"), [this] {
            const QString name = selectedConnector();
            if (name.isEmpty() || !m_client)
                return;
            ++m_pending;
            m_busy->show();
            m_result->setText(tr("Restarting the failed parts of %1…").arg(name));
            m_client->restartConnector(
                name, client::RestartOptions{true, true}, this,
                [this, name](const client::Result<client::RestartResult>& r) {
                    --m_pending;
                    int restarting = 0;
                    if (r.ok() && r.value->plan)
                        for (const auto& t : r.value->plan->tasks)
                            restarting += t.state == QLatin1String("RESTARTING");
                    showResult(r.ok(),
                               r.ok() ? tr("%1: %n failed task(s) restarting.", nullptr, restarting).arg(name)
                                      : r.error.sentence);
                    refresh();
                });
        }));
    m_toolbar->addAction(
        add(Action::RestartAllFailed, tr("Restart all failed"), QKeySequence(tr("Ctrl+Alt+R")),
            tr("Restart every failed connector and task of this cluster"), [this] { restartAllFailed(); }));
    m_toolbar->addSeparator();
    m_toolbar->addAction(
        add(Action::Pause, tr("Pause"), QKeySequence(tr("Ctrl+P")), tr("Pause the connector"), [this] {
            const QString name = selectedConnector();
            if (!name.isEmpty())
                runDone(tr("Pausing %1…").arg(name), tr("%1 paused.").arg(name),
                        [this, name](QObject* ctx, auto done) {
                            m_client->pauseConnector(name, ctx, std::move(done));
                        });
        }));
    m_toolbar->addAction(add(Action::Resume, tr("Resume"), QKeySequence(tr("Ctrl+Shift+P")),
                             tr("Resume a paused or stopped connector"), [this] {
                                 const QString name = selectedConnector();
                                 if (!name.isEmpty())
                                     runDone(tr("Resuming %1…").arg(name), tr("%1 resumed.").arg(name),
                                             [this, name](QObject* ctx, auto done) {
                                                 m_client->resumeConnector(name, ctx, std::move(done));
                                             });
                             }));
    m_toolbar->addAction(add(Action::Stop, tr("Stop"), QKeySequence(tr("Ctrl+Shift+S")),
                             tr("Stop the connector and remove its tasks"), [this] {
                                 const QString name = selectedConnector();
                                 if (!name.isEmpty())
                                     runDone(tr("Stopping %1…").arg(name), tr("%1 stopped.").arg(name),
                                             [this, name](QObject* ctx, auto done) {
                                                 m_client->stopConnector(name, ctx, std::move(done));
                                             });
                             }));
    m_toolbar->addSeparator();
    m_toolbar->addAction(add(Action::NewConnector, tr("New…"), QKeySequence::New,
                             tr("Create a connector from a plugin's settings"),
                             [this] { openEditor(false); }));
    m_toolbar->addAction(add(Action::Reconfigure, tr("Reconfigure…"), QKeySequence(tr("Ctrl+E")),
                             tr("Change the connector's configuration and review the diff"),
                             [this] { openEditor(true); }));
    m_toolbar->addAction(add(Action::Delete, tr("Delete…"), QKeySequence::Delete, tr("Delete the connector"),
                             [this] { deleteSelected(); }));
    m_actions.value(Action::Delete)->setObjectName(QStringLiteral("deleteAction"));
    m_toolbar->addSeparator();
    m_toolbar->addAction(add(Action::Offsets, tr("Offsets…"), QKeySequence(tr("Ctrl+O")),
                             tr("View, alter or reset the connector's offsets (when stopped)"),
                             [this] { openOffsets(); }));
    m_toolbar->addAction(add(Action::Promote, tr("Promote…"), QKeySequence(tr("Ctrl+Shift+C")),
                             tr("Copy the connector to another cluster, validated there first"), [this] {
                                 const QString name = selectedConnector();
                                 const client::ConnectorOverview* c = m_model->connector(name);
                                 if (!name.isEmpty() && c && c->info)
                                     Q_EMIT promoteRequested(name, c->info->config);
                             }));
    m_toolbar->addAction(add(Action::Loggers, tr("Loggers…"), QKeySequence(tr("Ctrl+L")),
                             tr("The worker's logger levels; change them at runtime"),
                             [this] { openLoggers(); }));
}

QAction* ClusterView::action(Action id) const
{
    return m_actions.value(id);
}

void ClusterView::setClient(client::ClusterClient* client, const QString& unavailableReason)
{
    m_client = client;
    m_unavailable = unavailableReason;
    // Answers still due from the previous client are dropped (refresh() checks the generation).
    ++m_clientGeneration;
    m_refreshing = false;
    m_refreshAgain = false;
    m_serverInfo.reset();
    m_model->clear();
    m_detail->clear();
    m_detail->setClient(client);
    updateOverview();
    updateActions();
    if (client)
        refresh();
}

void ClusterView::setAutoRefresh(bool on, int seconds)
{
    if (m_autoRefresh->isChecked() != on)
        m_autoRefresh->setChecked(on);
    if (m_interval->value() != seconds)
        m_interval->setValue(seconds);
    if (on)
        m_timer->start(seconds * 1000);
    else
        m_timer->stop();
}

QString ClusterView::selectedConnector() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return {};
    return rows.first().data(ConnectorTableModel::NameRole).toString();
}

bool ClusterView::selectConnector(const QString& name)
{
    const int row = m_model->rowOf(name);
    if (row < 0)
        return false;
    const QModelIndex index = m_proxy->mapFromSource(m_model->index(row, 0));
    if (!index.isValid())
        return false;
    m_table->selectionModel()->select(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_table->setCurrentIndex(index);
    m_table->scrollTo(index);
    return true;
}

QString ClusterView::resultText() const
{
    return m_result->text();
}

QString ClusterView::overviewText() const
{
    return m_overview->text() + QLatin1Char('\n') + m_counts->text();
}

void ClusterView::refresh()
{
    if (!m_client)
        return;
    if (m_refreshing) {
        // Asked after a change (an action's answer, an applied edit): the answer in flight may
        // predate it, so one more refresh follows that answer.
        m_refreshAgain = true;
        return;
    }
    m_refreshing = true;
    const int generation = m_clientGeneration;
    if (!m_serverInfo) {
        m_client->serverInfo(this, [this, generation](const client::Result<client::ServerInfo>& r) {
            if (generation != m_clientGeneration)
                return;
            if (r.ok())
                m_serverInfo = *r.value;
            updateOverview();
        });
    }
    m_client->connectorsExpanded(
        this, [this, generation](const client::Result<QList<client::ConnectorOverview>>& r) {
            if (generation != m_clientGeneration)
                return; // about the previous client
            m_refreshing = false;
            const auto again = qScopeGuard([this] {
                if (m_refreshAgain) {
                    m_refreshAgain = false;
                    refresh();
                }
            });
            if (!r.ok()) {
                // Keep the rows we have: a blip of the network must not empty the table.
                showResult(false, r.error.sentence);
                Q_EMIT refreshed(false);
                return;
            }
            m_model->merge(*r.value);
            Q_EMIT connectorsRefreshed(*r.value);
            // Rows that did not change keep the model's copy, so most of this answer is garbage now.
            // Its memory is freed wherever its last reference dies: hold one until this callback has
            // returned, then drop it on a pool thread, so freeing tens of thousands of strings does
            // not stall painting (docs/console.md, performance).
            QTimer::singleShot(0, this, [answer = *r.value]() mutable {
                QThreadPool::globalInstance()->start([doomed = std::move(answer)]() mutable { doomed = {}; });
            });
            if (const QString name = selectedConnector(); !name.isEmpty()) {
                if (const auto* c = m_model->connector(name))
                    m_detail->showConnector(*c);
            } else if (!m_detail->connectorName().isEmpty()) {
                m_detail->clear();
            }
            updateOverview();
            updateActions();
            Q_EMIT refreshed(true);
        });
}

void ClusterView::updateOverview()
{
    if (!m_client) {
        m_overview->setText(
            QStringLiteral("<b>%1</b><br>%2").arg(m_title.toHtmlEscaped(), m_unavailable.toHtmlEscaped()));
        m_counts->clear();
        return;
    }
    QString info = QStringLiteral("<b>%1</b> &nbsp; <span style='color:gray'>%2</span>")
                       .arg(m_title.toHtmlEscaped(), m_client->address().toHtmlEscaped());
    if (m_serverInfo)
        info += tr("<br>Kafka Connect %1 · commit %2 · Kafka cluster %3")
                    .arg(m_serverInfo->version.toHtmlEscaped(), m_serverInfo->commit.toHtmlEscaped(),
                         m_serverInfo->kafkaClusterId.toHtmlEscaped());
    m_overview->setText(info);
    const ClusterCounts counts = m_model->counts();
    QString line = tr("%n connector(s)", nullptr, counts.connectors);
    if (counts.connectors > 0)
        line += QStringLiteral(": ") + countsLine(counts.connectorsByState);
    line += QStringLiteral(" &nbsp;·&nbsp; ") + tr("%n task(s)", nullptr, counts.tasks);
    if (counts.tasks > 0)
        line += QStringLiteral(": ") + countsLine(counts.tasksByState);
    m_counts->setText(line);
}

void ClusterView::updateActions()
{
    const bool connected = m_client != nullptr;
    const QString name = selectedConnector();
    const bool selected = connected && !name.isEmpty();
    const client::ConnectorOverview* c = selected ? m_model->connector(name) : nullptr;
    const QString state = c && c->status ? c->status->connector.state : QString();
    for (Action id : {Action::RestartConnector, Action::RestartFailedTasks, Action::Delete,
                      Action::Reconfigure, Action::Offsets})
        m_actions.value(id)->setEnabled(selected);
    m_actions.value(Action::Promote)->setEnabled(selected && c && c->info);
    m_actions.value(Action::Loggers)->setEnabled(connected);
    m_actions.value(Action::Pause)->setEnabled(selected && state != QLatin1String("PAUSED"));
    m_actions.value(Action::Resume)
        ->setEnabled(selected && (state == QLatin1String("PAUSED") || state == QLatin1String("STOPPED")));
    m_actions.value(Action::Stop)->setEnabled(selected && state != QLatin1String("STOPPED"));
    m_actions.value(Action::RestartTask)->setEnabled(selected && m_detail->selectedTask().has_value());
    m_actions.value(Action::RestartAllFailed)
        ->setEnabled(connected && !m_model->connectorsWithFailures().isEmpty());
    m_actions.value(Action::Refresh)->setEnabled(connected);
    m_actions.value(Action::NewConnector)->setEnabled(connected);
}

void ClusterView::onSelectionChanged()
{
    const QString name = selectedConnector();
    if (const auto* c = name.isEmpty() ? nullptr : m_model->connector(name))
        m_detail->showConnector(*c);
    else
        m_detail->clear();
    updateActions();
}

void ClusterView::showResult(bool ok, const QString& text)
{
    if (m_pending == 0)
        m_busy->hide();
    m_result->setStyleSheet(
        ok ? QString() : QStringLiteral("color: %1").arg(stateColor(QStringLiteral("FAILED")).name()));
    m_result->setText(text);
    Q_EMIT actionFinished(ok, text);
}

void ClusterView::runDone(const QString& progress, const QString& success,
                          const std::function<void(QObject*, client::Callback<client::Done>)>& call)
{
    if (!m_client)
        return;
    ++m_pending;
    m_busy->show();
    m_result->setStyleSheet(QString());
    m_result->setText(progress);
    call(this, [this, success](const client::Result<client::Done>& r) {
        --m_pending;
        showResult(r.ok(), r.ok() ? success : r.error.sentence);
        refresh();
    });
}

void ClusterView::restartAllFailed()
{
    const QStringList names = m_model->connectorsWithFailures();
    if (!m_client || names.isEmpty())
        return;
    ++m_pending;
    m_busy->show();
    m_result->setStyleSheet(QString());
    m_result->setText(
        tr("Restarting the failed parts of %n connector(s)…", nullptr, static_cast<int>(names.size())));
    struct Tally {
        qsizetype left = 0;
        QStringList errors;
    };
    auto tally = std::make_shared<Tally>();
    tally->left = names.size();
    for (const QString& name : names) {
        m_client->restartConnector(
            name, client::RestartOptions{true, true}, this,
            [this, tally, name, total = names.size()](const client::Result<client::RestartResult>& r) {
                if (!r.ok())
                    tally->errors << QStringLiteral("%1: %2").arg(name, r.error.sentence);
                if (--tally->left > 0)
                    return;
                --m_pending;
                if (tally->errors.isEmpty())
                    showResult(true, tr("Restart requested for the failed parts of %n connector(s).", nullptr,
                                        static_cast<int>(total)));
                else
                    showResult(false, tally->errors.join(QLatin1Char('\n')));
                refresh();
            });
    }
}

void ClusterView::deleteSelected()
{
    const QString name = selectedConnector();
    if (name.isEmpty() || !m_client)
        return;
    QMessageBox box(
        QMessageBox::Warning, tr("Delete connector"),
        tr("Delete connector \"%1\"? Its configuration is removed from the cluster; this cannot be undone.")
            .arg(name),
        QMessageBox::Cancel, this);
    box.setObjectName(QStringLiteral("confirmDelete"));
    QPushButton* remove = box.addButton(tr("Delete"), QMessageBox::DestructiveRole);
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    if (box.clickedButton() != static_cast<QAbstractButton*>(remove))
        return;
    runDone(tr("Deleting %1…").arg(name), tr("%1 deleted.").arg(name),
            [this, name](QObject* ctx, auto done) { m_client->deleteConnector(name, ctx, std::move(done)); });
}

void ClusterView::openEditor(bool reconfigure)
{
    if (!m_client)
        return;
    const QString name = selectedConnector();
    const client::ConnectorOverview* c = reconfigure ? m_model->connector(name) : nullptr;
    if (reconfigure && (!c || !c->info))
        return;
    auto* dialog = new ConnectorEditorDialog(m_client, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ConnectorEditorDialog::applied, this, [this](bool ok, const QString& message) {
        if (ok) {
            showResult(true, message);
            refresh();
        }
    });
    if (reconfigure)
        dialog->startReconfigure(name, c->info->config);
    else
        dialog->startCreate();
    dialog->open();
}

void ClusterView::openOffsets()
{
    const QString name = selectedConnector();
    if (!m_client || name.isEmpty())
        return;
    auto* dialog = new OffsetsDialog(m_client, name, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    // Stop from the dialog, alter or reset: the table shows the new state on its next refresh.
    connect(dialog, &OffsetsDialog::changed, this, [this](const QString& message) {
        showResult(true, message);
        refresh();
    });
    dialog->open();
}

void ClusterView::openLoggers()
{
    if (!m_client)
        return;
    auto* dialog = new LoggersDialog(m_client, m_title, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

} // namespace connectdesk::ui
