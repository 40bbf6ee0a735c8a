#include "main_window.h"

#include "cluster_dialog.h"
#include "cluster_view.h"
#include "connector_detail_widget.h"
#include "embedded_settings_dialog.h"
#include "observe/observability_controller.h"
#include "promote_dialog.h"
#include "runtime/standalone_herder.h"
#include "state_style.h"
#include "version.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QStandardItemModel>
#include <QStatusBar>
#include <QVBoxLayout>

namespace connectdesk::ui {

namespace {
constexpr int IdRole = Qt::UserRole + 1;
constexpr int BaseToolTipRole = Qt::UserRole + 2;
} // namespace

MainWindow::MainWindow(MainWindowOptions options, QWidget* parent)
    : QMainWindow(parent), m_options(std::move(options))
{
    setWindowTitle(QStringLiteral("ConnectDesk"));
    m_store =
        new ClusterStore(m_options.settingsFile.isEmpty()
                             ? std::unique_ptr<QSettings>{}
                             : std::make_unique<QSettings>(m_options.settingsFile, QSettings::IniFormat),
                         this);
    connect(m_store, &ClusterStore::keychainUnavailable, this,
            [this](const QString& reason) { statusBar()->showMessage(reason, 15'000); });
    // Before the embedded worker starts, so the log dock's spdlog sink sees its first lines.
    m_observe = new observe::ObservabilityController(this);
    connect(m_observe, &observe::ObservabilityController::failedCountChanged, this,
            &MainWindow::setFailedBadge);
    connect(m_observe, &observe::ObservabilityController::showConnectorRequested, this,
            [this](const QString& id, const QString& connector) {
                selectCluster(id);
                if (auto* view = currentView())
                    view->selectConnector(connector);
            });

    auto* splitter = new QSplitter(this);
    auto* side = new QWidget(splitter);
    auto* sideLayout = new QVBoxLayout(side);
    sideLayout->setContentsMargins(4, 4, 4, 4);
    auto* heading = new QLabel(tr("<b>Clusters</b>"), side);
    m_clusters = new QStandardItemModel(this);
    m_clusterList = new QListView(side);
    m_clusterList->setObjectName(QStringLiteral("clusterList"));
    m_clusterList->setModel(m_clusters);
    m_clusterList->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_clusterList->setWordWrap(true);
    auto* buttons = new QHBoxLayout;
    auto makeButton = [side, buttons](const QString& text, const QString& name, const QString& tip) {
        auto* b = new QPushButton(text, side);
        b->setObjectName(name);
        b->setToolTip(tip);
        buttons->addWidget(b);
        return b;
    };
    auto* add = makeButton(tr("Add…"), QStringLiteral("addCluster"), tr("Add a remote Connect cluster"));
    auto* edit = makeButton(tr("Edit…"), QStringLiteral("editCluster"), tr("Edit the selected cluster"));
    auto* remove =
        makeButton(tr("Remove"), QStringLiteral("removeCluster"), tr("Remove the selected cluster"));
    auto* test = makeButton(tr("Test"), QStringLiteral("testCluster"),
                            tr("Test the connection to the selected cluster"));
    connect(add, &QPushButton::clicked, this, &MainWindow::addClusterInteractively);
    connect(edit, &QPushButton::clicked, this, &MainWindow::editCurrentCluster);
    connect(remove, &QPushButton::clicked, this, &MainWindow::removeCurrentCluster);
    connect(test, &QPushButton::clicked, this, &MainWindow::testCurrentCluster);
    sideLayout->addWidget(heading);
    sideLayout->addWidget(m_clusterList, 1);
    sideLayout->addLayout(buttons);

    // The embedded worker: its settings, start and stop (it runs on its own thread).
    auto* embeddedRow = new QHBoxLayout;
    auto* embeddedLabel = new QLabel(tr("Embedded:"), side);
    embeddedLabel->setObjectName(QStringLiteral("embeddedState"));
    embeddedRow->addWidget(embeddedLabel, 1);
    auto makeEmbeddedButton = [side, embeddedRow](const QString& text, const QString& name,
                                                  const QString& tip) {
        auto* b = new QPushButton(text, side);
        b->setObjectName(name);
        b->setToolTip(tip);
        embeddedRow->addWidget(b);
        return b;
    };
    auto* settingsButton = makeEmbeddedButton(tr("Settings…"), QStringLiteral("embeddedSettings"),
                                              tr("Bootstrap servers or the sandbox, plugin path, "
                                                 "converters, REST port of the embedded worker"));
    auto* startButton =
        makeEmbeddedButton(tr("Start"), QStringLiteral("embeddedStart"), tr("Start the embedded worker"));
    auto* stopButton =
        makeEmbeddedButton(tr("Stop"), QStringLiteral("embeddedStop"), tr("Stop the embedded worker"));
    sideLayout->addLayout(embeddedRow);
    connect(settingsButton, &QPushButton::clicked, this, &MainWindow::editEmbeddedSettings);
    connect(startButton, &QPushButton::clicked, this, &MainWindow::startEmbeddedWorker);
    connect(stopButton, &QPushButton::clicked, this, &MainWindow::stopEmbeddedWorker);

    m_embedded = new EmbeddedWorkerController(this);
    connect(m_embedded, &EmbeddedWorkerController::started, this, [this](const QUrl& url) {
        m_options.embeddedOnSandbox = m_embedded->onSandbox();
        setEmbeddedWorker(url);
    });
    connect(m_embedded, &EmbeddedWorkerController::unavailable, this,
            [this](const QString& reason) { setEmbeddedWorker(QUrl(), reason); });
    connect(m_embedded, &EmbeddedWorkerController::herderChanged, this, &MainWindow::setEmbeddedHerder);
    connect(m_embedded, &EmbeddedWorkerController::stateChanged, this, &MainWindow::updateEmbeddedButtons);

    m_pages = new QStackedWidget(splitter);
    splitter->addWidget(side);
    splitter->addWidget(m_pages);
    splitter->setStretchFactor(1, 4);
    splitter->setSizes({260, 1000});
    setCentralWidget(splitter);

    rebuildClusterList();
    connect(m_clusterList->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex& current) {
                const QString id = current.data(IdRole).toString();
                showCluster(id);
                const bool remote = !id.isEmpty() && id != embeddedId();
                findChild<QPushButton*>(QStringLiteral("editCluster"))->setEnabled(remote);
                findChild<QPushButton*>(QStringLiteral("removeCluster"))->setEnabled(remote);
            });
    selectCluster(embeddedId());
    statusBar()->showMessage(QString::fromStdString(versionBanner()));
    resize(1280, 800);
    updateEmbeddedButtons();
    if (m_options.startEmbedded)
        startEmbeddedWorker();
}

MainWindow::~MainWindow()
{
    // The worker stops (and its herder is let go) before the pages that show it disappear.
    if (m_observe)
        m_observe->setEmbeddedHerder(nullptr);
    delete m_embedded;
    m_embedded = nullptr;
    m_embeddedHerder = nullptr;
    // Views hold QPointers to the clients; delete the pages first so no refresh callback outlives them.
    delete m_pages;
    m_pages = nullptr;
    qDeleteAll(m_clients);
}

void MainWindow::rebuildClusterList()
{
    const QString current = currentClusterId();
    m_clusters->clear();
    // The embedded worker is always first; its label says plainly when nothing is durable.
    auto* embedded = new QStandardItem(m_options.embeddedOnSandbox
                                           ? tr("Embedded worker (sandbox: in-memory, not durable)")
                                           : tr("Embedded worker"));
    embedded->setData(embeddedId(), IdRole);
    embedded->setToolTip(m_options.embeddedUrl.isEmpty() ? m_options.embeddedUnavailableReason
                                                         : m_options.embeddedUrl.toString());
    m_clusters->appendRow(embedded);
    for (const ClusterProfile& p : m_store->profiles()) {
        auto* item = new QStandardItem(p.name);
        item->setData(p.id, IdRole);
        item->setToolTip(p.url);
        m_clusters->appendRow(item);
    }
    for (int row = 0; row < m_clusters->rowCount(); ++row) {
        QStandardItem* item = m_clusters->item(row);
        item->setData(item->toolTip(), BaseToolTipRole);
        const QString id = item->data(IdRole).toString();
        if (m_failed.value(id) > 0)
            setFailedBadge(id, m_failed.value(id));
    }
    if (!current.isEmpty())
        selectCluster(current);
}

void MainWindow::selectCluster(const QString& id)
{
    for (int row = 0; row < m_clusters->rowCount(); ++row)
        if (m_clusters->item(row)->data(IdRole).toString() == id) {
            m_clusterList->setCurrentIndex(m_clusters->index(row, 0));
            showCluster(id);
            return;
        }
}

QString MainWindow::currentClusterId() const
{
    return m_clusterList ? m_clusterList->currentIndex().data(IdRole).toString() : QString();
}

ClusterView* MainWindow::currentView() const
{
    return qobject_cast<ClusterView*>(m_pages->currentWidget());
}

ClusterView* MainWindow::viewFor(const QString& id)
{
    if (auto* view = m_views.value(id))
        return view;
    ClusterView* view = nullptr;
    if (id == embeddedId()) {
        client::ClusterClient* embeddedClient = nullptr;
        if (!m_options.embeddedUrl.isEmpty()) {
            client::RemoteEndpoint endpoint;
            endpoint.baseUrl = m_options.embeddedUrl;
            embeddedClient = new client::RemoteClusterClient(endpoint);
            m_clients.insert(id, embeddedClient);
        }
        const QString reason = m_options.embeddedUnavailableReason.isEmpty()
                                   ? tr("The embedded worker is not running.")
                                   : m_options.embeddedUnavailableReason;
        view = new ClusterView(embeddedClient, m_clusters->item(0)->text(), 5, m_pages);
        if (!embeddedClient)
            view->setClient(nullptr, reason);
        // Its Kafka as the worker resolved it (the sandbox's address too) and its converters, for
        // the Peek tab; unknown for a worker the console did not start (--embedded-url).
        const bool running = m_embedded && m_embedded->state() == EmbeddedWorkerController::State::Running;
        m_observe->setEmbeddedCluster(id, m_clusters->item(0)->text(), embeddedClient,
                                      running ? observe::embeddedKafka(m_embedded->properties(),
                                                                       m_embedded->bootstrapServers(),
                                                                       m_embedded->onSandbox())
                                              : observe::EmbeddedKafka());
    } else {
        const auto& profiles = m_store->profiles();
        auto it = std::find_if(profiles.begin(), profiles.end(),
                               [&](const ClusterProfile& p) { return p.id == id; });
        if (it == profiles.end())
            return nullptr;
        const ClusterProfile& profile = *it;
        view = new ClusterView(nullptr, profile.name, profile.refreshSeconds, m_pages);
        auto connectWith = [this, view, id, profile](const QString& password) {
            auto* remote = new client::RemoteClusterClient(profile.endpoint(password));
            delete m_clients.take(id);
            m_clients.insert(id, remote);
            view->setClient(remote);
            if (!remote->setupProblem().isEmpty())
                statusBar()->showMessage(remote->setupProblem(), 15'000);
            m_observe->setCluster(id, profile.name, remote, &profile);
            if (!profile.kafkaBootstrap.trimmed().isEmpty()) {
                // Secret Kafka client properties come from the keychain, asynchronously.
                QPointer<client::ClusterClient> guard(remote);
                m_store->readKafkaSecrets(
                    id, view, [this, id, profile, guard](const QMap<QString, QString>& secrets) {
                        if (guard && !secrets.isEmpty())
                            m_observe->setCluster(id, profile.name, guard.data(), &profile, secrets);
                    });
            }
        };
        if (profile.user.isEmpty()) {
            connectWith(QString()); // no credentials: no reason to wake the keychain
        } else {
            view->setClient(nullptr, tr("Reading the password from the keychain…"));
            m_store->readPassword(id, view, connectWith);
        }
    }
    connect(view, &ClusterView::connectorsRefreshed, this,
            [this, id](const QList<client::ConnectorOverview>& connectors) {
                m_observe->connectorsRefreshed(id, connectors);
            });
    view->detail()->setObservability(m_observe, id);
    connect(view, &ClusterView::promoteRequested, this,
            [this, id](const QString& connector, const client::ConnectorConfig& config) {
                openPromote(id, connector, config);
            });
    m_pages->addWidget(view);
    m_views.insert(id, view);
    return view;
}

PromoteDialog* MainWindow::openPromote(const QString& sourceId, const QString& connector,
                                       const client::ConnectorConfig& config)
{
    QList<PromoteTarget> targets;
    for (int row = 0; row < m_clusters->rowCount(); ++row) {
        const QString id = m_clusters->item(row)->data(IdRole).toString();
        if (id != sourceId)
            targets.append({id, m_clusters->item(row)->text()});
    }
    QString sourceName;
    for (int row = 0; row < m_clusters->rowCount(); ++row)
        if (m_clusters->item(row)->data(IdRole).toString() == sourceId)
            sourceName = m_clusters->item(row)->text();
    // A target's client exists once its page does; making the page connects it.
    auto clientFor = [this](const QString& id) -> client::ClusterClient* {
        viewFor(id);
        return m_clients.value(id);
    };
    auto* dialog = new PromoteDialog(sourceName, connector, config, targets, clientFor, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &PromoteDialog::promoted, this, [this](bool ok, const QString& message, const QString&) {
        statusBar()->showMessage(message, ok ? 10'000 : 30'000);
    });
    dialog->open();
    return dialog;
}

void MainWindow::showCluster(const QString& id)
{
    if (id.isEmpty())
        return;
    if (auto* view = viewFor(id))
        m_pages->setCurrentWidget(view);
    m_observe->clusterShown(id);
}

void MainWindow::setFailedBadge(const QString& id, int failed)
{
    m_failed.insert(id, failed);
    for (int row = 0; row < m_clusters->rowCount(); ++row) {
        QStandardItem* item = m_clusters->item(row);
        if (item->data(IdRole).toString() != id)
            continue;
        const QString base = item->data(BaseToolTipRole).toString();
        item->setIcon(failed > 0 ? stateIcon(QStringLiteral("FAILED")) : QIcon());
        item->setToolTip(failed > 0 ? base + QLatin1Char('\n') +
                                          tr("%n connector(s)/task(s) FAILED", nullptr, failed)
                                    : base);
    }
}

QString MainWindow::addCluster(const ClusterProfile& profile, const QString& password,
                               const QMap<QString, QString>& kafkaSecrets)
{
    QString id = m_store->save(profile);
    if (!password.isEmpty() || !profile.user.isEmpty())
        m_store->writePassword(id, password);
    if (!kafkaSecrets.isEmpty() || !profile.id.isEmpty())
        m_store->writeKafkaSecrets(id, kafkaSecrets);
    // An edited cluster gets a fresh view and client with the new settings.
    if (auto* old = m_views.take(id)) {
        m_pages->removeWidget(old);
        delete old;
        delete m_clients.take(id);
    }
    rebuildClusterList();
    selectCluster(id);
    return id;
}

void MainWindow::removeCluster(const QString& id)
{
    if (id == embeddedId())
        return;
    if (auto* old = m_views.take(id)) {
        m_pages->removeWidget(old);
        delete old;
    }
    delete m_clients.take(id);
    m_observe->removeCluster(id);
    m_failed.remove(id);
    m_store->remove(id);
    rebuildClusterList();
    selectCluster(embeddedId());
}

void MainWindow::setEmbeddedWorker(const QUrl& url, const QString& unavailableReason)
{
    m_options.embeddedUrl = url;
    m_options.embeddedUnavailableReason = unavailableReason;
    if (auto* old = m_views.take(embeddedId())) {
        m_pages->removeWidget(old);
        delete old;
    }
    delete m_clients.take(embeddedId());
    rebuildClusterList(); // re-selects the current cluster, which recreates the embedded page if shown
    if (currentClusterId().isEmpty())
        selectCluster(embeddedId());
}

void MainWindow::setEmbeddedHerder(runtime::StandaloneHerder* herder)
{
    m_embeddedHerder = herder;
    m_observe->setEmbeddedHerder(herder);
}

EmbeddedWorkerSettings MainWindow::embeddedSettings() const
{
    return EmbeddedWorkerSettings::load(m_store->settings());
}

void MainWindow::setEmbeddedSettings(const EmbeddedWorkerSettings& settings, bool restart)
{
    settings.save(m_store->settings());
    if (restart) {
        m_options.embeddedProperties.reset(); // the user's settings now win over --embedded-config
        startEmbeddedWorker();
    }
}

void MainWindow::startEmbeddedWorker()
{
    m_options.startEmbedded = true;
    const runtime::ConfigMap properties =
        m_options.embeddedProperties ? *m_options.embeddedProperties : embeddedSettings().workerProperties();
    const auto bootstrap = properties.find("bootstrap.servers");
    m_options.embeddedOnSandbox = bootstrap != properties.end() && bootstrap->second == "sandbox";
    m_embedded->start(properties);
}

void MainWindow::stopEmbeddedWorker()
{
    m_embedded->stop();
}

void MainWindow::updateEmbeddedButtons()
{
    using State = EmbeddedWorkerController::State;
    const State state = m_embedded ? m_embedded->state() : State::Stopped;
    // With --embedded-url the worker belongs to someone else: nothing to start or stop here.
    const bool external = !m_options.startEmbedded && !m_options.embeddedUrl.isEmpty();
    findChild<QPushButton*>(QStringLiteral("embeddedStart"))
        ->setEnabled(!external && state == State::Stopped);
    findChild<QPushButton*>(QStringLiteral("embeddedStop"))->setEnabled(!external && state == State::Running);
    static const QHash<State, QString> words = {{State::Stopped, tr("stopped")},
                                                {State::Starting, tr("starting…")},
                                                {State::Running, tr("running")},
                                                {State::Stopping, tr("stopping…")}};
    findChild<QLabel*>(QStringLiteral("embeddedState"))
        ->setText(tr("Embedded: %1").arg(external ? tr("external") : words.value(state)));
}

void MainWindow::editEmbeddedSettings()
{
    EmbeddedSettingsDialog dialog(embeddedSettings(), this);
    if (dialog.exec() == QDialog::Accepted)
        setEmbeddedSettings(dialog.settings(), dialog.restartRequested());
}

void MainWindow::addClusterInteractively()
{
    ClusterDialog dialog(this);
    if (dialog.exec() == QDialog::Accepted)
        addCluster(dialog.profile(), dialog.password(), dialog.kafkaSecrets());
}

void MainWindow::editCurrentCluster()
{
    const QString id = currentClusterId();
    const auto& profiles = m_store->profiles();
    auto it =
        std::find_if(profiles.begin(), profiles.end(), [&](const ClusterProfile& p) { return p.id == id; });
    if (it == profiles.end())
        return;
    const ClusterProfile& profile = *it;
    m_store->readPassword(id, this, [this, profile](const QString& password) {
        m_store->readKafkaSecrets(
            profile.id, this, [this, profile, password](const QMap<QString, QString>& secrets) {
                ClusterDialog dialog(this);
                dialog.setProfile(profile, password);
                dialog.setKafkaSecrets(secrets);
                if (dialog.exec() == QDialog::Accepted)
                    addCluster(dialog.profile(), dialog.password(), dialog.kafkaSecrets());
            });
    });
}

void MainWindow::removeCurrentCluster()
{
    const QString id = currentClusterId();
    if (id.isEmpty() || id == embeddedId())
        return;
    const QString name = m_clusterList->currentIndex().data().toString();
    if (QMessageBox::question(
            this, tr("Remove cluster"),
            tr("Remove \"%1\" from ConnectDesk? The cluster itself is not changed.").arg(name)) ==
        QMessageBox::Yes)
        removeCluster(id);
}

void MainWindow::testCurrentCluster()
{
    auto* client = m_clients.value(currentClusterId());
    if (!client) {
        statusBar()->showMessage(tr("This cluster has no connection to test."), 10'000);
        return;
    }
    statusBar()->showMessage(tr("Testing %1…").arg(client->address()));
    client->serverInfo(this, [this](const client::Result<client::ServerInfo>& r) {
        statusBar()->showMessage(r.ok() ? tr("Connected: Kafka Connect %1, Kafka cluster %2.")
                                              .arg(r.value->version, r.value->kafkaClusterId)
                                        : r.error.sentence,
                                 15'000);
    });
}

} // namespace connectdesk::ui
