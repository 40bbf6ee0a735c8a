#include "peek_widget.h"

#include "cluster_observation.h"
#include "embedded_kafka.h"
#include "guarded_target.h"

#include <QComboBox>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QThread>
#include <QVBoxLayout>

namespace connectdesk::ui::observe {

using connectdesk::observe::PeekedRecord;
using connectdesk::observe::PeekRequest;
using connectdesk::observe::PeekResult;

namespace {
QString oneLine(const QString& text)
{
    QString s = text.simplified();
    return s.size() > 200 ? s.left(199) + QChar(0x2026) : s;
}

QPlainTextEdit* readOnlyText(const QString& name, QWidget* parent)
{
    auto* e = new QPlainTextEdit(parent);
    e->setObjectName(name);
    e->setReadOnly(true);
    e->setLineWrapMode(QPlainTextEdit::NoWrap);
    e->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    return e;
}
} // namespace

PeekWidget::PeekWidget(ClusterObservation* cluster, QString connector, QWidget* parent)
    : QWidget(parent), m_cluster(cluster), m_connector(std::move(connector)),
      m_guard(std::make_unique<GuardedTarget>(this))
{
    setObjectName(QStringLiteral("peekTab"));
    m_topic = new QComboBox(this);
    m_topic->setObjectName(QStringLiteral("peekTopic"));
    m_topic->setEditable(true);
    m_topic->setMinimumContentsLength(24);
    m_count = new QSpinBox(this);
    m_count->setObjectName(QStringLiteral("peekCount"));
    m_count->setRange(1, 1000);
    m_count->setValue(20);
    m_peek = new QPushButton(tr("Peek"), this);
    m_peek->setObjectName(QStringLiteral("peekButton"));
    connect(m_peek, &QPushButton::clicked, this, &PeekWidget::peek);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("peekStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_table = new QTableWidget(0, 5, this);
    m_table->setObjectName(QStringLiteral("peekTable"));
    m_table->setHorizontalHeaderLabels({tr("Partition"), tr("Offset"), tr("Time"), tr("Key"), tr("Value")});
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->horizontalHeader()->setStretchLastSection(true);
    connect(m_table, &QTableWidget::currentCellChanged, this, &PeekWidget::showSelected);

    m_value = readOnlyText(QStringLiteral("peekValue"), this);
    m_schema = readOnlyText(QStringLiteral("peekSchema"), this);
    m_key = readOnlyText(QStringLiteral("peekKey"), this);
    m_headers = readOnlyText(QStringLiteral("peekHeaders"), this);
    m_details = new QTabWidget(this);
    m_details->addTab(m_value, tr("Value"));
    m_details->addTab(m_schema, tr("Schema"));
    m_details->addTab(m_key, tr("Key"));
    m_details->addTab(m_headers, tr("Headers"));

    auto* bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Topic"), this));
    bar->addWidget(m_topic, 1);
    bar->addWidget(new QLabel(tr("Last"), this));
    bar->addWidget(m_count);
    bar->addWidget(m_peek);
    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_table);
    split->addWidget(m_details);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_status);
    layout->addWidget(split, 1);

    const QString reason = cluster->kafkaUnavailableReason();
    if (!reason.isEmpty()) {
        m_status->setText(reason);
        m_peek->setEnabled(false);
        return;
    }
    loadConnector();
}

PeekWidget::~PeekWidget()
{
    m_guard->detach();
}

void PeekWidget::loadConnector()
{
    ClusterObservation* cluster = m_cluster.data();
    client::ClusterClient* client = cluster != nullptr ? cluster->client() : nullptr;
    if (client == nullptr)
        return;
    // The converters the connector reads or writes its records with (key.converter,
    // value.converter.schemas.enable, ...); what is missing is guessed per record by peekLast.
    client->connectorConfig(m_connector, this, [this](const auto& config) {
        QStringList topics;
        QMap<QString, QString> connectorConfig;
        if (config.ok()) {
            for (auto it = config.value->cbegin(); it != config.value->cend(); ++it) {
                connectorConfig.insert(it.key(), it.value());
                if (it.key() == QLatin1String("topic") || it.key() == QLatin1String("topics"))
                    for (const QString& t : it.value().split(QLatin1Char(','), Qt::SkipEmptyParts))
                        topics.append(t.trimmed());
            }
        }
        // A connector naming no converter uses the worker's (known for the embedded worker).
        const ClusterObservation* owner = m_cluster.data();
        m_converters = effectiveConverters(
            owner != nullptr ? owner->workerConverters() : QMap<QString, QString>(), connectorConfig);
        for (const QString& t : topics)
            if (m_topic->findText(t) < 0)
                m_topic->addItem(t);
        ClusterObservation* still = m_cluster.data();
        client::ClusterClient* again = still != nullptr ? still->client() : nullptr;
        if (again == nullptr)
            return;
        again->connectorTopics(m_connector, this, [this](const auto& active) {
            if (active.ok())
                for (const QString& t : *active.value)
                    if (m_topic->findText(t) < 0)
                        m_topic->addItem(t);
            Q_EMIT topicsKnown();
        });
    });
}

QStringList PeekWidget::topics() const
{
    QStringList out;
    for (int i = 0; i < m_topic->count(); ++i)
        out << m_topic->itemText(i);
    return out;
}

void PeekWidget::setTopic(const QString& topic)
{
    m_topic->setCurrentText(topic);
}

void PeekWidget::setCount(int n)
{
    m_count->setValue(n);
}

QString PeekWidget::statusText() const
{
    return m_status->text();
}

QString PeekWidget::valueText() const
{
    return m_value->toPlainText();
}

QString PeekWidget::schemaText() const
{
    return m_schema->toPlainText();
}

QString PeekWidget::headersText() const
{
    return m_headers->toPlainText();
}

void PeekWidget::peek()
{
    ClusterObservation* cluster = m_cluster.data();
    if (m_busy || cluster == nullptr || !cluster->hasKafka())
        return;
    const QString topic = m_topic->currentText().trimmed();
    if (topic.isEmpty()) {
        m_status->setText(tr("Choose or type a topic."));
        return;
    }
    PeekRequest request;
    request.properties = cluster->kafkaProperties();
    request.topic = topic;
    request.lastN = m_count->value();
    request.converterConfig = m_converters;
    m_busy = true;
    m_peek->setEnabled(false);
    m_status->setText(tr("Reading the last %n record(s) of %1…", nullptr, request.lastN).arg(topic));
    // peekLast blocks on Kafka: its own thread, the result posted back unless this view is gone.
    const GuardedTarget::Handle handle = m_guard->handle();
    PeekWidget* self = this;
    QThread* thread = QThread::create([request, handle, self] {
        PeekResult result = connectdesk::observe::peekLast(request);
        handle.post([self, result = std::move(result)] { self->showResult(result); });
    });
    connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    thread->start();
}

void PeekWidget::showResult(const PeekResult& result)
{
    m_busy = false;
    m_peek->setEnabled(true);
    m_records = result.records;
    m_table->setRowCount(0);
    m_table->setRowCount(static_cast<int>(m_records.size()));
    for (int row = 0; row < m_records.size(); ++row) {
        const PeekedRecord& r = m_records.at(row);
        const QString time = r.raw.timestampMs < 0 ? QString()
                                                   : QDateTime::fromMSecsSinceEpoch(r.raw.timestampMs)
                                                         .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
        const QStringList cells{QString::number(r.raw.partition), QString::number(r.raw.offset), time,
                                r.raw.key ? oneLine(r.keyText) : QStringLiteral("null"),
                                !r.decodeError.isEmpty() ? tr("(undecodable) %1").arg(oneLine(r.valueText))
                                : r.raw.value            ? oneLine(r.valueText)
                                                         : QStringLiteral("null")};
        for (int c = 0; c < cells.size(); ++c)
            m_table->setItem(row, static_cast<int>(c), new QTableWidgetItem(cells.at(c)));
    }
    m_table->resizeColumnsToContents();
    if (!result.error.isEmpty())
        m_status->setText(result.error);
    else
        m_status->setText(tr("%n record(s), newest last.", nullptr, static_cast<int>(m_records.size())));
    if (!m_records.isEmpty())
        m_table->setCurrentCell(static_cast<int>(m_records.size()) - 1, 0);
    else
        showSelected();
    Q_EMIT peeked(result.error.isEmpty());
}

void PeekWidget::showSelected()
{
    const int row = m_table->currentRow();
    if (row < 0 || row >= m_records.size()) {
        m_value->clear();
        m_schema->clear();
        m_key->clear();
        m_headers->clear();
        return;
    }
    const PeekedRecord& r = m_records.at(row);
    m_value->setPlainText(r.decodeError.isEmpty() ? r.valueText
                                                  : r.decodeError + QStringLiteral("\n\n") + r.valueText);
    QString schema;
    if (!r.valueSchemaText.isEmpty())
        schema += tr("Value schema:\n") + r.valueSchemaText;
    if (!r.keySchemaText.isEmpty())
        schema +=
            (schema.isEmpty() ? QString() : QStringLiteral("\n\n")) + tr("Key schema:\n") + r.keySchemaText;
    m_schema->setPlainText(schema);
    m_key->setPlainText(r.keyDecodeError.isEmpty() ? r.keyText
                                                   : r.keyDecodeError + QStringLiteral("\n\n") + r.keyText);
    QStringList headers;
    for (const auto& [name, value] : r.headers)
        headers << name + QStringLiteral(": ") + value;
    m_headers->setPlainText(headers.join(QLatin1Char('\n')));
}

} // namespace connectdesk::ui::observe
