#include "promote_dialog.h"

#include "connector_detail_widget.h"
#include "secret_value_delegate.h"
#include "state_style.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace connectdesk::ui {

namespace {

const QString kName = QStringLiteral("name");
const QString kClass = QStringLiteral("connector.class");
enum Column { KeyColumn, ValueColumn, ProblemColumn };

} // namespace

PromoteDialog::PromoteDialog(const QString& sourceCluster, const QString& connector,
                             const client::ConnectorConfig& config, const QList<PromoteTarget>& targets,
                             std::function<client::ClusterClient*(const QString&)> clientFor, QWidget* parent)
    : QDialog(parent), m_connector(connector), m_clientFor(std::move(clientFor))
{
    setWindowTitle(tr("Promote %1").arg(connector));
    auto* intro =
        new QLabel(tr("Copy <b>%1</b> from %2 to another cluster. The target checks the configuration first; "
                      "nothing is created there unless it accepts it.")
                       .arg(connector.toHtmlEscaped(), sourceCluster.toHtmlEscaped()),
                   this);
    intro->setWordWrap(true);
    m_target = new QComboBox(this);
    m_target->setObjectName(QStringLiteral("targetCombo"));
    for (const PromoteTarget& t : targets)
        m_target->addItem(t.name, t.id);
    m_name = new QLineEdit(connector, this);
    m_name->setObjectName(QStringLiteral("newName"));
    auto* form = new QFormLayout;
    form->addRow(tr("&Target cluster:"), m_target);
    form->addRow(tr("&Name on the target:"), m_name);

    m_config = new QTableWidget(0, 3, this);
    m_config->setObjectName(QStringLiteral("promoteConfig"));
    m_config->setHorizontalHeaderLabels({tr("Setting"), tr("Value"), tr("Problem on the target")});
    m_config->verticalHeader()->hide();
    m_config->horizontalHeader()->resizeSection(KeyColumn, 220);
    m_config->horizontalHeader()->resizeSection(ValueColumn, 260);
    m_config->horizontalHeader()->setStretchLastSection(true);
    m_config->setItemDelegateForColumn(ValueColumn, new SecretValueDelegate(&isSecretConfig, m_config));
    for (auto it = config.begin(); it != config.end(); ++it)
        if (it.key() != kName)
            setValue(it.key(), it.value());

    m_result = new QLabel(this);
    m_result->setObjectName(QStringLiteral("promoteResult"));
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 0);
    m_progress->setMaximumWidth(120);
    m_progress->setTextVisible(false);
    m_progress->hide();
    m_promote = new QPushButton(tr("&Promote"), this);
    m_promote->setObjectName(QStringLiteral("promoteButton"));
    m_promote->setDefault(true);
    m_promote->setEnabled(m_target->count() > 0);
    m_overwrite = new QPushButton(tr("&Overwrite existing"), this);
    m_overwrite->setObjectName(QStringLiteral("overwriteButton"));
    m_overwrite->hide();
    auto* close = new QPushButton(tr("Close"), this);
    connect(m_promote, &QPushButton::clicked, this, &PromoteDialog::promote);
    connect(m_overwrite, &QPushButton::clicked, this, &PromoteDialog::overwrite);
    connect(close, &QPushButton::clicked, this, &QDialog::reject);
    // A different target or name invalidates an offer to overwrite.
    auto reset = [this] {
        m_overwrite->hide();
        m_promote->setEnabled(!m_busy && m_target->count() > 0);
    };
    connect(m_target, &QComboBox::currentIndexChanged, this, reset);
    connect(m_name, &QLineEdit::textChanged, this, reset);

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_progress);
    buttons->addWidget(m_result, 1);
    buttons->addWidget(m_overwrite);
    buttons->addWidget(m_promote);
    buttons->addWidget(close);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_config, 1);
    layout->addLayout(buttons);
    if (m_target->count() == 0)
        m_result->setText(
            tr("There is no other cluster to promote to: add one or start the embedded worker."));
    m_watch = new QTimer(this);
    m_watch->setInterval(1000);
    resize(820, 560);
}

void PromoteDialog::setTarget(const QString& id)
{
    const int index = m_target->findData(id);
    if (index >= 0)
        m_target->setCurrentIndex(index);
}

QString PromoteDialog::targetId() const
{
    return m_target->currentData().toString();
}

void PromoteDialog::setNewName(const QString& name)
{
    m_name->setText(name);
}

QString PromoteDialog::newName() const
{
    return m_name->text().trimmed();
}

int PromoteDialog::rowOf(const QString& key) const
{
    for (int row = 0; row < m_config->rowCount(); ++row)
        if (m_config->item(row, KeyColumn)->text() == key)
            return row;
    return -1;
}

void PromoteDialog::setValue(const QString& key, const QString& value)
{
    int row = rowOf(key);
    if (row < 0) {
        row = m_config->rowCount();
        m_config->insertRow(row);
        auto* keyItem = new QTableWidgetItem(key);
        keyItem->setFlags(keyItem->flags() & ~Qt::ItemIsEditable);
        m_config->setItem(row, KeyColumn, keyItem);
        m_config->setItem(row, ValueColumn, new QTableWidgetItem);
        auto* problem = new QTableWidgetItem;
        problem->setFlags(problem->flags() & ~Qt::ItemIsEditable);
        problem->setForeground(stateColor(QStringLiteral("FAILED")));
        m_config->setItem(row, ProblemColumn, problem);
    }
    m_config->item(row, ValueColumn)->setText(value);
}

client::ConnectorConfig PromoteDialog::config() const
{
    client::ConnectorConfig out;
    for (int row = 0; row < m_config->rowCount(); ++row)
        out.insert(m_config->item(row, KeyColumn)->text(), m_config->item(row, ValueColumn)->text());
    out.insert(kName, newName());
    return out;
}

QString PromoteDialog::errorFor(const QString& key) const
{
    const int row = rowOf(key);
    return row < 0 ? QString() : m_config->item(row, ProblemColumn)->text();
}

QString PromoteDialog::resultText() const
{
    return m_result->text();
}

void PromoteDialog::setBusy(bool busy, const QString& text)
{
    m_busy = busy;
    m_progress->setVisible(busy);
    m_promote->setEnabled(!busy && m_target->count() > 0);
    m_overwrite->setEnabled(!busy);
    m_target->setEnabled(!busy);
    m_name->setEnabled(!busy);
    m_config->setEnabled(!busy); // what is sent is what the target checked
    if (!text.isEmpty()) {
        m_result->setStyleSheet(QString());
        m_result->setText(text);
    }
}

void PromoteDialog::showResult(bool ok, const QString& text)
{
    setBusy(false);
    m_result->setStyleSheet(
        ok ? QString() : QStringLiteral("color: %1").arg(stateColor(QStringLiteral("FAILED")).name()));
    m_result->setText(text);
}

void PromoteDialog::clearErrors()
{
    for (int row = 0; row < m_config->rowCount(); ++row)
        m_config->item(row, ProblemColumn)->setText(QString());
}

void PromoteDialog::promote()
{
    if (m_busy)
        return;
    m_watch->stop();
    const int attempt = ++m_attempt;
    m_checked.clear();
    m_overwrite->hide();
    clearErrors();
    const QString target = m_target->currentText();
    if (newName().isEmpty()) {
        showResult(false, tr("Enter the connector's name on the target."));
        return;
    }
    client::ClusterClient* client = m_clientFor ? m_clientFor(targetId()) : nullptr;
    m_client = client;
    if (client == nullptr) {
        showResult(false, tr("%1 is not connected yet; try again in a moment.").arg(target));
        return;
    }
    const client::ConnectorConfig cfg = config();
    setBusy(true, tr("Checking the configuration on %1…").arg(target));
    client->validateConfig(
        cfg.value(kClass), cfg, this,
        [this, target, cfg, attempt](const client::Result<client::ConfigInfos>& r) {
            if (attempt != m_attempt)
                return;
            if (!r.ok()) {
                showResult(false, r.error.sentence);
                return;
            }
            QStringList elsewhere;
            for (const client::ConfigInfo& info : r.value->configs) {
                if (!info.value || info.value->errors.isEmpty())
                    continue;
                const int row = rowOf(info.value->name);
                const QString text = info.value->errors.join(QLatin1Char(' '));
                if (row >= 0)
                    m_config->item(row, ProblemColumn)->setText(text);
                else if (info.value->name == kName)
                    elsewhere << tr("Name: %1").arg(text);
                else
                    elsewhere << QStringLiteral("%1: %2").arg(info.value->name, text);
            }
            Q_EMIT validated(r.value->errorCount);
            if (r.value->errorCount > 0) {
                QString text = tr("%1 rejects this configuration (%n problem(s)); nothing was created.",
                                  nullptr, r.value->errorCount)
                                   .arg(target);
                if (!elsewhere.isEmpty())
                    text += QLatin1Char(' ') + elsewhere.join(QStringLiteral("; "));
                showResult(false, text);
                Q_EMIT promoted(false, text, targetId());
                return;
            }
            create(cfg);
        });
}

void PromoteDialog::create(const client::ConnectorConfig& checked)
{
    const QString target = m_target->currentText();
    const QString name = newName();
    client::ClusterClient* client = m_client;
    if (client == nullptr) {
        showResult(false, tr("%1 was removed meanwhile; nothing was created.").arg(target));
        return;
    }
    setBusy(true, tr("Creating %1 on %2…").arg(name, target));
    m_checked = checked;
    const int attempt = m_attempt;
    client->createConnector(
        name, checked, client::InitialState::Default, this,
        [this, name, target, attempt](const client::Result<client::ConnectorInfo>& r) {
            if (attempt != m_attempt)
                return;
            if (r.ok()) {
                watchState(tr("created"));
                return;
            }
            // §4.4: 409 also means "rebalance in progress"; only an existing name is offered overwrite.
            if (r.error.httpStatus == 409 &&
                r.error.connectMessage.contains(QLatin1String("already exists"), Qt::CaseInsensitive)) {
                showResult(false,
                           tr("A connector named %1 already exists on %2. Overwrite its configuration?")
                               .arg(name, target));
                m_overwrite->show();
                m_overwrite->setEnabled(true);
                Q_EMIT conflict();
                return;
            }
            showResult(false, r.error.sentence);
            Q_EMIT promoted(false, r.error.sentence, targetId());
        });
}

void PromoteDialog::overwrite()
{
    client::ClusterClient* client = m_client;
    if (m_busy || client == nullptr)
        return;
    const QString target = m_target->currentText();
    const QString name = newName();
    m_overwrite->hide();
    if (m_checked.isEmpty() || config() != m_checked) {
        const QString text =
            tr("The configuration changed since %1 checked it; nothing was replaced. Promote to check it "
               "again.")
                .arg(target);
        showResult(false, text);
        Q_EMIT promoted(false, text, targetId());
        return;
    }
    setBusy(true, tr("Replacing the configuration of %1 on %2…").arg(name, target));
    const int attempt = m_attempt;
    client->putConnectorConfig(name, m_checked, this,
                               [this, attempt](const client::Result<client::ConnectorInfo>& r) {
                                   if (attempt != m_attempt)
                                       return;
                                   if (r.ok()) {
                                       watchState(tr("overwritten"));
                                       return;
                                   }
                                   showResult(false, r.error.sentence);
                                   Q_EMIT promoted(false, r.error.sentence, targetId());
                               });
}

void PromoteDialog::watchState(const QString& verb)
{
    const QString target = m_target->currentText();
    const QString name = newName();
    const QString done = tr("%1 %2 on %3.").arg(name, verb, target);
    showResult(true, done);
    Q_EMIT promoted(true, done, targetId());
    // Then follow its state for a few seconds, so a failure on the target does not go unseen.
    m_watchLeft = 15;
    m_watch->disconnect();
    const int attempt = m_attempt;
    connect(m_watch, &QTimer::timeout, this, [this, done, name, target, attempt] {
        client::ClusterClient* client = m_client;
        if (attempt != m_attempt || client == nullptr || --m_watchLeft < 0) {
            m_watch->stop();
            return;
        }
        client->connectorStatus(
            name, this, [this, done, target, attempt](const client::Result<client::ConnectorStatus>& r) {
                // A later promote() owns the dialog now: this promotion's news would undo its busy state.
                if (attempt != m_attempt || !r.ok())
                    return;
                const QString state = r.value->connector.state;
                bool failed = state == QLatin1String("FAILED");
                bool allRunning = state == QLatin1String("RUNNING") && !r.value->tasks.isEmpty();
                for (const client::TaskState& t : r.value->tasks) {
                    failed = failed || t.state == QLatin1String("FAILED");
                    allRunning = allRunning && t.state == QLatin1String("RUNNING");
                }
                const bool held = state == QLatin1String("PAUSED") || state == QLatin1String("STOPPED");
                if (!failed && !allRunning && !held)
                    return; // still starting: ask again
                m_watch->stop();
                showResult(!failed, done + QLatin1Char(' ') +
                                        (failed ? tr("It FAILED there: see its trace on %1.").arg(target)
                                                : tr("State there: %1.").arg(state)));
            });
    });
    m_watch->start();
}

} // namespace connectdesk::ui
