#include "embedded_worker_controller.h"

#include "runtime/embedded_worker.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QSettings>
#include <QThread>
#include <QTimer>

namespace connectdesk::ui {

runtime::ConfigMap EmbeddedWorkerSettings::workerProperties() const
{
    runtime::ConfigMap props{
        {"bootstrap.servers", useSandbox ? std::string("sandbox") : bootstrapServers.trimmed().toStdString()},
        {"key.converter", keyConverter.trimmed().toStdString()},
        {"value.converter", valueConverter.trimmed().toStdString()},
        {"offset.storage.file.filename", "${connectdesk.state.dir}/console-sandbox.offsets"},
        {"offset.flush.interval.ms", "10000"},
        {"listeners", "http://127.0.0.1:" + std::to_string(restPort)}};
    if (!useSandbox)
        props["offset.storage.file.filename"] = "${connectdesk.state.dir}/console-worker.offsets";
    if (!pluginPath.trimmed().isEmpty())
        props["plugin.path"] = pluginPath.trimmed().toStdString();
    return props;
}

EmbeddedWorkerSettings EmbeddedWorkerSettings::load(QSettings& settings)
{
    EmbeddedWorkerSettings s;
    settings.beginGroup(QStringLiteral("embedded"));
    s.useSandbox = settings.value(QStringLiteral("useSandbox"), s.useSandbox).toBool();
    s.bootstrapServers = settings.value(QStringLiteral("bootstrapServers")).toString();
    s.pluginPath = settings.value(QStringLiteral("pluginPath")).toString();
    s.keyConverter = settings.value(QStringLiteral("keyConverter"), s.keyConverter).toString();
    s.valueConverter = settings.value(QStringLiteral("valueConverter"), s.valueConverter).toString();
    s.restPort = settings.value(QStringLiteral("restPort"), 0).toInt();
    settings.endGroup();
    return s;
}

void EmbeddedWorkerSettings::save(QSettings& settings) const
{
    settings.beginGroup(QStringLiteral("embedded"));
    settings.setValue(QStringLiteral("useSandbox"), useSandbox);
    settings.setValue(QStringLiteral("bootstrapServers"), bootstrapServers);
    settings.setValue(QStringLiteral("pluginPath"), pluginPath);
    settings.setValue(QStringLiteral("keyConverter"), keyConverter);
    settings.setValue(QStringLiteral("valueConverter"), valueConverter);
    settings.setValue(QStringLiteral("restPort"), restPort);
    settings.endGroup();
    settings.sync();
}

EmbeddedWorkerController::EmbeddedWorkerController(QObject* parent) : QObject(parent) {}

EmbeddedWorkerController::~EmbeddedWorkerController()
{
    m_startPending = false;
    if (m_herder) {
        m_herder = nullptr;
        Q_EMIT herderChanged(nullptr);
    }
    if (m_thread) {
        m_thread->requestInterruption();
        m_thread->wait();
    }
}

void EmbeddedWorkerController::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

void EmbeddedWorkerController::start(const runtime::ConfigMap& properties)
{
    m_pending = properties;
    m_startPending = true;
    if (m_thread) {
        stop(); // the pending start follows when the old worker's thread has finished
        return;
    }
    launch();
}

void EmbeddedWorkerController::stop()
{
    if (!m_thread)
        return;
    // Whoever reads the herder in-process lets go of it before the worker is torn down.
    if (m_herder) {
        m_herder = nullptr;
        Q_EMIT herderChanged(nullptr);
    }
    m_bootstrap.clear();
    setState(State::Stopping);
    Q_EMIT unavailable(tr("The embedded worker is stopping…"));
    m_thread->requestInterruption();
}

void EmbeddedWorkerController::launch()
{
    m_startPending = false;
    const runtime::ConfigMap properties = m_pending;
    m_properties = properties;
    m_bootstrap.clear();
    const auto bootstrap = properties.find("bootstrap.servers");
    m_onSandbox = bootstrap != properties.end() && bootstrap->second == "sandbox";
    m_url.clear();
    m_problem.clear();
    const int generation = ++m_generation;
    setState(State::Starting);
    Q_EMIT unavailable(tr("Starting the embedded worker…"));
    // The worker gets its own thread and event loop (its REST server runs there), so nothing it
    // does can stall painting; results come back through queued calls.
    m_thread.reset(QThread::create([this, properties, generation] {
        std::unique_ptr<runtime::EmbeddedWorker> worker;
        QString url;
        QString reason;
        QString resolved;
        runtime::ConfigMap resolvedProps; // config provider references resolved
        try {
            worker = std::make_unique<runtime::EmbeddedWorker>(properties);
            worker->start();
            url = QString::fromStdString(worker->restUrl());
            resolved = QString::fromStdString(worker->bootstrapServers());
            resolvedProps = worker->config().originals;
            if (url.isEmpty())
                reason = tr("The embedded worker runs without a REST server.");
        } catch (const std::exception& e) {
            worker.reset();
            reason = tr("The embedded worker could not start: %1").arg(QString::fromStdString(e.what()));
        }
        runtime::StandaloneHerder* herder = worker ? &worker->herder() : nullptr;
        QMetaObject::invokeMethod(
            this,
            [this, generation, url, reason, resolved, resolvedProps, herder] {
                onStarted(generation, url, reason, resolved, resolvedProps, herder);
            },
            Qt::QueuedConnection);
        if (!worker)
            return;
        // Polling the interruption flag also covers a stop requested while start() was running.
        QEventLoop loop;
        QTimer poll;
        QObject::connect(&poll, &QTimer::timeout, &loop, [&loop] {
            if (QThread::currentThread()->isInterruptionRequested())
                loop.quit();
        });
        poll.start(100);
        loop.exec();
        try {
            worker->stop();
        } catch (const std::exception&) {
            // Nothing more to do at the end of the worker's life; the thread ends either way.
        }
        worker.reset();
    }));
    connect(
        m_thread.get(), &QThread::finished, this, [this, generation] { onThreadFinished(generation); },
        Qt::QueuedConnection);
    m_thread->start();
}

void EmbeddedWorkerController::onStarted(int generation, const QString& url, const QString& reason,
                                         const QString& bootstrap, const runtime::ConfigMap& resolvedProps,
                                         runtime::StandaloneHerder* herder)
{
    if (generation != m_generation || m_state != State::Starting)
        return; // a stop came first; the thread is already winding down
    if (!herder) {
        m_problem = reason;
        setState(State::Stopped);
        Q_EMIT unavailable(reason);
        return;
    }
    m_bootstrap = bootstrap;
    // What readers of the worker's Kafka (Peek) use: ${...} references resolved, as the worker's own
    // clients see them.
    m_properties = resolvedProps;
    m_herder = herder;
    Q_EMIT herderChanged(herder);
    if (url.isEmpty()) {
        m_problem = reason;
        setState(State::Running);
        Q_EMIT unavailable(reason);
        return;
    }
    m_url = QUrl(url);
    setState(State::Running);
    Q_EMIT started(m_url);
}

void EmbeddedWorkerController::onThreadFinished(int generation)
{
    if (generation != m_generation || !m_thread)
        return;
    m_thread->wait();
    m_thread.reset();
    if (m_herder) {
        m_herder = nullptr;
        Q_EMIT herderChanged(nullptr);
    }
    m_url.clear();
    m_bootstrap.clear();
    if (m_startPending) {
        launch();
        return;
    }
    const bool failed = m_state == State::Stopped && !m_problem.isEmpty();
    setState(State::Stopped);
    if (!failed)
        Q_EMIT unavailable(tr("The embedded worker is stopped."));
}

} // namespace connectdesk::ui
