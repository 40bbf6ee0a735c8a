// Runs the console's embedded worker (runtime::EmbeddedWorker) on its own thread with its own
// event loop, from settings the user can edit in the sidebar; start, stop and restart never block
// the GUI thread (only the destructor, at exit, waits for the worker to finish stopping).
#pragma once

#include "runtime/herder.h"

#include <QObject>
#include <QString>
#include <QUrl>

#include <memory>

class QSettings;
class QThread;

namespace connectdesk::runtime {
class StandaloneHerder;
}

namespace connectdesk::ui {

// What the user can set for the embedded worker (kept in QSettings, group "embedded").
struct EmbeddedWorkerSettings {
    bool useSandbox = true;   // librdkafka's in-memory mock cluster: nothing is durable
    QString bootstrapServers; // used when !useSandbox
    QString pluginPath;       // comma-separated dirs; empty = the built-in plugins only
    QString keyConverter = QStringLiteral("org.apache.kafka.connect.storage.StringConverter");
    QString valueConverter = QStringLiteral("org.apache.kafka.connect.storage.StringConverter");
    int restPort = 0; // on 127.0.0.1; 0 = any free port, so it never clashes with a worker on 8083

    // The worker properties: these settings over the console's defaults (offsets file in the
    // per-user state dir, loopback REST listener).
    runtime::ConfigMap workerProperties() const;
    static EmbeddedWorkerSettings load(QSettings& settings);
    void save(QSettings& settings) const;
    friend bool operator==(const EmbeddedWorkerSettings&, const EmbeddedWorkerSettings&) = default;
};

class EmbeddedWorkerController : public QObject {
    Q_OBJECT
public:
    enum class State { Stopped, Starting, Running, Stopping };
    Q_ENUM(State)

    explicit EmbeddedWorkerController(QObject* parent = nullptr);
    // Stops the worker and waits for its thread.
    ~EmbeddedWorkerController() override;

    // Starts a worker from `properties`; when one runs, it is stopped first (restart).
    void start(const runtime::ConfigMap& properties);
    void stop();

    State state() const { return m_state; }
    QUrl url() const { return m_url; }
    // Why the last start failed (empty after a good start).
    QString problem() const { return m_problem; }
    // Valid while state() == Running; cleared (herderChanged(nullptr)) before the worker stops.
    runtime::StandaloneHerder* herder() const { return m_herder; }
    bool onSandbox() const { return m_onSandbox; }
    // While Running: the Kafka address the worker resolved (the sandbox's loopback listener for
    // bootstrap.servers=sandbox), empty otherwise; and the properties of the last start.
    QString bootstrapServers() const { return m_bootstrap; }
    const runtime::ConfigMap& properties() const { return m_properties; }

Q_SIGNALS:
    void stateChanged(connectdesk::ui::EmbeddedWorkerController::State state);
    // Up at `url`; or down with `reason` (failed start, or stopped on request).
    void started(const QUrl& url);
    void unavailable(const QString& reason);
    void herderChanged(connectdesk::runtime::StandaloneHerder* herder);

private:
    void launch();
    void onStarted(int generation, const QString& url, const QString& reason, const QString& bootstrap,
                   const runtime::ConfigMap& resolvedProps, runtime::StandaloneHerder* herder);
    void onThreadFinished(int generation);
    void setState(State state);

    State m_state = State::Stopped;
    std::unique_ptr<QThread> m_thread;
    runtime::ConfigMap m_pending; // properties of the start waiting for a stop to finish
    bool m_startPending = false;
    int m_generation = 0;
    QUrl m_url;
    QString m_problem;
    bool m_onSandbox = true;
    QString m_bootstrap;
    runtime::ConfigMap m_properties; // of the worker started last (resolved once it runs)
    runtime::StandaloneHerder* m_herder = nullptr;
};

} // namespace connectdesk::ui
