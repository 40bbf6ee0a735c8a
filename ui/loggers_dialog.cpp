#include "loggers_dialog.h"

#include "state_style.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace connectdesk::ui {

namespace {

enum Column { NameColumn, LevelColumn, ModifiedColumn };

// The levels Connect accepts (log4j's, §4.24), most verbose first.
const QStringList& levels()
{
    static const QStringList all = {QStringLiteral("TRACE"), QStringLiteral("DEBUG"), QStringLiteral("INFO"),
                                    QStringLiteral("WARN"),  QStringLiteral("ERROR"), QStringLiteral("FATAL"),
                                    QStringLiteral("OFF")};
    return all;
}

} // namespace

LoggersDialog::LoggersDialog(client::ClusterClient* client, const QString& clusterTitle, QWidget* parent)
    : QDialog(parent), m_client(client)
{
    setWindowTitle(tr("Logger levels of %1").arg(clusterTitle));
    m_table = new QTableWidget(0, 3, this);
    m_table->setObjectName(QStringLiteral("loggersTable"));
    m_table->setHorizontalHeaderLabels({tr("Logger"), tr("Level"), tr("Last changed")});
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->horizontalHeader()->setSectionResizeMode(NameColumn, QHeaderView::Stretch);

    m_newLogger = new QLineEdit(this);
    m_newLogger->setObjectName(QStringLiteral("newLogger"));
    m_newLogger->setPlaceholderText(tr("Logger or namespace, e.g. org.apache.kafka.connect.runtime"));
    m_newLevel = new QComboBox(this);
    m_newLevel->addItems(levels());
    m_newLevel->setCurrentText(QStringLiteral("DEBUG"));
    auto* set = new QPushButton(tr("&Set"), this);
    m_clusterScope = new QCheckBox(tr("Whole cluster"), this);
    m_clusterScope->setObjectName(QStringLiteral("clusterScope"));
    m_clusterScope->setToolTip(tr("Apache Kafka Connect 3.7+ in distributed mode applies the level on every "
                                  "worker (scope=cluster); otherwise only the worker answering changes"));
    connect(set, &QPushButton::clicked, this, [this] {
        const QString name = m_newLogger->text().trimmed();
        if (name.isEmpty()) {
            showMessage(false, tr("Type a logger name first."));
            return;
        }
        setLevel(name, m_newLevel->currentText());
    });

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("loggersMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* reloadButton = new QPushButton(tr("Re&load"), this);
    auto* close = new QPushButton(tr("Close"), this);
    connect(reloadButton, &QPushButton::clicked, this, &LoggersDialog::reload);
    connect(close, &QPushButton::clicked, this, &QDialog::reject);

    auto* setRow = new QHBoxLayout;
    setRow->addWidget(m_newLogger, 1);
    setRow->addWidget(m_newLevel);
    setRow->addWidget(m_clusterScope);
    setRow->addWidget(set);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(reloadButton);
    buttons->addStretch(1);
    buttons->addWidget(close);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_table, 1);
    layout->addLayout(setRow);
    layout->addWidget(m_message);
    layout->addLayout(buttons);
    resize(720, 480);
    reload();
}

QStringList LoggersDialog::loggerNames() const
{
    QStringList names;
    for (int row = 0; row < m_table->rowCount(); ++row)
        names << m_table->item(row, NameColumn)->text();
    return names;
}

QString LoggersDialog::levelOf(const QString& logger) const
{
    for (int row = 0; row < m_table->rowCount(); ++row)
        if (m_table->item(row, NameColumn)->text() == logger)
            if (auto* combo = qobject_cast<QComboBox*>(m_table->cellWidget(row, LevelColumn)))
                return combo->currentText();
    return {};
}

QString LoggersDialog::messageText() const
{
    return m_message->text();
}

void LoggersDialog::reload()
{
    load({}, {}, 0);
}

void LoggersDialog::load(const QString& logger, const QString& level, int attemptsLeft)
{
    client::ClusterClient* client = m_client;
    if (client == nullptr) {
        showMessage(false, tr("The cluster is gone."));
        Q_EMIT settled();
        return;
    }
    const int generation = ++m_generation;
    client->loggers(this, [this, generation, logger, level,
                           attemptsLeft](const client::Result<QMap<QString, client::LoggerLevel>>& r) {
        if (generation != m_generation)
            return;
        if (r.ok() && !logger.isEmpty() && attemptsLeft > 1 &&
            r.value->value(logger).level.toUpper() != level.toUpper()) {
            QTimer::singleShot(kPollMs, this, [this, generation, logger, level, attemptsLeft] {
                if (generation == m_generation)
                    load(logger, level, attemptsLeft - 1);
            });
            return;
        }
        if (!r.ok()) {
            showMessage(false, r.error.sentence);
            Q_EMIT settled();
            return;
        }
        m_table->setRowCount(0);
        for (auto it = r.value->begin(); it != r.value->end(); ++it) {
            const int row = m_table->rowCount();
            m_table->insertRow(row);
            m_table->setItem(row, NameColumn, new QTableWidgetItem(it.key()));
            auto* combo = new QComboBox(m_table);
            combo->addItems(levels());
            combo->setCurrentText(it.value().level.toUpper());
            const QString& name = it.key();
            // Changing the combo applies at once: one click, like the rest of the console.
            connect(combo, &QComboBox::textActivated, this,
                    [this, name](const QString& chosen) { setLevel(name, chosen); });
            m_table->setCellWidget(row, LevelColumn, combo);
            const auto modified = it.value().lastModified;
            m_table->setItem(row, ModifiedColumn,
                             new QTableWidgetItem(
                                 modified ? QDateTime::fromMSecsSinceEpoch(*modified).toString(Qt::ISODate)
                                          : tr("never (startup level)")));
        }
        Q_EMIT settled();
    });
}

void LoggersDialog::setLevel(const QString& logger, const QString& level)
{
    client::ClusterClient* client = m_client;
    if (client == nullptr)
        return;
    const auto scope =
        m_clusterScope->isChecked() ? client::LoggerScope::Cluster : client::LoggerScope::Worker;
    client->setLoggerLevel(
        logger, level, scope, this, [this, logger, level](const client::Result<QStringList>& r) {
            if (!r.ok()) {
                showMessage(false, r.error.sentence);
                Q_EMIT settled();
                return;
            }
            showMessage(
                true,
                r.value->isEmpty()
                    ? tr("%1 set to %2.").arg(logger, level)
                    : tr("%1 set to %2: %3 logger(s) changed.").arg(logger, level).arg(r.value->size()));
            load(logger, level, kWaitMs / kPollMs);
        });
}

void LoggersDialog::showMessage(bool ok, const QString& text)
{
    m_message->setText(text);
    m_message->setStyleSheet(
        ok ? QString() : QStringLiteral("color: %1").arg(stateColor(QStringLiteral("FAILED")).name()));
}

} // namespace connectdesk::ui
