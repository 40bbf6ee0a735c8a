#include "offsets_dialog.h"

#include "state_style.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace connectdesk::ui {

namespace {

enum Column { PartitionColumn, OffsetColumn };

QString compact(const QJsonObject& object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QString offsetJson(const std::optional<QJsonObject>& offset)
{
    return offset ? compact(*offset) : QStringLiteral("null");
}

// The edited text of an offset cell: a JSON object, or null (which resets that partition).
bool parseOffset(const QString& text, std::optional<QJsonObject>* out, QString* error)
{
    const QString trimmed = text.trimmed();
    if (trimmed == QLatin1String("null")) {
        out->reset();
        return true;
    }
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(trimmed.toUtf8(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        *error = parseError.error != QJsonParseError::NoError
                     ? parseError.errorString()
                     : QObject::tr("an offset is a JSON object such as {\"position\": 42}, or null");
        return false;
    }
    *out = doc.object();
    return true;
}

} // namespace

OffsetsDialog::OffsetsDialog(client::ClusterClient* client, const QString& connector, QWidget* parent)
    : QDialog(parent), m_client(client), m_connector(connector)
{
    setWindowTitle(tr("Offsets of %1").arg(connector));
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("offsetsState"));
    m_status->setWordWrap(true);
    m_table = new QTableWidget(0, 2, this);
    m_table->setObjectName(QStringLiteral("offsetsTable"));
    m_table->setHorizontalHeaderLabels({tr("Partition"), tr("Offset (editable when stopped)")});
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->resizeSection(PartitionColumn, 320);
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("offsetsMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_reload = new QPushButton(tr("Re&load"), this);
    m_stop = new QPushButton(tr("&Stop connector"), this);
    m_stop->setObjectName(QStringLiteral("offsetsStop"));
    m_stop->setToolTip(tr("Offsets can be changed only while the connector is stopped"));
    m_apply = new QPushButton(tr("&Apply changes"), this);
    m_apply->setObjectName(QStringLiteral("offsetsApply"));
    m_reset = new QPushButton(tr("&Reset all…"), this);
    m_reset->setObjectName(QStringLiteral("offsetsReset"));
    auto* close = new QPushButton(tr("Close"), this);
    connect(m_reload, &QPushButton::clicked, this, &OffsetsDialog::reload);
    connect(m_stop, &QPushButton::clicked, this, &OffsetsDialog::stopConnector);
    connect(m_apply, &QPushButton::clicked, this, &OffsetsDialog::applyChanges);
    connect(m_reset, &QPushButton::clicked, this, [this] {
        const auto answer = QMessageBox::question(
            this, tr("Reset offsets"),
            tr("Reset every offset of %1? A source starts over from its beginning; a sink re-reads its "
               "topics from auto.offset.reset.")
                .arg(m_connector));
        if (answer == QMessageBox::Yes)
            resetAll();
    });
    connect(close, &QPushButton::clicked, this, &QDialog::reject);

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_reload);
    buttons->addWidget(m_stop);
    buttons->addStretch(1);
    buttons->addWidget(m_apply);
    buttons->addWidget(m_reset);
    buttons->addWidget(close);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_status);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_message);
    layout->addLayout(buttons);
    resize(760, 420);
    reload();
}

int OffsetsDialog::rowCount() const
{
    return m_table->rowCount();
}

QString OffsetsDialog::partitionText(int row) const
{
    const QTableWidgetItem* item = m_table->item(row, PartitionColumn);
    return item ? item->text() : QString();
}

QString OffsetsDialog::offsetText(int row) const
{
    const QTableWidgetItem* item = m_table->item(row, OffsetColumn);
    return item ? item->text() : QString();
}

void OffsetsDialog::setOffsetText(int row, const QString& json)
{
    if (QTableWidgetItem* item = m_table->item(row, OffsetColumn))
        item->setText(json);
}

QString OffsetsDialog::messageText() const
{
    return m_message->text();
}

void OffsetsDialog::reload()
{
    if (!m_client) {
        showMessage(false, tr("The cluster is gone."));
        Q_EMIT settled();
        return;
    }
    setBusy(true);
    const int generation = ++m_reloadGeneration;
    // State first (it decides what may be edited), then the offsets themselves.
    m_client->connectorStatus(
        m_connector, this, [this, generation](const client::Result<client::ConnectorStatus>& status) {
            if (generation != m_reloadGeneration)
                return;
            m_state = status.ok() ? status.value->connector.state : QString();
            m_status->setText(status.ok() ? tr("%1 is %2.").arg(m_connector, m_state)
                                          : status.error.sentence);
            if (!m_client) {
                setBusy(false);
                Q_EMIT settled();
                return;
            }
            m_client->connectorOffsets(
                m_connector, this,
                [this, generation](const client::Result<client::ConnectorOffsets>& offsets) {
                    if (generation != m_reloadGeneration)
                        return;
                    setBusy(false);
                    if (!offsets.ok()) {
                        showMessage(false, offsets.error.sentence);
                        Q_EMIT settled();
                        return;
                    }
                    m_loaded = *offsets.value;
                    m_table->setRowCount(0);
                    for (const client::ConnectorOffset& o : m_loaded) {
                        const int row = m_table->rowCount();
                        m_table->insertRow(row);
                        auto* partition = new QTableWidgetItem(compact(o.partition));
                        partition->setFlags(partition->flags() & ~Qt::ItemIsEditable);
                        m_table->setItem(row, PartitionColumn, partition);
                        m_table->setItem(row, OffsetColumn, new QTableWidgetItem(offsetJson(o.offset)));
                    }
                    if (m_loaded.isEmpty())
                        showMessage(true, tr("No offsets are stored for %1.").arg(m_connector));
                    else
                        m_message->clear();
                    updateButtons();
                    Q_EMIT settled();
                });
        });
}

void OffsetsDialog::stopConnector()
{
    if (!m_client)
        return;
    setBusy(true);
    m_client->stopConnector(m_connector, this, [this](const client::Result<client::Done>& r) {
        setBusy(false);
        if (!r.ok()) {
            showMessage(false, r.error.sentence);
            Q_EMIT settled();
            return;
        }
        Q_EMIT changed(tr("%1: stop requested.").arg(m_connector));
        setBusy(true);
        awaitStopped(kStopWaitMs / kStopPollMs);
    });
}

void OffsetsDialog::awaitStopped(int attemptsLeft)
{
    if (!m_client) {
        reload(); // says the cluster is gone
        return;
    }
    m_status->setText(tr("Stopping %1…").arg(m_connector));
    const int generation = m_reloadGeneration; // a reload meanwhile ends the wait
    m_client->connectorStatus(
        m_connector, this,
        [this, attemptsLeft, generation](const client::Result<client::ConnectorStatus>& r) {
            if (generation != m_reloadGeneration)
                return;
            if ((r.ok() && r.value->connector.state == QLatin1String("STOPPED")) || attemptsLeft <= 1) {
                reload(); // shows the state it is in, stopped or not
                return;
            }
            QTimer::singleShot(kStopPollMs, this, [this, attemptsLeft, generation] {
                if (generation == m_reloadGeneration)
                    awaitStopped(attemptsLeft - 1);
            });
        });
}

void OffsetsDialog::applyChanges()
{
    if (!m_client)
        return;
    client::ConnectorOffsets edited;
    for (int row = 0; row < m_table->rowCount() && row < m_loaded.size(); ++row) {
        std::optional<QJsonObject> offset;
        QString error;
        if (!parseOffset(offsetText(row), &offset, &error)) {
            m_table->setCurrentCell(row, OffsetColumn);
            showMessage(false, tr("Row %1: %2. Nothing was sent.").arg(row + 1).arg(error));
            Q_EMIT settled();
            return;
        }
        if (offset != m_loaded[row].offset)
            edited.append(client::ConnectorOffset{m_loaded[row].partition, offset});
    }
    if (edited.isEmpty()) {
        showMessage(true, tr("No offset was changed."));
        Q_EMIT settled();
        return;
    }
    setBusy(true);
    m_client->alterOffsets(m_connector, edited, this,
                           [this](const client::Result<QString>& r) { changeDone(r); });
}

void OffsetsDialog::resetAll()
{
    if (!m_client)
        return;
    setBusy(true);
    m_client->resetOffsets(m_connector, this, [this](const client::Result<QString>& r) { changeDone(r); });
}

void OffsetsDialog::changeDone(const client::Result<QString>& r)
{
    setBusy(false);
    if (!r.ok()) {
        showMessage(false, r.error.sentence);
        Q_EMIT settled();
        return;
    }
    showMessage(true, *r.value);
    Q_EMIT changed(tr("%1: %2").arg(m_connector, *r.value));
    reload();
}

void OffsetsDialog::setBusy(bool busy)
{
    m_busy = busy;
    updateButtons();
}

void OffsetsDialog::showMessage(bool ok, const QString& text)
{
    m_message->setText(text);
    m_message->setStyleSheet(
        ok ? QString() : QStringLiteral("color: %1").arg(stateColor(QStringLiteral("FAILED")).name()));
}

void OffsetsDialog::updateButtons()
{
    const bool stopped = m_state == QLatin1String("STOPPED");
    m_reload->setEnabled(!m_busy);
    m_stop->setEnabled(!m_busy && !m_state.isEmpty() && !stopped);
    m_apply->setEnabled(!m_busy && stopped && !m_loaded.isEmpty());
    m_reset->setEnabled(!m_busy && stopped);
    const auto editable =
        stopped && !m_busy ? QAbstractItemView::AllEditTriggers : QAbstractItemView::NoEditTriggers;
    m_table->setEditTriggers(editable);
}

} // namespace connectdesk::ui
