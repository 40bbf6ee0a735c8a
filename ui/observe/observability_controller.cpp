#include "observability_controller.h"

#include "cluster_observation.h"
#include "cluster_store.h"
#include "failure_notifier.h"
#include "internal_topics_dock.h"
#include "log_dock.h"
#include "peek_widget.h"
#include "runtime/standalone_herder.h"
#include "status_timeline.h"
#include "throughput_tab.h"

#include <QDockWidget>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>

namespace connectdesk::ui::observe {

ObservabilityController::ObservabilityController(QMainWindow* window, bool useTray)
    : QObject(window), m_window(window)
{
    m_notifier = new FailureNotifier(this, useTray);
    connect(m_notifier, &FailureNotifier::failedCountChanged, this,
            &ObservabilityController::failedCountChanged);
    connect(m_notifier, &FailureNotifier::showConnectorRequested, this,
            &ObservabilityController::showConnectorRequested);

    m_logDock = new LogDock(window);
    m_statusDock = new QDockWidget(tr("Status history"), window);
    m_statusDock->setObjectName(QStringLiteral("statusHistoryDock"));
    m_statusTimeline = new StatusTimelineWidget(m_statusDock);
    m_statusDock->setWidget(m_statusTimeline);
    m_topicsDock = new InternalTopicsDock(window);
    for (QDockWidget* dock :
         {static_cast<QDockWidget*>(m_logDock), m_statusDock, static_cast<QDockWidget*>(m_topicsDock)}) {
        window->addDockWidget(Qt::BottomDockWidgetArea, dock);
        dock->hide();
    }
    window->tabifyDockWidget(m_logDock, m_statusDock);
    window->tabifyDockWidget(m_statusDock, m_topicsDock);
    // The status dock reads the shown cluster's status topic only while it is visible.
    connect(m_statusDock, &QDockWidget::visibilityChanged, this, [this](bool visible) {
        if (visible)
            followShownStatus();
        else {
            m_statusTimeline->stop();
            m_statusFollowed.clear();
        }
    });

    m_menu = window->menuBar()->addMenu(tr("&Observe"));
    m_menu->setObjectName(QStringLiteral("observeMenu"));
    m_menu->addAction(m_logDock->toggleViewAction());
    m_menu->addAction(m_statusDock->toggleViewAction());
    m_menu->addAction(m_topicsDock->toggleViewAction());
    m_menu->addSeparator();
    m_menu->addAction(m_notifier->restartAction());
}

ObservabilityController::~ObservabilityController() = default;

void ObservabilityController::setEmbeddedHerder(runtime::StandaloneHerder* herder)
{
    m_herder = herder;
    for (ClusterObservation* c : std::as_const(m_clusters))
        if (c->isEmbedded())
            c->setEmbeddedHerder(herder);
}

void ObservabilityController::setCluster(const QString& clusterId, const QString& displayName,
                                         client::ClusterClient* client, const ClusterProfile* profile,
                                         const QMap<QString, QString>& kafkaSecrets)
{
    connectdesk::observe::ClientProperties kafka;
    ObservedTopics topics;
    if (profile) {
        if (!profile->kafkaBootstrap.trimmed().isEmpty())
            kafka = profile->kafkaConfig(kafkaSecrets);
        topics.status = profile->statusTopic;
        topics.config = profile->configTopic;
        topics.offsets = profile->offsetsTopic;
    }
    install(new ClusterObservation(clusterId, displayName, client, profile == nullptr, kafka, topics, this),
            client);
}

void ObservabilityController::setEmbeddedCluster(const QString& clusterId, const QString& displayName,
                                                 client::ClusterClient* client, const EmbeddedKafka& kafka)
{
    auto* c = new ClusterObservation(clusterId, displayName, client, true, kafka.properties, ObservedTopics(),
                                     this);
    c->setWorkerConverters(kafka.converters);
    install(c, client);
}

void ObservabilityController::install(ClusterObservation* c, client::ClusterClient* client)
{
    const QString clusterId = c->id();
    if (ClusterObservation* old = m_clusters.take(clusterId))
        old->deleteLater(); // tabs holding it let go through their QPointer
    if (c->isEmbedded())
        c->setEmbeddedHerder(m_herder);
    m_clusters.insert(clusterId, c);
    m_notifier->setCluster(clusterId, c->displayName(), client);
    if (clusterId == m_shown) {
        m_statusFollowed.clear();
        clusterShown(clusterId);
    }
    Q_EMIT clusterChanged(clusterId);
}

void ObservabilityController::removeCluster(const QString& clusterId)
{
    ClusterObservation* old = m_clusters.take(clusterId);
    if (old && m_topicsDock->cluster() == old)
        m_topicsDock->setCluster(nullptr); // stops its readers now, not when `old` is deleted
    if (old)
        old->deleteLater();
    m_notifier->removeCluster(clusterId);
    if (m_statusFollowed == clusterId) {
        m_statusTimeline->stop();
        m_statusFollowed.clear();
    }
    Q_EMIT clusterChanged(clusterId);
}

void ObservabilityController::connectorsRefreshed(const QString& clusterId,
                                                  const QList<client::ConnectorOverview>& connectors)
{
    m_notifier->connectorsRefreshed(clusterId, connectors);
}

void ObservabilityController::clusterShown(const QString& clusterId)
{
    m_shown = clusterId;
    m_topicsDock->setCluster(cluster(clusterId));
    if (m_statusDock->isVisible())
        followShownStatus();
}

void ObservabilityController::followShownStatus()
{
    if (m_statusFollowed == m_shown && m_statusTimeline->isFollowing())
        return;
    m_statusTimeline->stop();
    m_statusTimeline->model()->clear();
    m_statusFollowed = m_shown;
    ClusterObservation* c = cluster(m_shown);
    if (!c) {
        m_statusTimeline->setMessage(tr("No cluster selected."));
        return;
    }
    if (!c->hasKafka() || c->isEmbedded()) {
        m_statusTimeline->setMessage(c->isEmbedded()
                                         ? tr("The embedded worker is standalone: it keeps no status "
                                              "topic. The worker log shows its state changes.")
                                         : c->kafkaUnavailableReason());
        return;
    }
    m_statusTimeline->follow(c->kafkaProperties(), c->topics().status);
}

ClusterObservation* ObservabilityController::cluster(const QString& clusterId) const
{
    return m_clusters.value(clusterId);
}

QList<QPair<QString, QWidget*>> ObservabilityController::connectorTabs(const QString& clusterId,
                                                                       const QString& connector,
                                                                       const QString& connectorType,
                                                                       QWidget* parent)
{
    ClusterObservation* c = cluster(clusterId);
    if (!c)
        return {};
    QList<QPair<QString, QWidget*>> tabs;
    tabs.append({tr("Throughput"), new ThroughputTab(c, connector, connectorType, parent)});

    auto* history = new StatusTimelineWidget(parent);
    history->setObjectName(QStringLiteral("historyTab"));
    history->model()->setConnectorFilter(connector);
    if (c->isEmbedded())
        history->setMessage(tr("The embedded worker is standalone: it keeps no status topic."));
    else if (!c->hasKafka())
        history->setMessage(c->kafkaUnavailableReason());
    else
        history->follow(c->kafkaProperties(), c->topics().status);
    tabs.append({tr("History"), history});

    tabs.append({tr("Peek"), new PeekWidget(c, connector, parent)});
    return tabs;
}

} // namespace connectdesk::ui::observe
