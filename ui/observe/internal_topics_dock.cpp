#include "internal_topics_dock.h"

#include "cluster_observation.h"
#include "connector_detail_widget.h"

#include <QDateTime>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QStandardItemModel>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace connectdesk::ui::observe {

using connectdesk::observe::ConfigEvent;
using connectdesk::observe::InternalTopicReader;
using connectdesk::observe::OffsetEvent;

namespace {

QString when(qint64 ms)
{
    return ms < 0 ? QString()
                  : QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
}

QString compact(const QJsonValue& v)
{
    if (v.isObject())
        return QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
    if (v.isArray())
        return QString::fromUtf8(QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact));
    if (v.isString())
        return v.toString();
    if (v.isNull())
        return QStringLiteral("null");
    return QString::fromUtf8(QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact)).mid(1).chopped(1);
}

// Config records hold connector configs in clear unless externalized: mask secret-looking values.
QJsonObject masked(QJsonObject body)
{
    QJsonObject props = body.value(QStringLiteral("properties")).toObject();
    bool changed = false;
    for (auto it = props.begin(); it != props.end(); ++it)
        if (isSecretConfig(it.key(), it.value().toString())) {
            it.value() = QStringLiteral("********");
            changed = true;
        }
    if (changed)
        body.insert(QStringLiteral("properties"), props);
    return body;
}

QString kindName(ConfigEvent::Kind k)
{
    switch (k) {
    case ConfigEvent::ConnectorConfig:
        return QObject::tr("connector config");
    case ConfigEvent::TaskConfig:
        return QObject::tr("task config");
    case ConfigEvent::TaskCommit:
        return QObject::tr("task commit");
    case ConfigEvent::TargetState:
        return QObject::tr("target state");
    case ConfigEvent::SessionKey:
        return QObject::tr("session key");
    case ConfigEvent::Restart:
        return QObject::tr("restart request");
    case ConfigEvent::TaskCount:
        return QObject::tr("task count");
    case ConfigEvent::Deleted:
        return QObject::tr("deleted");
    case ConfigEvent::LoggerLevel:
        return QObject::tr("logger level");
    case ConfigEvent::Undecodable:
        break;
    }
    return QObject::tr("undecodable");
}

QTableView* tableFor(QStandardItemModel* model, const QString& name, QWidget* parent)
{
    auto* view = new QTableView(parent);
    view->setObjectName(name);
    view->setModel(model);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setWordWrap(false);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setStretchLastSection(true);
    return view;
}

void trim(QStandardItemModel* model)
{
    const int excess = model->rowCount() - InternalTopicsDock::kMaxRows;
    if (excess > 0)
        model->removeRows(0, excess);
}

} // namespace

InternalTopicsDock::InternalTopicsDock(QWidget* parent) : QDockWidget(tr("Internal topics"), parent)
{
    setObjectName(QStringLiteral("internalTopicsDock"));
    auto* body = new QWidget(this);
    m_configModel = new QStandardItemModel(0, 6, this);
    m_configModel->setHorizontalHeaderLabels(
        {tr("When"), tr("Kind"), tr("Connector"), tr("Task"), tr("Content"), tr("Position")});
    m_offsetsModel = new QStandardItemModel(0, 5, this);
    m_offsetsModel->setHorizontalHeaderLabels(
        {tr("When"), tr("Connector"), tr("Source partition"), tr("Source offset"), tr("Position")});
    m_configView = tableFor(m_configModel, QStringLiteral("configTopicView"), body);
    m_offsetsView = tableFor(m_offsetsModel, QStringLiteral("offsetsTopicView"), body);
    m_tabs = new QTabWidget(body);
    m_tabs->addTab(m_configView, tr("Config topic"));
    m_tabs->addTab(m_offsetsView, tr("Offsets topic"));
    m_status = new QLabel(body);
    m_status->setObjectName(QStringLiteral("internalTopicsStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* layout = new QVBoxLayout(body);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addWidget(m_status);
    layout->addWidget(m_tabs, 1);
    setWidget(body);
    // Closing the dock stops its consumers; showing it again reads the topics anew.
    connect(this, &QDockWidget::visibilityChanged, this, [this](bool visible) {
        if (visible && !isReading())
            restart();
        else if (!visible)
            stopReaders();
    });
}

InternalTopicsDock::~InternalTopicsDock()
{
    stopReaders();
}

void InternalTopicsDock::setCluster(ClusterObservation* cluster)
{
    if (cluster == m_cluster && isReading())
        return;
    m_cluster = cluster;
    stopReaders();
    if (isVisible())
        restart();
}

bool InternalTopicsDock::isReading() const
{
    return (m_configReader && m_configReader->isRunning()) ||
           (m_offsetsReader && m_offsetsReader->isRunning());
}

QString InternalTopicsDock::statusText() const
{
    return m_status->text();
}

void InternalTopicsDock::stopReaders()
{
    m_configReader.reset(); // destructors stop the threads
    m_offsetsReader.reset();
}

void InternalTopicsDock::restart()
{
    stopReaders();
    m_configModel->removeRows(0, m_configModel->rowCount());
    m_offsetsModel->removeRows(0, m_offsetsModel->rowCount());
    if (!m_cluster) {
        m_status->setText(tr("No cluster selected."));
        return;
    }
    const QString reason = m_cluster->internalTopicsUnavailableReason();
    if (!reason.isEmpty()) {
        m_status->setText(reason);
        return;
    }
    const auto& topics = m_cluster->topics();
    m_configReader = std::make_unique<InternalTopicReader>(m_cluster->kafkaProperties(),
                                                           InternalTopicReader::Kind::Config, topics.config);
    m_offsetsReader = std::make_unique<InternalTopicReader>(
        m_cluster->kafkaProperties(), InternalTopicReader::Kind::Offsets, topics.offsets);
    m_configState = tr("reading %1…").arg(topics.config);
    m_offsetsState = tr("reading %1…").arg(topics.offsets);
    const auto showState = [this] {
        m_status->setText(tr("Config: %1  Offsets: %2").arg(m_configState, m_offsetsState));
    };
    showState();
    // The readers emit on their own threads, so their signals are queued. Each reader, not this
    // dock, is the context: deleting it (stopReaders(), a hide, another cluster) drops what it queued
    // and was not delivered yet, which would otherwise land in the models cleared for the next ones.
    InternalTopicReader* config = m_configReader.get();
    InternalTopicReader* offsets = m_offsetsReader.get();
    connect(config, &InternalTopicReader::configEvents, config,
            [this](const QList<ConfigEvent>& events) { addConfig(events); });
    connect(offsets, &InternalTopicReader::offsetEvents, offsets,
            [this](const QList<OffsetEvent>& events) { addOffsets(events); });
    const QString configTopic = topics.config;
    const QString offsetsTopic = topics.offsets;
    connect(config, &InternalTopicReader::caughtUp, config, [this, configTopic, showState] {
        m_configState = tr("%1 followed live").arg(configTopic);
        showState();
    });
    connect(offsets, &InternalTopicReader::caughtUp, offsets, [this, offsetsTopic, showState] {
        m_offsetsState = tr("%1 followed live").arg(offsetsTopic);
        showState();
    });
    connect(config, &InternalTopicReader::errorOccurred, config, [this, showState](const QString& m) {
        m_configState = m;
        showState();
    });
    connect(offsets, &InternalTopicReader::errorOccurred, offsets, [this, showState](const QString& m) {
        m_offsetsState = m;
        showState();
    });
    m_configReader->start();
    m_offsetsReader->start();
}

void InternalTopicsDock::addConfig(const QList<ConfigEvent>& events)
{
    for (const ConfigEvent& e : events) {
        QString content;
        if (e.kind == ConfigEvent::Undecodable)
            content = e.error + QStringLiteral(" ") + e.rawValue;
        else if (e.kind == ConfigEvent::Deleted)
            content = tr("tombstone of %1").arg(kindName(e.deletedKind));
        else
            content = compact(masked(e.body));
        QList<QStandardItem*> row{
            new QStandardItem(when(e.timestampMs)),
            new QStandardItem(kindName(e.kind)),
            new QStandardItem(e.kind == ConfigEvent::LoggerLevel ? e.name : e.connector),
            new QStandardItem(e.task < 0 ? QString() : QString::number(e.task)),
            new QStandardItem(content),
            new QStandardItem(QStringLiteral("%1@%2").arg(e.partition).arg(e.offset))};
        row[4]->setToolTip(content.left(2000));
        m_configModel->appendRow(row);
    }
    trim(m_configModel);
}

void InternalTopicsDock::addOffsets(const QList<OffsetEvent>& events)
{
    for (const OffsetEvent& e : events) {
        const QString offset = !e.error.isEmpty() ? tr("undecodable: %1").arg(e.error)
                               : e.sourceOffset   ? compact(*e.sourceOffset)
                                                  : tr("reset (tombstone)");
        QList<QStandardItem*> row{
            new QStandardItem(when(e.timestampMs)), new QStandardItem(e.connector),
            new QStandardItem(e.error.isEmpty() ? compact(e.sourcePartition) : e.rawKey),
            new QStandardItem(offset),
            new QStandardItem(QStringLiteral("%1@%2").arg(e.partition).arg(e.offset))};
        m_offsetsModel->appendRow(row);
    }
    trim(m_offsetsModel);
}

} // namespace connectdesk::ui::observe
