#include "failure_notifier.h"

#include "state_style.h"

#include <QAction>
#include <QApplication>
#include <QMenu>
#include <QStyle>
#include <QSystemTrayIcon>

namespace connectdesk::ui::observe {

namespace {
const QString kFailed = QStringLiteral("FAILED");

QString firstLine(const QString& trace)
{
    return trace.section(QLatin1Char('\n'), 0, 0).left(200);
}
} // namespace

QString Failure::title() const
{
    return task < 0 ? QObject::tr("Connector %1 failed").arg(connector)
                    : QObject::tr("Task %1 of %2 failed").arg(task).arg(connector);
}

FailureNotifier::FailureNotifier(QObject* parent, bool useTray) : QObject(parent)
{
    qRegisterMetaType<connectdesk::ui::observe::Failure>();
    m_restartAction = new QAction(tr("Restart"), this);
    m_restartAction->setObjectName(QStringLiteral("restartFailedAction"));
    m_restartAction->setEnabled(false);
    connect(m_restartAction, &QAction::triggered, this, [this] {
        if (m_latest)
            restart(m_latest->clusterId, m_latest->connector, m_latest->task);
    });
    if (useTray && QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new QSystemTrayIcon(this);
        const QIcon icon = QApplication::windowIcon();
        m_tray->setIcon(icon.isNull() ? qApp->style()->standardIcon(QStyle::SP_ComputerIcon) : icon);
        m_tray->setToolTip(QStringLiteral("ConnectDesk"));
        m_trayMenu = new QMenu;
        m_trayMenu->addAction(m_restartAction);
        m_tray->setContextMenu(m_trayMenu);
        connect(m_tray, &QSystemTrayIcon::messageClicked, this, [this] {
            if (m_latest)
                Q_EMIT showConnectorRequested(m_latest->clusterId, m_latest->connector);
        });
        m_tray->show();
    }
}

FailureNotifier::~FailureNotifier()
{
    delete m_trayMenu;
}

QString FailureNotifier::keyOf(const QString& connector, int task)
{
    return connector + QLatin1Char('#') + QString::number(task);
}

void FailureNotifier::setCluster(const QString& clusterId, const QString& displayName,
                                 client::ClusterClient* client)
{
    Cluster& c = m_clusters[clusterId];
    c.name = displayName;
    c.client = client;
}

void FailureNotifier::removeCluster(const QString& clusterId)
{
    if (m_clusters.remove(clusterId) == 0)
        return;
    if (m_latest && m_latest->clusterId == clusterId)
        m_latest.reset();
    updateRestartAction();
    Q_EMIT failedCountChanged(clusterId, 0);
}

void FailureNotifier::connectorsRefreshed(const QString& clusterId,
                                          const QList<client::ConnectorOverview>& connectors)
{
    Cluster& c = m_clusters[clusterId];
    QHash<QString, Failure> now;
    for (const client::ConnectorOverview& o : connectors) {
        if (!o.status)
            continue;
        if (o.status->connector.state == kFailed)
            now.insert(keyOf(o.name, -1), Failure{clusterId, o.name, -1, o.status->connector.workerId,
                                                  o.status->connector.trace});
        for (const client::TaskState& t : o.status->tasks)
            if (t.state == kFailed)
                now.insert(keyOf(o.name, t.id), Failure{clusterId, o.name, t.id, t.workerId, t.trace});
    }
    QList<Failure> raised;
    for (auto it = now.cbegin(); it != now.cend(); ++it)
        if (!c.failed.contains(it.key()))
            raised.append(it.value());
    const int before = static_cast<int>(c.failed.size());
    c.failed = now;
    c.seen = true;
    if (m_latest && m_latest->clusterId == clusterId &&
        !now.contains(keyOf(m_latest->connector, m_latest->task)))
        m_latest.reset();
    std::sort(raised.begin(), raised.end(), [](const Failure& a, const Failure& b) {
        return std::tie(a.connector, a.task) < std::tie(b.connector, b.task);
    });
    for (const Failure& f : raised) {
        m_latest = f;
        Q_EMIT failureRaised(f);
    }
    if (!raised.isEmpty() && m_tray) {
        const Failure& f = raised.constLast();
        QString text = c.name.isEmpty() ? f.title() : tr("%1 on %2").arg(f.title(), c.name);
        if (raised.size() > 1)
            text += tr(" (and %n more)", nullptr, static_cast<int>(raised.size() - 1));
        if (!f.trace.isEmpty())
            text += QLatin1Char('\n') + firstLine(f.trace);
        m_tray->showMessage(tr("ConnectDesk: failure"), text, stateIcon(kFailed), 15'000);
    }
    updateRestartAction();
    if (before != now.size() || !raised.isEmpty())
        Q_EMIT failedCountChanged(clusterId, static_cast<int>(now.size()));
}

int FailureNotifier::failedCount(const QString& clusterId) const
{
    const auto it = m_clusters.constFind(clusterId);
    return it == m_clusters.cend() ? 0 : static_cast<int>(it->failed.size());
}

QList<Failure> FailureNotifier::failures(const QString& clusterId) const
{
    const auto it = m_clusters.constFind(clusterId);
    if (it == m_clusters.cend())
        return {};
    QList<Failure> out = it->failed.values();
    std::sort(out.begin(), out.end(), [](const Failure& a, const Failure& b) {
        return std::tie(a.connector, a.task) < std::tie(b.connector, b.task);
    });
    return out;
}

void FailureNotifier::updateRestartAction()
{
    if (m_latest) {
        m_restartAction->setText(
            m_latest->task < 0 ? tr("Restart connector %1").arg(m_latest->connector)
                               : tr("Restart task %1 of %2").arg(m_latest->task).arg(m_latest->connector));
        m_restartAction->setEnabled(true);
    } else {
        m_restartAction->setText(tr("Restart"));
        m_restartAction->setEnabled(false);
    }
}

void FailureNotifier::restart(const QString& clusterId, const QString& connector, int task)
{
    const auto it = m_clusters.constFind(clusterId);
    client::ClusterClient* c = it == m_clusters.cend() ? nullptr : it->client.data();
    if (!c) {
        Q_EMIT restartFinished(clusterId, connector, task, false, tr("The cluster is no longer shown."));
        return;
    }
    if (task >= 0) {
        c->restartTask(connector, task, this, [this, clusterId, connector, task](const auto& r) {
            Q_EMIT restartFinished(clusterId, connector, task, r.ok(),
                                   r.ok() ? tr("Task %1 of %2 restarting.").arg(task).arg(connector)
                                          : r.error.sentence);
        });
        return;
    }
    client::RestartOptions options;
    options.includeTasks = true;
    options.onlyFailed = true;
    c->restartConnector(connector, options, this, [this, clusterId, connector](const auto& r) {
        Q_EMIT restartFinished(clusterId, connector, -1, r.ok(),
                               r.ok() ? tr("%1 restarting.").arg(connector) : r.error.sentence);
    });
}

} // namespace connectdesk::ui::observe
