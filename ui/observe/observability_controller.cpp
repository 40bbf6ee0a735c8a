#include "observability_controller.h"

#include <QMainWindow>

namespace connectdesk::ui::observe {

ObservabilityController::ObservabilityController(QMainWindow* window) : QObject(window), m_window(window) {}

ObservabilityController::~ObservabilityController() = default;

void ObservabilityController::setEmbeddedHerder(runtime::StandaloneHerder* herder)
{
    m_herder = herder;
}

void ObservabilityController::setCluster(const QString& clusterId, const QString& displayName,
                                         client::ClusterClient* client, const ClusterProfile* profile)
{
    Q_UNUSED(displayName);
    Q_UNUSED(client);
    Q_UNUSED(profile);
    Q_EMIT clusterChanged(clusterId);
}

void ObservabilityController::removeCluster(const QString& clusterId)
{
    Q_EMIT clusterChanged(clusterId);
}

void ObservabilityController::connectorsRefreshed(const QString& clusterId,
                                                  const QList<client::ConnectorOverview>& connectors)
{
    Q_UNUSED(clusterId);
    Q_UNUSED(connectors);
}

void ObservabilityController::clusterShown(const QString& clusterId)
{
    m_shown = clusterId;
}

ClusterObservation* ObservabilityController::cluster(const QString& clusterId) const
{
    return m_clusters.value(clusterId);
}

} // namespace connectdesk::ui::observe
